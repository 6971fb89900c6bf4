import { inject } from 'vitest';

/** The bundle built for this test run by `build.ts` (the global setup). */
export const testDist = (): string => inject('testDist');
