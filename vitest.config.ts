import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'apps/server/**/*.test.ts',
      'packages/**/*.test.ts',
      'apps/web/src/**/*.test.ts',
      'apps/widget/src/**/*.test.ts',
    ],
    globalSetup: ['apps/server/test/global-setup.ts'],
    pool: 'forks',
    // One worker per core. Vitest's default is cores - 1, i.e. a single worker on a 2-core CI machine, which
    // left a core idle for the whole suite; each test file has its own database and ports, so files may overlap.
    maxWorkers: '100%',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
