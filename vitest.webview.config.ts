import { defineConfig } from 'vitest/config';

// The panels in Debian's Chromium: one fork runs the files one after another, each with its own pages.
export default defineConfig({
  test: {
    include: ['test/webview/**/*.test.ts'],
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    globalSetup: ['test/webview/support/build.ts'],
    setupFiles: ['test/webview/support/browser-lifecycle.ts'],
    // A cold Chromium start on a loaded machine takes seconds; this bounds a hang, not a run.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
