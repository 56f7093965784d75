/**
 * Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`
 * with `message` and the last error. Tests wait for conditions, never for fixed sleeps.
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  message: string,
  timeoutMs = 5_000,
  intervalMs = 20,
): Promise<Exclude<T, false | undefined>> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown = null
  for (;;) {
    try {
      const value = await check()
      if (value !== undefined && value !== false) return value as Exclude<T, false | undefined>
    } catch (error) {
      lastError = error
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms: ${message}${lastError ? ` (last error: ${String(lastError)})` : ''}`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
