// Bundles the server into dist/main.js, and its import worker into dist/importWorker.js. Packages
// stay external (installed by npm ci); the shared workspace is bundled in, since it is TypeScript source.
import { build } from 'esbuild'

await build({
  entryPoints: { main: 'src/main.ts', importWorker: 'src/recording/importWorker.ts' },
  outdir: 'dist',
  bundle: true,
  // Modules imported with import() (the PostgreSQL and Redis code) become chunks of their own,
  // loaded only by a process configured to use them.
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  plugins: [
    {
      name: 'bundle-shared-workspace',
      setup(b) {
        // `@tradeoff/shared` and its subpaths (`@tradeoff/shared/boardSchema`), as its package.json exports them.
        b.onResolve({ filter: /^@tradeoff\/shared(\/[\w-]+)?$/ }, ({ path }) => ({
          path: new URL(`../shared/src/${path.split('/')[2] ?? 'index'}.ts`, import.meta.url).pathname,
        }))
      },
    },
  ],
  logLevel: 'warning',
})
