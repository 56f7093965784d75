import type { MathJsInstance, Unit, UnitComponent } from 'mathjs'
import { spokenNumber } from './spoken'

/** A row's value as the card shows it: the number in `unit` (unrounded) and the spoken text. */
export interface ShownValue {
  value: number
  unit: string | null
  display: string
}

/** Byte units from small to large, all decimal (see countUnits.ts for `KB`). */
const BYTE_LADDER = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const

/** A result the card cannot show, with the message to put in its row. */
export class UnshowableResult extends Error {}

/**
 * Turns what mathjs computed into the text of a row: `≈ 2.3k msg/s` when rounded, `= 3 TB` when
 * exact. Unless the row asked for a unit with `to` (then kept as written), mathjs simplifies the
 * unit, with two corrections: a rate per time stays per that time (`20/day`, not `2.3e-4 Hz`), and
 * bytes take the unit that keeps the number between 1 and 1,000 (`146 TB`, not `146B KB`).
 */
export function showValue(math: MathJsInstance, result: unknown, unitAskedFor: boolean): ShownValue {
  if (typeof result === 'number') return showNumber(result, null)
  if (!math.isUnit(result)) throw new UnshowableResult('the result is not a number')
  if (result.value === null) throw new UnshowableResult('this is a unit alone: put a number before it')
  const unit = unitAskedFor ? result : readable(result)
  if (unit.units.length === 0) return showNumber(unit.toNumber(), null)
  return showNumber(unit.toNumber(), unitText(unit))
}

function readable(raw: Unit): Unit {
  // mathjs marks a unit it must leave as written (a `to` result, times a plain number) this way.
  const simplified = raw.skipAutomaticSimplification ? raw : raw.simplify()
  const [only] = simplified.units
  if (simplified.units.length === 1 && only?.unit.name === 'Hz') {
    // mathjs names any 1/time "Hz"; people wrote a rate per day, per hour, ...
    const time = raw.units.find((component) => component.unit.base.key === 'TIME' && component.power < 0)
    const name = time ? componentName(time) : 's'
    return raw.to(`${name}^-${only.power}`)
  }
  return inReadableBytes(simplified)
}

function showNumber(value: number, unit: string | null): ShownValue {
  if (Number.isNaN(value)) throw new UnshowableResult('not a number (a square root of a negative?)')
  if (!Number.isFinite(value)) throw new UnshowableResult('too large to compute')
  const spoken = spokenNumber(value)
  const text =
    unit === null ? spoken.text : unit.startsWith('/') ? spoken.text + unit : `${spoken.text} ${unit}`
  return { value, unit, display: `${spoken.exact ? '=' : '≈'} ${text}` }
}

/** With one byte unit among its parts, `unit` in the byte unit that says it with 1 to 999. */
function inReadableBytes(unit: Unit): Unit {
  const bytes = unit.units.findIndex(
    (component) =>
      component.power === 1 && (BYTE_LADDER as readonly string[]).includes(componentName(component)),
  )
  if (bytes < 0) return unit
  const withBytesAs = (name: string) =>
    unit.units
      .map((component, index) => {
        const part = index === bytes ? name : componentName(component)
        return component.power === 1 ? part : `${part}^${component.power}`
      })
      .join(' ')
  let best = unit
  for (const candidate of BYTE_LADDER) {
    const converted = unit.to(withBytesAs(candidate))
    if (Math.abs(converted.toNumber()) >= 1 || candidate === 'B') best = converted
  }
  return best
}

/** `msg/s`, `users·msg/day`, `KB/(msg·s)`, `m^2`: a unit as compact text for a small card. */
export function unitText(unit: Unit): string {
  const part = (name: string, power: number) => (power === 1 ? name : `${name}^${power}`)
  const above: string[] = []
  const below: string[] = []
  for (const component of unit.units) {
    const name = componentName(component)
    if (component.power > 0) above.push(part(name, component.power))
    else if (component.power < 0) below.push(part(name, -component.power))
  }
  const top = above.join('·')
  if (below.length === 0) return top
  const bottom = below.length === 1 ? (below[0] ?? '') : `(${below.join('·')})`
  return `${top}/${bottom}`
}

/**
 * A part's name with its prefix (`TB`, `ms`). mathjs's types say a prefix is a string; at run time it
 * is an object with a name.
 */
function componentName(component: UnitComponent): string {
  const prefix = component.prefix as unknown as { name: string }
  return prefix.name + component.unit.name
}
