import { defineConfig } from 'vitest/config';

// Browser stories run one at a time: each starts its own server and Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
