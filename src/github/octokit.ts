// The one place an Octokit is made: retries and rate-limit handling are set up here, once, so every
// call the action makes behaves the same way when GitHub is slow or briefly unavailable.
import { getOctokit } from '@actions/github'
import { throttling } from '@octokit/plugin-throttling'
import { retryingRequest } from './retry.js'

export type Octokit = ReturnType<typeof getOctokit>

export interface OctokitSettings {
  token: string
  /** REST root, e.g. `https://api.github.com` or a GHES `https://host/api/v3`; GraphQL is derived. */
  baseUrl: string
  /** Retries of one request on 5xx and network errors (default 3). */
  retries?: number
  /** First back-off between retries, in milliseconds (default 1000); `Retry-After` wins when sent. */
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
  const octokit = getOctokit(
    settings.token,
    {
      baseUrl: settings.baseUrl.replace(/\/+$/, ''),
      userAgent: 'opsplan-action',
      throttle: {
        enabled: settings.throttle ?? true,
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit')
      }
    },
    throttling
  )
  // Wrapped around the throttling so a retried request is throttled again like any other.
  const retrying = retryingRequest({
    retries: settings.retries ?? 3,
    baseMs: settings.retryBaseMs ?? 1000,
    maxWaitMs: maxWait * 1000,
    log
  })
  octokit.hook.wrap('request', (request, options) => retrying<typeof options, Awaited<ReturnType<typeof request>>>(request, options))
  return octokit
}
