/**
 * The kinds of architecture component, in the order the kit lists them. Part of the board's
 * contract (README, "Board document layout"): a `component` of another kind is refused.
 */
export const COMPONENT_KINDS = [
  'client',
  'mobile',
  'dns',
  'cdn',
  'load-balancer',
  'api-gateway',
  'service',
  'worker',
  'function',
  'sql-database',
  'nosql-database',
  'cache',
  'queue',
  'event-stream',
  'object-storage',
  'search-index',
  'external',
] as const

/** One of `COMPONENT_KINDS`. */
export type ComponentKind = (typeof COMPONENT_KINDS)[number]

/** What each kind is called: the kit's names, a new component's label and the report's words. */
export const COMPONENT_KIND_NAMES: Readonly<Record<ComponentKind, string>> = {
  client: 'Client',
  mobile: 'Mobile app',
  dns: 'DNS',
  cdn: 'CDN',
  'load-balancer': 'Load balancer',
  'api-gateway': 'API gateway',
  service: 'Service',
  worker: 'Worker',
  function: 'Function',
  'sql-database': 'SQL database',
  'nosql-database': 'NoSQL database',
  cache: 'Cache',
  queue: 'Queue',
  'event-stream': 'Event stream',
  'object-storage': 'Object storage',
  'search-index': 'Search index',
  external: 'External service',
}

/** Whether `value` is one of `COMPONENT_KINDS`. */
export function isComponentKind(value: unknown): value is ComponentKind {
  return typeof value === 'string' && (COMPONENT_KINDS as readonly string[]).includes(value)
}

/** Longest caption a component may carry, in UTF-16 code units (`×3`, `10k QPS`, `Redis`). */
export const COMPONENT_CAPTION_MAX = 80
