/** Waits for `work` (ignoring its failure), but no longer than `ms`. */
export function withinMs(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms)
  })
  return Promise.race([work.catch(() => undefined), timeout]).then(() => clearTimeout(timer))
}
