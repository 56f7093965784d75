import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// `npm run dev -w client` serves the app with hot reload; API and sync calls go to a server
// started separately (`npm run dev`) on port 8080.
const API_TARGET = process.env.TRADEOFF_API ?? 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [react()],
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
