import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/integration/**', 'node_modules/**'],
    // Synthesizing tests share module state (provider bindings); forks keep them isolated.
    pool: 'forks',
    testTimeout: 30_000,
  },
});
