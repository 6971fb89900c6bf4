import { chromium, type Browser } from 'playwright-core';

let launched: Promise<Browser> | undefined;

/** Debian's headless Chromium, shared by the panels of one test file. */
export function browser(): Promise<Browser> {
  launched ??= chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return launched;
}

export async function closeBrowser(): Promise<void> {
  const running = launched;
  launched = undefined;
  await (await running)?.close();
}
