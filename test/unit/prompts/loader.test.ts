import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPromptLibrary } from '../../../src/core/prompts/library';
import { parsePromptFile } from '../../../src/core/prompts/loader';
import { PromptError, type PromptSource } from '../../../src/core/prompts/prompt-file';
import { renderPrompt } from '../../../src/core/prompts/render';
import { outputSchema } from '../../../src/core/schemas/registry';

function realPrompts(): PromptSource[] {
  return readdirSync('prompts', { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md') && file.includes('/'))
    .map((file) => ({ path: `prompts/${file.replaceAll('\\', '/')}`, text: readFileSync(join('prompts', file), 'utf8') }));
}

const GOOD = `---
id: reviewer/design-review
version: 2
role: reviewer
output: design-review
changelog: Asks for evidence.
inputs:
  spec: the spec
---
<system>
Review carefully.
</system>
Review {{spec}}.
`;

/** The problems a file raises, as `line: message`. */
function problems(path: string, text: string): string[] {
  try {
    parsePromptFile({ path, text });
  } catch (error) {
    if (error instanceof PromptError) return error.problems.map((problem) => `${problem.path}:${problem.line}: ${problem.message}`);
    throw error;
  }
  return [];
}

const PATH = 'prompts/reviewer/design-review.v2.md';

describe('prompt loader', () => {
  it('accepts every real prompt file, each naming a registered output schema', () => {
    const sources = realPrompts();
    const library = loadPromptLibrary(sources);
    expect(library.all().map((template) => `${template.id}@${template.version}`).sort()).toEqual(['architect/revise@1', 'architect/spec@1', 'architect/spec@2', 'reviewer/design-review@1', 'threatModeler/threats@1', 'threatModeler/threats@2']);
    for (const template of library.all()) {
      expect(outputSchema(template.output), template.path).toBeDefined();
      expect(template.system, template.path).toMatch(/JSON object/);
    }
  });

  it("asks the Architect, in its latest prompt, for each thing the completeness check rejects a draft without", () => {
    const system = loadPromptLibrary(realPrompts()).latest('architect', 'spec')?.system ?? '';
    const asked: Record<string, RegExp> = {
      'testable criteria (EARS, Given/When/Then)': /WHEN <trigger> THE SYSTEM SHALL[\s\S]*Given <state>, when <action>, then/,
      'numbers with units': /nonFunctional: each one states a number with a unit/,
      'a numeric constraint': /constraints:[^\n]*number/,
      'named errors and their handling': /errorTaxonomy:[\s\S]*how it is handled/,
      'the four security topics': /authentication,\s+authorization, input validation and data protection/,
      'unit and integration tests': /unit tests and the integration/,
      'justified dependencies or None': /dependencies:[\s\S]*why it is needed[\s\S]*"None"/,
      'a stepwise rollback with data and migrations': /rollbackPlan: at least two concrete steps[\s\S]*data written meanwhile[\s\S]*migrated data/,
    };
    expect(Object.entries(asked).filter(([, pattern]) => !pattern.test(system)).map(([item]) => item)).toEqual([]);
  });

  it('reads the frontmatter, the system block and the user message', () => {
    const template = parsePromptFile({ path: PATH, text: GOOD });
    expect(template).toMatchObject({ id: 'reviewer/design-review', version: 2, role: 'reviewer', task: 'design-review', output: 'design-review', system: 'Review carefully.', user: 'Review {{spec}}.' });
  });

  it('keeps old versions and picks the highest as latest', () => {
    const v1 = realPrompts().find((source) => source.path.endsWith('design-review.v1.md'));
    expect(v1).toBeDefined();
    const library = loadPromptLibrary([{ path: PATH, text: GOOD }, v1 as PromptSource]);
    expect(library.latest('reviewer', 'design-review')?.version).toBe(2);
    expect(library.get('reviewer/design-review', 1)?.changelog).toMatch(/First version/);
    expect(library.latest('reviewer', 'code-review')).toBeUndefined();
  });

  it('renders placeholders once and records the prompt it came from', () => {
    const template = parsePromptFile({ path: PATH, text: GOOD });
    const rendered = renderPrompt(template, { spec: 'a spec that mentions {{spec}}' });
    expect(rendered.prompt).toEqual({ id: 'reviewer/design-review', version: 2 });
    expect(rendered.messages).toEqual([
      { role: 'system', content: 'Review carefully.' },
      { role: 'user', content: 'Review a spec that mentions {{spec}}.' },
    ]);
    expect(() => renderPrompt(template, {})).toThrow('reviewer/design-review v2: missing spec');
    expect(() => renderPrompt(template, { spec: 'x', sepc: 'y' })).toThrow('not inputs of this prompt: sepc');
  });

  it.each([
    ['no frontmatter', PATH, 'Review {{spec}}.\n', `${PATH}:1: expected YAML frontmatter`],
    ['an unclosed frontmatter', PATH, '---\nid: x\n', `${PATH}:1: the frontmatter is not closed`],
    ['invalid YAML', PATH, GOOD.replace('role: reviewer', 'role: [reviewer'), `${PATH}:5: invalid YAML`],
    ['a duplicate key', PATH, GOOD.replace('role: reviewer', 'role: reviewer\nrole: tester'), `${PATH}:5: invalid YAML: Map keys must be unique`],
    ['a missing field', PATH, GOOD.replace('changelog: Asks for evidence.\n', ''), `${PATH}:2: changelog: Invalid input`],
    ['an empty changelog', PATH, GOOD.replace('Asks for evidence.', '""'), `${PATH}:6: changelog: say in one line what changed`],
    ['an unknown key', PATH, GOOD.replace('output:', 'temperature: 0.2\noutput:'), `${PATH}:5: temperature: unknown key`],
    ['a version that is not a number', PATH, GOOD.replace('version: 2', 'version: two'), `${PATH}:3: version: Invalid input: expected number`],
    ['an id that does not match the path', PATH, GOOD.replace('id: reviewer/design-review', 'id: reviewer/review'), `${PATH}:2: id "reviewer/review" does not match the file's path: expected "reviewer/design-review"`],
    ['a version that does not match the file name', 'prompts/reviewer/design-review.v3.md', GOOD.replace('id: reviewer/design-review', 'id: reviewer/design-review'), 'prompts/reviewer/design-review.v3.md:3: version 2 does not match the file name (.v3.md)'],
    ['a role that is not a role', PATH, GOOD.replace('role: reviewer', 'role: critic'), `${PATH}:4: role: expected one of architect, reviewer, threatModeler`],
    ['a role in the wrong folder', 'prompts/tester/design-review.v2.md', GOOD.replace('id: reviewer/design-review', 'id: tester/design-review'), 'prompts/tester/design-review.v2.md:4: role "reviewer" does not match the folder "tester"'],
    ['an unknown output schema', PATH, GOOD.replace('output: design-review', 'output: code-review'), `${PATH}:5: unknown output schema "code-review": expected one of spec-draft, design-review, threat-model`],
    ['an undeclared placeholder', PATH, GOOD.replace('Review {{spec}}.', 'Review {{spec}}\nagainst {{ context }}.'), `${PATH}:14: placeholder {{context}} is not declared`],
    ['a placeholder that is not a name', PATH, GOOD.replace('Review carefully.', 'Review {{spec.title}} carefully.'), `${PATH}:11: "{{spec.title}}" is not a placeholder`],
    ['a declared input never used', PATH, GOOD.replace('  spec: the spec', '  spec: the spec\n  context: the code'), `${PATH}:9: input "context" is declared but the prompt never uses {{context}}`],
    ['an unclosed system block', PATH, GOOD.replace('</system>\n', ''), `${PATH}:10: <system> is not closed`],
    ['no user message', PATH, GOOD.replace('Review {{spec}}.', '').replace('Review carefully.', 'Review {{spec}}.'), `${PATH}:12: no user message after </system>`],
    ['an empty body', PATH, GOOD.slice(0, GOOD.indexOf('<system>')).replace('inputs:\n  spec: the spec\n', ''), `${PATH}:8: the prompt has no text`],
    ['a file name without a version', 'prompts/reviewer/design-review.md', GOOD, 'prompts/reviewer/design-review.md:1: prompt files are named <role>/<task>.v<N>.md'],
  ])('rejects %s, naming the file and line', (_, path, text, expected) => {
    expect(problems(path, text).join('\n')).toContain(expected);
  });

  it('reports every bad file of a library at once', () => {
    const error = (() => {
      try {
        loadPromptLibrary([
          { path: 'prompts/reviewer/a.v1.md', text: 'no frontmatter' },
          { path: PATH, text: GOOD.replace('output: design-review', 'output: nope') },
        ]);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PromptError);
    expect((error as PromptError).message.split('\n')).toEqual([
      'prompts/reviewer/a.v1.md:1: expected YAML frontmatter: the file must start with a line "---"',
      `${PATH}:5: unknown output schema "nope": expected one of spec-draft, design-review, threat-model`,
    ]);
  });
});
