import { describe, expect, it } from 'vitest';
import { findingLines, findingMessages, fixture } from './fake-secrets';

const RULE = 'sec/hardcoded-secret';

describe('sec/hardcoded-secret', () => {
  it('python: token shapes, credential names, key material, passwords in URLs; not placeholders', async () => {
    expect(await findingLines(RULE, 'billing/settings.py', fixture('secrets.py'))).toEqual([4, 5, 6, 7, 19, 20, 25, 31, 32, 34, 38, 41]);
  });

  it('python: in tests only real token shapes remain', async () => {
    // Names with made-up values, throwaway private keys and JWTs, and URL passwords are quiet in tests.
    expect(await findingLines(RULE, 'tests/test_settings.py', fixture('secrets.py'))).toEqual([4, 6, 32]);
  });

  it('typescript: object keys, class fields, subscripts, env assignments; not parameter or destructuring defaults', async () => {
    // Parameter and destructuring defaults (lines 19, 27) are left out on purpose: matching every
    // parameter costs more than the rare secret there is worth.
    expect(await findingLines(RULE, 'src/payments/config.ts', fixture('secrets.ts'))).toEqual([5, 7, 8, 17, 18, 23, 24, 25]);
  });

  it('tsx: JSX attributes', async () => {
    expect(await findingLines(RULE, 'src/Map.tsx', fixture('secrets.tsx'))).toEqual([3, 6]);
  });

  it('javascript: fields, template literals bound to names, JSX; not parameter defaults', async () => {
    expect(await findingLines(RULE, 'server/config.js', fixture('secrets.js'))).toEqual([2, 3, 6, 16, 17, 21]);
  });

  it('go: names and values paired by position, struct fields, map keys, raw-string keys', async () => {
    expect(await findingLines(RULE, 'billing/config.go', fixture('secrets.go'))).toEqual([5, 9, 13, 17, 19, 29, 30, 31, 32]);
  });

  it('go: a _test.go file keeps only provider tokens', async () => {
    expect(await findingLines(RULE, 'billing/config_test.go', fixture('secrets.go'))).toEqual([5, 29]);
  });

  it('rust: consts, statics, lets, conversions to String; a #[cfg(test)] module keeps only provider tokens', async () => {
    expect(await findingLines(RULE, 'src/config.rs', fixture('secrets.rs'))).toEqual([2, 3, 13, 14, 16, 17, 30]);
  });

  it('names the format or the variable in the message', async () => {
    const messages = await findingMessages(RULE, 'billing/settings.py', fixture('secrets.py'));
    expect(messages).toContain('4: Hardcoded AWS access key id: load it from the environment or a secret store, and revoke this one');
    expect(messages).toContain('7: Hardcoded credential in `SECRET_KEY`: load it from the environment or a secret store');
    expect(messages).toContain('20: Hardcoded private key (RSA PRIVATE KEY): load it from the environment or a secret store, and revoke this one');
    expect(messages).toContain('25: Hardcoded password in the connection string for `db.prod.internal`: read it from the environment or a secret store');
  });
});
