import { describe, expect, it } from 'vitest';
import { findingLines, findingMessages, fixture } from './fake-secrets';

const RULE = 'sec/pii-in-log';

describe('sec/pii-in-log', () => {
  it('python: arguments, f-strings, % and .format, structlog keywords, extra dicts, logger lookups', async () => {
    // Not: ids, masked or measured values, derived names, lexer tokens, network addresses, print, exc_info.
    expect(await findingLines(RULE, 'accounts/signup.py', fixture('pii.py'))).toEqual([11, 12, 17, 19, 20, 21, 23, 24, 32]);
  });

  it('python: quiet in tests', async () => {
    expect(await findingLines(RULE, 'tests/test_signup.py', fixture('pii.py'))).toEqual([]);
  });

  it('typescript: object keys, templates, members, this.logger, JSON.stringify; not Math.log or analytics', async () => {
    expect(await findingLines(RULE, 'src/signup.ts', fixture('pii.ts'))).toEqual([6, 8, 10, 12, 13, 17]);
  });

  it('tsx and javascript share the JavaScript query', async () => {
    const text = 'console.error("reset failed for", req.body.email);\nconsole.error("reset failed", req.id);\n';
    expect(await findingLines(RULE, 'src/reset.tsx', text)).toEqual([1]);
    expect(await findingLines(RULE, 'src/reset.js', text)).toEqual([1]);
  });

  it('go: log, slog key-value pairs, zap fields, logrus fields; not fmt output or errors', async () => {
    expect(await findingLines(RULE, 'auth/signup.go', fixture('pii.go'))).toEqual([13, 14, 16, 17, 18]);
  });

  it('go: quiet in _test.go files', async () => {
    expect(await findingLines(RULE, 'auth/signup_test.go', fixture('pii.go'))).toEqual([]);
  });

  it('rust: tracing fields, inline format arguments, eprintln!, getters; not println!, redaction or method calls', async () => {
    expect(await findingLines(RULE, 'src/auth.rs', fixture('pii.rs'))).toEqual([4, 5, 6, 11]);
  });

  it('names what is logged', async () => {
    const messages = await findingMessages(RULE, 'accounts/signup.py', fixture('pii.py'));
    expect(messages).toContain('11: Log call writes an email address (`email`): log an id or a masked value instead');
    expect(messages).toContain('20: Log call writes a date of birth (`date_of_birth`): log an id or a masked value instead');
  });
});
