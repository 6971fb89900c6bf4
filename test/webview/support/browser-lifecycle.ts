import { afterAll } from 'vitest';
import { closeBrowser } from './browser';

// One Chromium per test file, started by the first openPanel; closed when the file is done.
afterAll(closeBrowser);
