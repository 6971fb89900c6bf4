import { describe, expect, it } from 'vitest';
import { findingLines, findingMessages, fixture } from './fake-secrets';

const RULE = 'sec/hardcoded-connection';

describe('sec/hardcoded-connection', () => {
  it('python: service URLs under any name, addresses and internal hosts under host/url/dsn names', async () => {
    // Not: loopback and wildcard, link-local metadata, public resolvers, RFC 5737 and example.com,
    // public SDK endpoints, doc links, XML namespaces, templates, version numbers.
    expect(await findingLines(RULE, 'orders/settings.py', fixture('connections.py'))).toEqual([5, 6, 7, 8, 19, 23, 24, 28]);
  });

  it('python: quiet in tests', async () => {
    expect(await findingLines(RULE, 'tests/test_settings.py', fixture('connections.py'))).toEqual([]);
  });

  it('typescript: nested config objects, class fields, env assignments; not parameter or destructuring defaults', async () => {
    expect(await findingLines(RULE, 'src/gateway/config.ts', fixture('connections.ts'))).toEqual([4, 5, 8, 15, 19]);
  });

  it('javascript: object keys and JSX attributes; a Sentry DSN with a public host is no deployment setting', async () => {
    expect(await findingLines(RULE, 'server/config.js', fixture('connections.js'))).toEqual([2, 4, 5]);
  });

  it('go: consts, MySQL DSNs, positional pairs, struct fields; not listen addresses', async () => {
    expect(await findingLines(RULE, 'cache/config.go', fixture('connections.go'))).toEqual([5, 13, 15, 18, 20]);
  });

  it('rust: consts, statics, String::from and .into() conversions', async () => {
    expect(await findingLines(RULE, 'src/config.rs', fixture('connections.rs'))).toEqual([1, 4, 7, 11]);
  });

  it('says what it found', async () => {
    const messages = await findingMessages(RULE, 'orders/settings.py', fixture('connections.py'));
    expect(messages).toContain('5: Hardcoded postgresql connection to `orders-db.c9akciq32.eu-west-1.rds.amazonaws.com`: read it from configuration');
    expect(messages).toContain('7: Hardcoded address `10.20.1.15` in `REDIS_HOST`: read it from configuration');
    expect(messages).toContain('19: Hardcoded host `redis` in `CACHE_HOST`: read it from configuration');
  });

  it('leaves a password in a URL to sec/hardcoded-secret: one finding per literal', async () => {
    const text = 'DATABASE_URL = "postgresql://app:Zq8mW3nLx7@db.prod.internal:5432/orders"\n';
    expect(await findingLines(RULE, 'app/settings.py', text)).toEqual([]);
    expect(await findingLines('sec/hardcoded-secret', 'app/settings.py', text)).toEqual([1]);
  });
});
