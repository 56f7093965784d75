/**
 * Long work (imports, exports, replays of a long log) in turns: `take()` resolves at once until
 * `budgetMs` of work has passed since the last turn, then gives the event loop back for one turn,
 * so live rooms keep syncing while a big recording is read or written. Await it once per item.
 */
export function workInTurns(budgetMs = 12): { take(): Promise<void> } {
  let since = performance.now()
  return {
    async take() {
      if (performance.now() - since < budgetMs) return
      await new Promise(setImmediate)
      since = performance.now()
    },
  }
}
