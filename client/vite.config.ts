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

const EARLY_ENTRY = fileURLToPath(new URL('./src/early.ts', import.meta.url))

/**
 * The page's first script, `src/early.ts`, as an entry of its own placed first in the page, so it
 * runs as soon as it downloads: in the app's entry, it would wait for all of the app's code to
 * start (see src/review/earlyReview.ts).
 */
function earlyEntryFirst(): Plugin {
  return {
    name: 'tradeoff:early-entry-first',
    config: () => ({ build: { rollupOptions: { input: { index: 'index.html', early: EARLY_ENTRY } } } }),
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunk = Object.values(context.bundle ?? {}).find(
          (output) => output.type === 'chunk' && output.isEntry && output.name === 'early',
        )
        // The dev server serves sources as they are.
        const src = chunk ? `/${chunk.fileName}` : '/src/early.ts'
        return [
          { tag: 'script', attrs: { type: 'module', crossorigin: true, src }, injectTo: 'head-prepend' },
        ]
      },
    },
  }
}

export default defineConfig({
  plugins: [tiptapWithCachedSchema(), earlyEntryFirst(), react()],
  // tldraw's asset imports must not be pre-bundled, or their URLs point nowhere.
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
