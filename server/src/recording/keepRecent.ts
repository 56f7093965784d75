/**
 * Puts `key` in `map` as its most recently used entry (a Map iterates in insertion order), then
 * drops the least recently used entries beyond `capacity`.
 */
export function keepRecent<K, V>(map: Map<K, V>, key: K, value: V, capacity: number): void {
  map.delete(key)
  map.set(key, value)
  for (const oldest of map.keys()) {
    if (map.size <= capacity) break
    map.delete(oldest)
  }
}
