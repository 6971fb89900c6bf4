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
  // The other formats hardcoded-secret knows, for the anchor tests: every format in every language.
  AWS_SESSION_KEY_ID: join('AS', 'IA', 'Q7NBZ3MHKL2JX6PW'),
  GITHUB_PAT: join('github', '_pat_', '11AQ8ZT3LW0', 'q8Zt3LwX9mPb2RkV7nYc4Hs6Tj1Ue5Gf0DaWr3EiZq8mW3nLx7Rb2Vt9Kc4Hs6PdA1fG5jK'),
  SLACK_WEBHOOK: join('https://hooks.', 'slack.com/services/', 'T04Q8ZT3L', '/B05M3NLX7', '/q8Zt3LwX9mPb2RkV7nYc4Hs6'),
  ANTHROPIC_KEY: join('sk', '-ant-', 'api03-', 'Zq8mW3nLx7Rb2Vt9Kc4Hs6PdA1fG5jK8q8Zt3LwX9mPb2RkV7nYc4Hs6Tj1Ue5Gf0DaWr3EiZq8mW3nLx7Rb2Vt9Kc4H'),
  TWILIO_KEY: join('S', 'K', 'f3b9c2e8a1d74b6c9e0f2a5d8c7b4e1a'),
  SHOPIFY_TOKEN: join('shp', 'at_', 'f3b9c2e8a1d74b6c9e0f2a5d8c7b4e1a'),
  HUGGING_FACE_TOKEN: join('hf', '_', 'qZtLwXmPbRkVnYcHsTjUeGfDaWrEiZqmWn'),
  PYPI_TOKEN: join('pypi', '-AgEIcHlwaS5vcmc', 'CJGQ8ZT3LwX9mPb2RkV7nYc4Hs6Tj1Ue5Gf0DaWr3EiZq8mW3nLx7Rb2Vt9Kc4Hs6'),
  DIGITALOCEAN_TOKEN: join('do', 'p_v1_', 'f3b9c2e8a1d74b6c9e0f2a5d8c7b4e1a', '9e0f2a5d8c7b4e1af3b9c2e8a1d74b6c'),
  DOCKER_TOKEN: join('dckr', '_pat_', 'q8Zt3LwX9mPb2RkV7nYc4Hs6Tj1U'),
  LINEAR_KEY: join('lin', '_api_', 'q8Zt3LwX9mPb2RkV7nYc4Hs6Tj1Ue5Gf0DaWr3Ei'),
  GROQ_KEY: join('gs', 'k_', 'q8Zt3LwX9mPb2RkV7nYc4Hs6Tj1Ue5Gf0DaWr3EiZq8mW3nLx7Rb'),
  AZURE_STORAGE_KEY: join('Account', 'Key=', 'q8Zt3LwX9mPb2RkV7nYc4Hs6Tj1Ue5Gf0DaWr3Ei+Zq8mW3nLx7Rb2Vt9Kc4Hs6PdA1fG5jK8q8Zt3LwX9mPb2', '=='),
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
