import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { testEngine } from '../../../support/wasm';

// Fake but well-formed credentials, assembled at run time: the repository must hold no
// token-shaped text, or secret scanners and push protection would stop it (and our own rule
// would flag our tests). Fixtures name them as {{NAME}}.
const join = (...parts: string[]) => parts.join('');

export const FAKE_SECRETS: Readonly<Record<string, string>> = {
  AWS_KEY_ID: join('AK', 'IA', 'Z3MHKL2JX6QPW7NB'),
  AWS_SECRET: join('q8Zt3LwX9mPb2RkV7n', 'Yc4Hs6/Tj1Ue5Gf0Da+Wr3Ei'),
  GITHUB_TOKEN: join('gh', 'p_', '4fT9kQz2LmX8vB1nR7cW3yH6pJ0sD5aE2gU9'),
  GITLAB_TOKEN: join('gl', 'pat-', 'Zq8mW3nLx7Rb2Vt9Kc4H'),
  SLACK_TOKEN: join('xo', 'xb-', '2048319625-4096718231-', 'Zq8mW3nLx7Rb2Vt9Kc4Hs6Pd'),
  STRIPE_KEY: join('sk', '_live_', '51HqLyjWDarjtT1zdp7dcQ8vRbF2mNx4K'),
  GOOGLE_KEY: join('AI', 'za', 'SyD3vQ8mLp2Xr7TbN4kW9cYh1FjZs6Ue0aG'),
  OPENAI_KEY: join('sk', '-proj-', 'Zq8mW3nLx7Rb2Vt9Kc4Hs6PdA1fG5jK8', 'T3Blbk', 'FJ', 'q8Zt3LwX9mPb2RkV7nYc4Hs6Tj1Ue5Gf'),
  NPM_TOKEN: join('np', 'm_', 'q8Zt3LwX9mPb2RkV7nYc4Hs6Tj1Ue5Gf0DaW'),
  SENDGRID_KEY: join('S', 'G.', 'q8Zt3LwX9mPb2RkV7nYc4H', '.', 'Zq8mW3nLx7Rb2Vt9Kc4Hs6PdA1fG5jK8q8Zt3LwX9mP'),
  JWT: join('ey', 'JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.', 'ey', 'JzdWIiOiI0MjQyIiwicm9sZSI6ImFkbWluIn0', '.', 'Zq8mW3nLx7Rb2Vt9Kc4Hs6PdA1fG5jK8q8Zt3LwX9mP'),
  PEM_BODY: join('MIIEow', 'IBAAKCAQEAq8Zt3LwX9mPb2RkV7nYc4Hs6Tj1Ue5Gf0DaWr3EiZq8mW3nLx7Rb', 'Vt9Kc4Hs6PdA1fG5jK8q8Zt3LwX9mPb2RkV7nYc4Hs6Tj1Ue5Gf0DaWr3EiZq8mW3nL'),
  PRIVATE: 'PRIVATE',
};

export function withFakeSecrets(text: string): string {
  return text.replace(/\{\{([A-Z0-9_]+)\}\}/g, (whole, name: string) => FAKE_SECRETS[name] ?? whole);
}

export function fixture(name: string): string {
  return withFakeSecrets(readFileSync(resolve('test/fixtures/common', name), 'utf8'));
}

/** Lines (1-based) of a rule's findings when `text` is linted as if it lived at `path`. */
export async function findingLines(ruleId: string, path: string, text: string): Promise<number[]> {
  const engine = await testEngine();
  const result = await engine.lintFile({ path, text });
  expect(result.notices.filter((notice) => notice.kind === 'rule-crash')).toEqual([]);
  return result.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => finding.range.start.line + 1);
}

/** Messages of a rule's findings, for the few tests that check what the user reads. */
export async function findingMessages(ruleId: string, path: string, text: string): Promise<string[]> {
  const engine = await testEngine();
  const result = await engine.lintFile({ path, text });
  return result.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => `${finding.range.start.line + 1}: ${finding.message}`);
}
