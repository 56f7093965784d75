import { defineConfig } from 'vitest/config'

const exclude = ['**/node_modules/**', '**/dist/**']

export default defineConfig({
  test: {
    // Chromium tests take 5-20 s on a busy two-core machine; a hang still fails within a minute.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Browser and multi-process tests start servers and Chromium: two cores do not take much more.
    maxWorkers: 2,
    // `vitest run` runs both; `vitest run --project unit` (npm run test:unit) only the fast ones.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Pure logic, beside the code: no server process, socket or browser.
          include: ['{client,server,shared}/**/*.test.{ts,tsx}'],
          exclude,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // Real servers on port 0, real websocket clients, Chromium, the wire fuzz.
          include: ['tests/**/*.test.{ts,tsx}'],
          exclude,
        },
      },
    ],
  },
})
