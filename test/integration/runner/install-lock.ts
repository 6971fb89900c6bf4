import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withTimeout } from './timeout';

/**
 * Runs `work` while holding `<cacheDir>/install.lock`, so two runs sharing a cache never install
 * into it at once. A lock left by a process that no longer exists is taken over.
 */
export async function withInstallLock<T>(cacheDir: string, log: (line: string) => void, work: () => Promise<T>): Promise<T> {
  const lock = join(cacheDir, 'install.lock');
  await mkdir(cacheDir, { recursive: true });
  await withTimeout('waiting for another run\'s install', 20 * 60_000, acquire(lock, log));
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function acquire(lock: string, log: (line: string) => void): Promise<void> {
  let reported = false;
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
    }
    const holder = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
    if (holder > 0 && !alive(holder)) {
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    if (!reported) log(`another run (pid ${holder || '?'}) is installing into this cache; waiting for it`);
    reported = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
