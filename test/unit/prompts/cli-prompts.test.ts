import { describe, expect, it } from 'vitest';
import { omni, project } from '../../support/cli';

describe('omni prompts', () => {
  it('lists the prompts bundled into the CLI with their versions and output schemas', async () => {
    const run = await omni(['prompts'], await project({}));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^architect\/spec v1 +-> spec-draft +First version/m);
    expect(run.stdout).toMatch(/^reviewer\/design-review v1 +-> design-review /m);
    expect(run.stdout).toMatch(/^threatModeler\/threats v1 +-> threat-model /m);
  });
});
