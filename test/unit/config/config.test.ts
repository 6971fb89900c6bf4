import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../../src/core/config/json-schema';
import { ConfigError, parseConfig } from '../../../src/core/config/load';
import { BUILTIN_RULES } from '../../../src/core/rules/registry';
import { testDist } from '../../support/dist';

const problems = (text: string): string[] => {
  try {
    parseConfig('.omni/config.json', text);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.line + 1}:${p.column + 1} ${p.message}`);
    throw error;
  }
  return [];
};

describe('.omni/config.json', () => {
  it('accepts comments, trailing commas, rule levels and the object form', () => {
    const config = parseConfig('c.json', '{\n // why\n "rules": { "py/bare-except": "error", "omni/unused-suppression": { "severity": "off" }, },\n}');
    expect(config.rules['py/bare-except']).toBe('error');
    expect(config.gitignore).toBe(true);
    expect(config.maxFileSizeKb).toBe(1024);
  });

  it('names the line, column and key of every problem', () => {
    expect(problems('{\n  "rules": { "py/bare-except": "loud" },\n  "colour": 1\n}')).toEqual([
      '2:32 rules.py/bare-except: expected "off", "error", "warning", "info", "hint" or { "severity": ... }',
      '3:3 colour: unknown key',
    ]);
    expect(problems('{ "include": "src/**" }')).toEqual([expect.stringMatching(/^1:14 include: .*expected array/)]);
    expect(problems('[]')[0]).toMatch(/^1:1 \(root\): /);
    expect(problems('')[0]).toMatch(/^1:1 invalid JSON|empty file/);
  });

  it('the shipped JSON schema is the generated one and lists every rule', async () => {
    const shipped = JSON.parse(await readFile(join(testDist(), 'schemas/omni-config.schema.json'), 'utf8')) as unknown;
    const generated = configJsonSchema();
    expect(shipped).toEqual(generated);
    const ruleIds = Object.keys((generated as { properties: { rules: { properties: Record<string, unknown> } } }).properties.rules.properties);
    expect(ruleIds.sort()).toEqual(BUILTIN_RULES.map((rule) => rule.id).sort());
  });

  it('package.json points editors at the shipped schema', async () => {
    const manifest = JSON.parse(await readFile('package.json', 'utf8')) as { contributes: { jsonValidation: { fileMatch: string; url: string }[] } };
    const [entry] = manifest.contributes.jsonValidation;
    expect(entry?.fileMatch).toBe('.omni/config.json');
    await expect(readFile(join(testDist(), (entry?.url ?? '').replace('./dist/', '')))).resolves.toBeTruthy();
  });
});
