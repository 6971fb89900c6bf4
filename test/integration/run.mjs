// Entry for `npm run test:integration` / `npm run test:ui`: bundles the TypeScript runner named on the
// command line (so it stays type-checked with the rest of the project) and runs it in this Node.
import { build } from 'esbuild';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) throw new Error('usage: node test/integration/run.mjs <runner/run-suite.ts|ui/ui-check.ts> [args]');
const outfile = resolve('.cache/integration/bin', basename(entry).replace(/\.ts$/, '.mjs'));
await build({
  entryPoints: [resolve('test/integration', entry)],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
// Turns Ctrl+C into a normal exit, so the 'exit' handlers that stop code-server's process group run.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
const { main } = await import(pathToFileURL(outfile).href);
process.exitCode = await main(args);
