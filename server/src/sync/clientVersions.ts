import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The versions of the browser app this server serves: the file names of the built app's
 * JavaScript bundles, each named after a hash of its content. A tab sends the name of the bundle
 * its sync code came from; a name missing here means the tab runs code from an older build.
 * Empty when no built app is found (development), so every tab is served.
 */
export function readClientVersions(clientDir: string): ReadonlySet<string> {
  const assets = join(clientDir, 'assets')
  if (!existsSync(assets)) return new Set()
  return new Set(readdirSync(assets).filter((name) => name.endsWith('.js')))
}
