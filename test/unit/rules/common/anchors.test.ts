import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../../src/core/rules/finding';
import { LANGUAGE_IDS, languageForPath, type LanguageId } from '../../../../src/core/rules/languages';
import { CONNECTION_ANCHORS, PII_ANCHORS, SECRET_ANCHORS } from '../../../../src/core/rules/pack/common/anchors';
import { commonRules } from '../../../../src/core/rules/pack/common/index';
import { testEngine, wholeTreeEngine } from '../../../support/wasm';
import { FAKE_SECRETS, withFakeSecrets } from './fake-secrets';

// The shared anchor test lints fixtures where they lie, under test/, where these rules stay quiet,
// and with their tokens still {{NAME}} placeholders. Here each fixture of the pack is linted as
// application code with its fake secrets in, and so is every token format in every language, by
// the anchored engine and by the whole-tree one: the anchors must lose nothing.

const DIR = resolve('test/fixtures/common');
const RULE_IDS = new Set(commonRules.map((rule) => rule.id));

const TOKENS = [
  ...['AWS_KEY_ID', 'AWS_SESSION_KEY_ID', 'GITHUB_TOKEN', 'GITHUB_PAT', 'GITLAB_TOKEN', 'SLACK_TOKEN', 'SLACK_WEBHOOK', 'STRIPE_KEY', 'GOOGLE_KEY', 'OPENAI_KEY'],
  ...['ANTHROPIC_KEY', 'NPM_TOKEN', 'SENDGRID_KEY', 'TWILIO_KEY', 'SHOPIFY_TOKEN', 'HUGGING_FACE_TOKEN', 'PYPI_TOKEN', 'DIGITALOCEAN_TOKEN', 'DOCKER_TOKEN'],
  ...['LINEAR_KEY', 'GROQ_KEY', 'AZURE_STORAGE_KEY', 'JWT'],
].map((name) => FAKE_SECRETS[name] ?? name);
const PEM = `-----BEGIN RSA ${FAKE_SECRETS.PRIVATE} KEY-----\\n${FAKE_SECRETS.PEM_BODY}\\n-----END RSA ${FAKE_SECRETS.PRIVATE} KEY-----`;
const LITERALS = [...TOKENS, PEM, 'postgresql://billing:Zq8mW3nLx7@db.prod.internal:5432/orders', 'billing:Zq8mW3nLx7@tcp(10.1.2.3:3306)/orders'];

/** Every token format as an element of a list: no name, only the string pattern can find them. */
function tokenList(language: LanguageId): string {
  const items = (indent: string) => LITERALS.map((literal) => `${indent}"${literal}",`).join('\n');
  if (language === 'python') return `VALUES = [\n${items('    ')}\n]\n`;
  if (language === 'go') return `package values\n\nvar values = []string{\n${items('\t')}\n}\n`;
  if (language === 'rust') return `const VALUES: &[&str] = &[\n${items('    ')}\n];\n`;
  return `export const values = [\n${items('  ')}\n];\n`;
}

function sources(language: LanguageId): { path: string; text: string }[] {
  const fixtures = readdirSync(DIR)
    .filter((name) => languageForPath(name) === language)
    .map((name) => ({ path: join('src', 'app', name), text: withFakeSecrets(readFileSync(join(DIR, name), 'utf8')) }));
  const extension = { python: 'py', typescript: 'ts', tsx: 'tsx', javascript: 'js', go: 'go', rust: 'rs' }[language];
  return [...fixtures, { path: `src/app/values.${extension}`, text: tokenList(language) }];
}

const shown = (findings: readonly Finding[]) =>
  findings.filter((finding) => RULE_IDS.has(finding.ruleId)).map((finding) => `${finding.ruleId} ${finding.range.start.line + 1}:${finding.range.start.column} ${finding.message}`);

describe.each(LANGUAGE_IDS)('common pack anchors (%s)', (language) => {
  it('find what the whole-tree queries find in every fixture, as application code', async () => {
    const [fast, whole] = await Promise.all([testEngine(), wholeTreeEngine()]);
    const perRule = new Map<string, number>();
    for (const source of sources(language)) {
      const file = { ...source, language };
      const [a, b] = await Promise.all([fast.lintFile(file), whole.lintFile(file)]);
      expect({ path: source.path, findings: shown(a.findings) }).toEqual({ path: source.path, findings: shown(b.findings) });
      for (const line of shown(b.findings)) perRule.set(line.split(' ')[0] ?? '', (perRule.get(line.split(' ')[0] ?? '') ?? 0) + 1);
    }
    expect([...perRule.keys()].sort()).toEqual([...RULE_IDS].sort());
  });

  it('find every token format in a list of literals', async () => {
    const engine = await testEngine();
    const result = await engine.lintFile({ path: 'src/app/values', text: tokenList(language), language });
    const lines = result.findings.filter((finding) => finding.ruleId === 'sec/hardcoded-secret').map((finding) => finding.range.start.line + 1);
    const first = language === 'go' ? 4 : 2;
    expect(lines).toEqual(LITERALS.map((_, index) => first + index));
  });
});

// Minified and generated code puts thousands of separators on one line: an anchor that looked along
// the line from each of them would take minutes on it. The bounds keep the scan linear.
describe('common pack anchors on a long line', () => {
  const lines = {
    'object literal': `var a={${Array.from({ length: 20_000 }, (_, i) => `x${i}:"v"`).join(',')}}`,
    statements: Array.from({ length: 20_000 }, () => 'k.v="x";').join(''),
    ternaries: `x=${Array.from({ length: 20_000 }, () => '"http://"+a?b:c:d').join('')}`,
    'keyed array': `x := []int{${Array.from({ length: 20_000 }, (_, i) => `${i}:${i},`).join('')}}`,
    paths: Array.from({ length: 20_000 }, () => 'add::fe(1);').join(''),
  };

  it.each(Object.entries(lines))('scans a 200 KB %s line in linear time', (_name, line) => {
    const start = performance.now();
    for (const anchors of [SECRET_ANCHORS, CONNECTION_ANCHORS, PII_ANCHORS]) {
      for (const anchor of Object.values(anchors)) [...line.matchAll(new RegExp(anchor.source, 'g'))];
    }
    // About 0.2 s on a slow machine; a look along the line from every separator takes minutes.
    expect(performance.now() - start).toBeLessThan(3000);
  });
});
