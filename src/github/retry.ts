// Retries of one GitHub request when GitHub is briefly unavailable (5xx, or no answer at all).
// Rate limits are the throttling plugin's business; a 403 or any other 4xx is an answer, not a
// hiccup, and asking again cannot change it.

export interface RetryPolicy {
  /** Further attempts after the first. */
  retries: number
  /** First back-off; doubles each time. GitHub's own `Retry-After` wins whenever it sends one. */
  baseMs: number
  /** A `Retry-After` longer than this is not waited for: the call fails instead. */
  maxWaitMs: number
  log?: { info(message: string): void }
  sleep?: (ms: number) => Promise<void>
}

interface FailedRequest {
  status?: unknown
  response?: { headers?: Record<string, string | undefined> }
  request?: { method?: string; url?: string }
}

/** Per request, `request: { retries: 0 }` turns retrying off (a POST that must not run twice). */
interface RequestOptions {
  method?: string
  url?: string
  request?: { retries?: number; [option: string]: unknown }
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** True for a failure worth asking again: a 5xx, or a request that never got an answer. */
export function isTransient(error: unknown): boolean {
  const status = (error as FailedRequest | null)?.status
  return typeof status === 'number' && status >= 500
}

/** Milliseconds GitHub asked us to wait, from `Retry-After` (seconds or an HTTP date). */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  const value = (error as FailedRequest | null)?.response?.headers?.['retry-after']
  if (value === undefined || value === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/** A `hook.wrap('request', ...)` function that retries transient failures per the policy. */
export function retryingRequest(policy: RetryPolicy) {
  const sleep = policy.sleep ?? defaultSleep
  return async <O extends RequestOptions, R>(request: (options: O) => R | Promise<R>, options: O): Promise<R> => {
    const retries = options.request?.retries ?? policy.retries
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(options)
      } catch (error) {
        if (attempt >= retries || !isTransient(error)) throw error
        const asked = retryAfterMs(error)
        if (asked !== undefined && asked > policy.maxWaitMs) throw error
        const wait = asked ?? policy.baseMs * 2 ** attempt
        const failed = error as FailedRequest
        const call = `${failed.request?.method ?? options.method ?? ''} ${failed.request?.url ?? options.url ?? ''}`.trim()
        policy.log?.info(`GitHub answered ${String(failed.status)} on ${call}; retrying in ${wait / 1000}s (attempt ${attempt + 2} of ${retries + 1}).`)
        await sleep(wait)
      }
    }
  }
}
