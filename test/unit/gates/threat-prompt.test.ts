import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPromptLibrary } from '../../../src/core/prompts/library';
import { DREAD_COMPONENTS } from '../../../src/core/schemas/threat-model';

function threatModelerPrompts(): { path: string; text: string }[] {
  const folder = join('prompts', 'threatModeler');
  return readdirSync(folder).map((file) => ({ path: `prompts/threatModeler/${file}`, text: readFileSync(join(folder, file), 'utf8') }));
}

describe('the Threat Modeler prompt', () => {
  const library = loadPromptLibrary(threatModelerPrompts());

  it('keeps version 1 and makes the DREAD version the latest', () => {
    expect(library.get('threatModeler/threats', 1)).toBeDefined();
    expect(library.latest('threatModeler', 'threats')).toMatchObject({ version: 2, output: 'threat-model' });
  });

  it('asks for every DREAD factor on a 0-10 scale and leaves the risk level to the code', () => {
    const system = library.latest('threatModeler', 'threats')?.system ?? '';
    for (const factor of DREAD_COMPONENTS) expect(system).toContain(`${factor}:`);
    expect(system).toMatch(/whole number from 0 to 10/);
    expect(system).toMatch(/Do not give an overall risk/);
  });
});
