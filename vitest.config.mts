import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';

// Same contract as esbuild's text loader: a `.scm` import yields the file's text.
function scmAsText(): Plugin {
  return {
    name: 'scm-as-text',
    load(id) {
      if (!id.endsWith('.scm')) return null;
      return `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`;
    },
  };
}

export default defineConfig({
  plugins: [scmAsText()],
  test: {
    include: ['test/unit/**/*.test.ts'],
    pool: 'threads',
    globalSetup: ['test/support/build.ts'],
    testTimeout: 120_000,
  },
});
