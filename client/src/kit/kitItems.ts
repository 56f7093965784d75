import { COMPONENT_KIND_NAMES, COMPONENT_KINDS, type ComponentKind } from '@tradeoff/shared/architecture'

/** Something the kit places: a component of one kind, an empty estimate, or the reference card. */
export type KitItem =
  | { id: ComponentKind; type: 'component'; name: string; keywords: string; kbd?: string }
  | { id: 'estimate' | 'reference'; type: 'estimate'; name: string; keywords: string; kbd?: string }

/** Words people search by besides the name: products and synonyms. */
const KEYWORDS: Record<ComponentKind, string> = {
  client: 'browser web frontend user desktop',
  mobile: 'phone ios android app',
  dns: 'domain name resolver route53',
  cdn: 'edge cache static cloudfront akamai fastly',
  'load-balancer': 'lb nginx haproxy elb alb traffic',
  'api-gateway': 'gateway edge auth rate limit ingress',
  service: 'server backend api microservice app',
  worker: 'consumer job background batch cron',
  function: 'lambda serverless faas',
  'sql-database': 'postgres mysql relational rdbms db',
  'nosql-database': 'mongo dynamo cassandra document key value db',
  cache: 'redis memcached memory',
  queue: 'sqs rabbitmq message broker',
  'event-stream': 'kafka kinesis pubsub log stream',
  'object-storage': 's3 blob bucket gcs files',
  'search-index': 'elasticsearch opensearch solr lucene full text',
  external: 'third party vendor payment api saas',
}

/**
 * Keyboard shortcuts of the common kinds: shift plus a letter that tldraw's own shortcuts leave
 * free (its tools take the plain letters). Shown in the kit and in tldraw's shortcuts dialog.
 */
const SHORTCUTS: Partial<Record<KitItem['id'], string>> = {
  client: 'shift+u',
  'load-balancer': 'shift+b',
  service: 'shift+s',
  'sql-database': 'shift+r',
  cache: 'shift+c',
  queue: 'shift+m',
  estimate: 'shift+n',
}

/** The kit's items in the order it lists them. */
export const KIT_ITEMS: readonly KitItem[] = [
  ...COMPONENT_KINDS.map(
    (kind): KitItem => ({
      id: kind,
      type: 'component',
      name: COMPONENT_KIND_NAMES[kind],
      keywords: KEYWORDS[kind],
      kbd: SHORTCUTS[kind],
    }),
  ),
  {
    id: 'estimate',
    type: 'estimate',
    name: 'Estimate',
    keywords: 'back of the envelope calculation math qps storage bandwidth',
    kbd: SHORTCUTS.estimate,
  },
  {
    id: 'reference',
    type: 'estimate',
    name: 'Reference card',
    keywords: 'latency numbers powers of two',
  },
]

/** The items whose name, id or keywords contain every word of `query` (case ignored). */
export function searchKit(query: string): KitItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  return KIT_ITEMS.filter((item) => {
    const text = `${item.name} ${item.id} ${item.keywords}`.toLowerCase()
    return words.every((word) => text.includes(word))
  })
}

/** A shortcut as people read it: `shift+b` as `⇧B`. */
export function shortcutLabel(kbd: string): string {
  return kbd.replace('shift+', '⇧').toUpperCase()
}
