import type { ComponentKind } from '@tradeoff/shared/architecture'
import {
  Archive,
  Braces,
  Cloud,
  Cog,
  Database,
  DoorOpen,
  Globe,
  ListOrdered,
  type LucideIcon,
  type LucideIconNode,
  Monitor,
  Network,
  Search,
  Server,
  Signpost,
  Smartphone,
  SquareFunction,
  Waves,
  Zap,
} from 'lucide-react'

/**
 * The icon of each component kind, from lucide (bundled with the app: no request leaves the
 * origin). Each kind has its own icon, so a kind reads at a glance without its label.
 */
export const COMPONENT_ICONS: Readonly<Record<ComponentKind, LucideIcon>> = {
  client: Monitor,
  mobile: Smartphone,
  dns: Signpost,
  cdn: Globe,
  'load-balancer': Network,
  'api-gateway': DoorOpen,
  service: Server,
  worker: Cog,
  function: SquareFunction,
  'sql-database': Database,
  'nosql-database': Braces,
  cache: Zap,
  queue: ListOrdered,
  'event-stream': Waves,
  'object-storage': Archive,
  'search-index': Search,
  external: Cloud,
}

/** The side of lucide's icon grid, in its own units. */
export const ICON_GRID = 24

const nodes = new Map<ComponentKind, readonly LucideIconNode[]>()

/**
 * The drawing of a kind's icon as lucide's element list (`path`, `circle`, `rect`, ... with their
 * SVG attributes, on a 24-unit grid, stroked, unfilled): what the canvas, the SVG export and the
 * review's preview all draw, so the three agree. Read from the icon component, which wraps its
 * data in an element without rendering anything (a unit test checks every kind has a drawing).
 */
export function iconNodeOf(kind: ComponentKind): readonly LucideIconNode[] {
  let node = nodes.get(kind)
  if (!node) {
    const icon = COMPONENT_ICONS[kind] as unknown as {
      render(props: object, ref: null): { props: { icon?: { node?: LucideIconNode[] } } }
    }
    node = icon.render({}, null).props.icon?.node ?? []
    nodes.set(kind, node)
  }
  return node
}
