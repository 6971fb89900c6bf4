import { chromium, type BrowserContext } from 'playwright-core';
import type { RunDir } from './run-dir';
import { withTimeout } from './timeout';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Debian's headless Chromium with a fresh profile inside the run folder. Every http(s) request
 * that does not go to loopback is aborted: the workbench must never reach the internet.
 */
export async function launchBrowser(run: RunDir, viewport = { width: 1400, height: 900 }): Promise<BrowserContext> {
  const context = await withTimeout(
    'Chromium launch',
    60_000,
    chromium.launchPersistentContext(run.browserProfile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport,
      env: { ...process.env, ...run.env },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }),
  );
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const remote = (url.protocol === 'http:' || url.protocol === 'https:') && !LOOPBACK.has(url.hostname);
    return remote ? route.abort() : route.continue();
  });
  return context;
}
