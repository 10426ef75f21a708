import { defineConfig } from 'vitest/config'

// Three projects so `npm test` (Node only), `npm run test:postgres` and `npm run test:e2e`
// can each run exactly their part.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'db',
          // *.embedded.test.ts compare TypeScript with the database on the demo snapshot
          include: ['tests/db/pglite.test.ts', 'tests/db/**/*.embedded.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: ['tests/db/postgres.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
