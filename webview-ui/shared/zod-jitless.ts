import { z } from 'zod';

// zod compiles object parsers with `new Function` after probing whether eval is allowed. The
// panels' CSP forbids it, and Chromium reports the probe as a violation even though zod catches
// it. The build injects this module ahead of every panel's code, before any schema exists.
z.config({ jitless: true });
