// The one place an Octokit is made: retries and rate-limit handling are set up here, once, so every
// call the action makes behaves the same way when GitHub is slow or briefly unavailable.
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

export type Octokit = ReturnType<typeof getOctokit>

export interface OctokitSettings {
  token: string
  /** REST root, e.g. `https://api.github.com` or a GHES `https://host/api/v3`; GraphQL is derived. */
  baseUrl: string
  /** Retries of one request on 5xx and network errors (default 3). */
  retries?: number
  /** Back-off unit between retries, in milliseconds (default 1000): waits of 1, 4, 9 units. */
  retryBaseMs?: number
  /** How long a rate-limited request may wait before it is retried, in seconds (default 300). */
  maxRateLimitWait?: number
  /**
   * Spacing of writes as GitHub asks (one a second, comments three seconds apart). The spacing is
   * shared by every client in a process, so in-process tests that make many clients turn it off.
   */
  throttle?: boolean
  log?: { info(message: string): void; warning(message: string): void }
}

const RATE_LIMIT_RETRIES = 2

export function createOctokit(settings: OctokitSettings): Octokit {
  const maxWait = settings.maxRateLimitWait ?? 300
  const log = settings.log
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number): boolean => {
      const call = `${options.method ?? 'GET'} ${options.url ?? ''}`
      if (retryCount < RATE_LIMIT_RETRIES && retryAfter <= maxWait) {
        log?.info(`GitHub ${kind} on ${call}; retrying in ${retryAfter}s.`)
        return true
      }
      log?.warning(`GitHub ${kind} on ${call}; giving up (retry after ${retryAfter}s).`)
      return false
    }
  return getOctokit(
    settings.token,
    {
      baseUrl: settings.baseUrl.replace(/\/+$/, ''),
      userAgent: 'opsplan-action',
      retry: {
        retries: settings.retries ?? 3,
        retryAfterBaseValue: settings.retryBaseMs ?? 1000,
        // A 4xx is an answer, not a hiccup: asking again cannot change "no permission" (403), a
        // conflict (409) or a refused update (422). Rate limits (429, some 403s) are throttling's.
        doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451]
      },
      throttle: {
        enabled: settings.throttle ?? true,
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit')
      }
    },
    retry,
    throttling
  )
}
