import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatProvider, ChatRequest } from '../../../src/core/llm/provider';
import { redactingProvider, redactSecrets, type RedactionReport } from '../../../src/core/llm/redact';

/** Token-shaped text assembled from two parts, so this file itself trips no secret scanner. */
const fake = (prefix: string, rest: string): string => prefix + rest;

const AWS = fake('AKIA', 'Z3MHKL2JX6QPW7NB');
const GITHUB = fake('ghp_', '4fT9kQz2LmX8vB1nR7cW3yH6pJ0sD5aE2gU9');
const OPENAI = fake('sk-proj-', 'Qz8mW3nLx7Rb2Vt9Kc4Hs6Pd1Jf5Gy0Ua3Ei7Oc9Nb2Mv4Xl6Zk8Wj1Tq5Rp3Sn7Ym0Bh2Dg4Fa6Ce8Vu1Ix3Lo5Kw7Ez9');
const OPENAI_LEGACY = fake('sk-', 'Zq8mW3nLx7Rb2Vt9Kc4HT3BlbkFJs6Pd1Jf5Gy0Ua3Ei7Oc9');
const JWT = fake('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.eyJzdWIiOiI0MjQyIiwibmFtZSI6IkFkYSIsImlhdCI6MTcxNjIzOTAyMn0.Xq8vR2mL9tK4wB7nZ3cY6hJ1pF5sD0aG');
const KEY_BODY = 'MIIEowIBAAKCAQEAu8Zq3mLx7Rb2Vt9Kc4Hs6Pd1Jf5Gy0Ua3Ei7Oc9Nb2Mv4Xl6Zk8\nWj1Tq5Rp3Sn7Ym0Bh2Dg4Fa6Ce8Vu1Ix3Lo5Kw7Ez9Qa2Ws4Ed6Rf8Tg0Yh2Uj4Ik6Ol';
const PRIVATE_KEY = `${fake('-----BEGIN RSA ', 'PRIVATE KEY-----')}\n${KEY_BODY}\n-----END RSA PRIVATE KEY-----`;

describe('redactSecrets', () => {
  it.each([
    ['an AWS access key id', `aws_access_key_id = ${AWS}`, 'aws_access_key_id = [REDACTED:aws-access-key-id]'],
    ['a GitHub token', `export GH=${GITHUB}; gh api /user`, 'export GH=[REDACTED:github-token]; gh api /user'],
    ['an OpenAI project key', `client = OpenAI(api_key="${OPENAI}")`, 'client = OpenAI(api_key="[REDACTED:openai-api-key]")'],
    ['an OpenAI legacy key', `OPENAI_API_KEY=${OPENAI_LEGACY}`, 'OPENAI_API_KEY=[REDACTED:openai-api-key]'],
    ['a JWT', `Authorization: Bearer ${JWT}`, 'Authorization: Bearer [REDACTED:json-web-token]'],
    ['a private key block', `key:\n${PRIVATE_KEY}\nend`, 'key:\n[REDACTED:private-key]\nend'],
    ['a private key without its END line', `${fake('-----BEGIN ', 'PRIVATE KEY-----')}\n${KEY_BODY}\n\nnext paragraph`, '[REDACTED:private-key]\n\nnext paragraph'],
    ['the password of a database URL', `DATABASE_URL=${fake('postgres://app:', 'Zq8mW3nLx7@db.prod.internal:5432/orders')}`, 'DATABASE_URL=postgres://app:[REDACTED:password]@db.prod.internal:5432/orders'],
    ['the password of a Go MySQL DSN', `dsn := "${fake('app:', 'Zq8mW3nLx7@tcp(10.1.2.3:3306)/orders')}"`, 'dsn := "app:[REDACTED:password]@tcp(10.1.2.3:3306)/orders"'],
    ['the password of an ADO.NET string', `conn = "Server=db.prod.corp;User Id=app;${fake('Password=', 'Zx8!qP3m#Lw9')};"`, 'conn = "Server=db.prod.corp;User Id=app;Password=[REDACTED:password];"'],
    ['a credential-named value', 'const client = new Api({ apiKey: "q8Zt3LwX9mPb2RkV7nYc4Hs6" });', 'const client = new Api({ apiKey: "[REDACTED:key]" });'],
    ['a password keyword argument', 'psycopg.connect(host=DB_HOST, user="app", password="x9#Kq2!vLm7p")', 'psycopg.connect(host=DB_HOST, user="app", password="[REDACTED:password]")'],
    ['an .env line', 'STRIPE_SECRET=q8Zt3LwX9mPb2RkV7nYc4Hs6\nDEBUG=1', 'STRIPE_SECRET=[REDACTED:secret]\nDEBUG=1'],
    ['a YAML value', 'auth:\n  client_secret: f3b9c2e8a1d74b6c9e0f2a5d8c7b4e1a\n', 'auth:\n  client_secret: [REDACTED:secret]\n'],
    ['a JSON secret', '{ "client_secret": "f3b9c2e8a1d74b6c9e0f2a5d8c7b4e1a" }', '{ "client_secret": "[REDACTED:secret]" }'],
  ])('replaces %s with a stable placeholder', (_, input, expected) => {
    const { text, report } = redactSecrets(input);
    expect(text).toBe(expected);
    expect(report.count).toBe(1);
    expect(redactSecrets(input).text).toBe(text);
  });

  it.each([
    ['documentation keys', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE'],
    ['placeholders', 'password = "<your-password>"\napi_key: ${API_KEY}\ntoken = "changeme"'],
    ['values read from the environment', 'Password: os.Getenv("DB_PASSWORD")\napiKey: process.env.API_KEY'],
    ['code bound to credential names', 'password: z.string().min(6),\ntoken: getT0k3nFr0mV4ult(),\nsecret = derive(k3yM4t3r1al, salt)'],
    ['local connection strings', 'DATABASE_URL=postgres://app:Zq8mW3nLx7@localhost:5432/dev'],
    ['words bound to credential names', 'token_type = "Bearer"\nPASSWORD_FIELD = "password"\nsecret: new-password-field'],
    ['text that was already redacted', 'password = "[REDACTED:password]"\nkey: [REDACTED:aws-access-key-id]'],
    ['ordinary prose and code', 'Add a retry with backoff to the HTTP client in src/net/client.ts; keep the timeout at 30 s.'],
  ])('leaves %s alone', (_, input) => {
    expect(redactSecrets(input)).toEqual({ text: input, report: { count: 0, kinds: {} } });
  });

  it('leaves the shipped prompts alone', () => {
    const prompts = readdirSync('prompts', { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.md'));
    expect(prompts.length).toBeGreaterThanOrEqual(3);
    for (const file of prompts) expect(redactSecrets(readFileSync(`prompts/${file}`, 'utf8')).report.count, file).toBe(0);
  });

  it('counts every secret by kind in one text', () => {
    const { text, report } = redactSecrets(`a=${AWS}\nb=${AWS}\nc=${GITHUB}\n${PRIVATE_KEY}\n`);
    expect(report).toEqual({ count: 4, kinds: { 'private-key': 1, 'aws-access-key-id': 2, 'github-token': 1 } });
    expect(text).not.toContain(AWS);
    expect(text).not.toContain(KEY_BODY.slice(0, 20));
  });
});

describe('redactingProvider', () => {
  function recordingProvider(local: boolean): ChatProvider & { requests: ChatRequest[]; embedded: string[][] } {
    const requests: ChatRequest[] = [];
    const embedded: string[][] = [];
    return {
      id: local ? 'ollama' : 'openai:hosted',
      local,
      requests,
      embedded,
      chat: async (request) => {
        requests.push(request);
        return { text: 'ok', usage: { inputTokens: 1, outputTokens: 1 }, provider: 'p', model: request.model, firstTokenMs: 0, totalMs: 0 };
      },
      health: async () => ({ ok: true }),
      listModels: async () => [],
      embed: async (_model, input) => {
        embedded.push([...input]);
        return input.map(() => [0]);
      },
    };
  }

  it('redacts prompts and texts to embed before they reach a non-local provider, and reports it', async () => {
    const inner = recordingProvider(false);
    const reports: RedactionReport[] = [];
    const provider = redactingProvider(inner, (report) => reports.push(report));
    await provider.chat({ model: 'gpt', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: `Why does ${GITHUB} fail?` }] });
    await provider.embed?.('embedder', [`token ${AWS}`, 'plain']);
    expect(inner.requests[0]?.messages).toEqual([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Why does [REDACTED:github-token] fail?' }]);
    expect(inner.embedded).toEqual([['token [REDACTED:aws-access-key-id]', 'plain']]);
    expect(reports).toEqual([
      { count: 1, kinds: { 'github-token': 1 } },
      { count: 1, kinds: { 'aws-access-key-id': 1 } },
    ]);
  });

  it('sends prompts to a local provider as they are', async () => {
    const inner = recordingProvider(true);
    const provider = redactingProvider(inner, () => undefined);
    await provider.chat({ model: 'qwen', messages: [{ role: 'user', content: `Why does ${GITHUB} fail?` }] });
    expect(inner.requests[0]?.messages[0]?.content).toContain(GITHUB);
  });
});
