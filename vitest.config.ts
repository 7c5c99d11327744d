import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'happy-dom',
          // Both cores (vitest 4 defaults to cores - 1, one worker here). Still a group of its own,
          // before the browser files: the CPU-heavy unit files (prefilter) keep their time limits
          // without a browser beside them.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
          // Tests marked concurrent (fixture pages, audit runs): three at a time in a file, so two
          // files side by side stay within what two cores can scan.
          maxConcurrency: 3,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
