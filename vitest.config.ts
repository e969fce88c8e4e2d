import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript source under the `source` condition, so tests
// run against src/ without a build. The default conditions are repeated because listing
// any replaces them.
export default defineConfig({
  ssr: {
    resolve: {
      conditions: ['source', 'module', 'node', 'development|production'],
    },
  },
  resolve: {
    conditions: ['source', 'module', 'node', 'development|production'],
  },
  test: {
    // re2 is a native addon: it loads in forked processes, not in vm threads.
    pool: 'forks',
    include: [
      'packages/*/src/**/*.test.ts',
      'benchmarks/**/*.test.ts',
      'fixtures/**/*.test.ts',
      'scripts/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    testTimeout: 30_000,
  },
});
