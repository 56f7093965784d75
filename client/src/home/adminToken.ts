/** The sessionStorage key of the admin token, kept for this tab only. */
export const ADMIN_TOKEN_KEY = 'tradeoff.adminToken'

/** The admin token entered earlier in this tab, or null. */
export function readAdminToken(storage: Pick<Storage, 'getItem'> = window.sessionStorage): string | null {
  return storage.getItem(ADMIN_TOKEN_KEY) || null
}

/** Keeps the admin token for this tab, or forgets it when `token` is empty. */
export function saveAdminToken(
  token: string,
  storage: Pick<Storage, 'setItem' | 'removeItem'> = window.sessionStorage,
) {
  const trimmed = token.trim()
  if (trimmed) storage.setItem(ADMIN_TOKEN_KEY, trimmed)
  else storage.removeItem(ADMIN_TOKEN_KEY)
}
