import { useEffect, useState } from 'react'

/** What the server tells the app at run time (`GET /api/config`). */
export interface ClientConfig {
  tldrawLicenseKey: string | null
}

let cached: Promise<ClientConfig> | null = null

function loadClientConfig(): Promise<ClientConfig> {
  cached ??= fetch('/api/config')
    .then((response) =>
      response.ok ? (response.json() as Promise<ClientConfig>) : { tldrawLicenseKey: null },
    )
    .catch(() => ({ tldrawLicenseKey: null }))
  return cached
}

/** The server's client configuration, or null while it loads. Offline, the defaults apply. */
export function useClientConfig(): ClientConfig | null {
  const [config, setConfig] = useState<ClientConfig | null>(null)
  useEffect(() => {
    let live = true
    loadClientConfig().then((loaded) => live && setConfig(loaded))
    return () => {
      live = false
    }
  }, [])
  return config
}
