import { defineConfig } from 'vitest/config';

// Browser stories run one at a time against one server (lib/global-setup.ts); each file opens its own Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/lib/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // expect.poll waits for the page (a web-first assertion); a second is too short on a loaded machine, where a
    // password check alone may take that long.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
