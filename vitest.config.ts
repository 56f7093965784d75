import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['{client,server,shared,tests}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // Chromium tests take 5-20 s on a busy two-core machine; a hang still fails within a minute.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Browser and multi-process tests start servers and Chromium: two cores do not take much more.
    maxWorkers: 2,
  },
})
