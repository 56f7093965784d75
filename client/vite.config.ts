import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

// `npm run dev -w client` serves the app with hot reload; API and sync calls go to a server
// started separately (`npm run dev`) on port 8080.
const API_TARGET = process.env.TRADEOFF_API ?? 'http://127.0.0.1:8080'

const TIPTAP_CORE = fileURLToPath(new URL('./src/vendor/tiptapCore.ts', import.meta.url))

/**
 * Every import of `@tiptap/core` (tldraw's too) gets our module, which re-exports TipTap with a
 * `generateHTML` that builds its schema once (see src/vendor/tiptapCore.ts). That module itself
 * imports the real package.
 */
function tiptapWithCachedSchema(): Plugin {
  return {
    name: 'tradeoff:tiptap-cached-schema',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== '@tiptap/core' || importer === TIPTAP_CORE) return null
      return TIPTAP_CORE
    },
  }
}

export default defineConfig({
  plugins: [tiptapWithCachedSchema(), react()],
  // tldraw's asset imports must not be pre-bundled, or their URLs point nowhere (STACK.md).
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000, sourcemap: false },
  server: {
    proxy: {
      '/api': API_TARGET,
      '/healthz': API_TARGET,
      '/sync': { target: API_TARGET.replace(/^http/, 'ws'), ws: true },
    },
  },
})
