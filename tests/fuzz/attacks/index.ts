import type { AttackContext } from '../context'
import { awarenessFlood, presenceLies } from './awareness'
import { connectionChurn } from './churn'
import { mutatedFrames, oversizeFrames, pingFlood, randomBytes, slowReader } from './frames'
import { mutatedImport, oddPaths } from './http'
import { hostileUpdate } from './updates'

/** One attack family: a generator of attacks and how often it is picked. */
export interface AttackFamily {
  name: string
  weight: number
  run(ctx: AttackContext): Promise<void>
}

/** Every family the fuzzer draws from. */
export const FAMILIES: readonly AttackFamily[] = [
  { name: 'random bytes', weight: 3, run: randomBytes },
  { name: 'mutated frames', weight: 4, run: mutatedFrames },
  { name: 'hostile updates', weight: 8, run: hostileUpdate },
  { name: 'awareness floods', weight: 3, run: awarenessFlood },
  { name: 'presence lies', weight: 1, run: presenceLies },
  { name: 'connection churn', weight: 2, run: connectionChurn },
  { name: 'oversize frames', weight: 0.5, run: oversizeFrames },
  { name: 'odd paths', weight: 1.5, run: oddPaths },
  { name: 'mutated imports', weight: 0.5, run: mutatedImport },
  { name: 'ping floods', weight: 0.5, run: pingFlood },
  { name: 'slow readers', weight: 0.5, run: slowReader },
]

/** Picks a family by weight. */
export function pickFamily(roll: number): AttackFamily {
  const total = FAMILIES.reduce((sum, f) => sum + f.weight, 0)
  let left = roll * total
  for (const family of FAMILIES) {
    left -= family.weight
    if (left < 0) return family
  }
  return FAMILIES[0] as AttackFamily
}
