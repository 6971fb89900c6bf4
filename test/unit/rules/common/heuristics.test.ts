import { describe, expect, it } from 'vitest';
import { embeddedCredentials, isLocalOrReservedHost, parseEndpoint, parseKeyValueDsn } from '../../../../src/core/rules/pack/common/endpoints';
import { connectionKind, credentialKind, identifierWords, personalDataKind } from '../../../../src/core/rules/pack/common/names';
import { findTokenShape, isPlaceholderValue, looksLikeSecret } from '../../../../src/core/rules/pack/common/secret-shapes';
import { FAKE_SECRETS } from './fake-secrets';

describe('names', () => {
  it('splits identifiers of every convention into words', () => {
    expect(identifierWords('dbPassword')).toEqual(['db', 'password']);
    expect(identifierWords('DB_PASSWORD')).toEqual(['db', 'password']);
    expect(identifierWords('x-api-key')).toEqual(['x', 'api', 'key']);
    expect(identifierWords('HTTPServerURL')).toEqual(['http', 'server', 'url']);
    expect(identifierWords('password2')).toEqual(['password']);
  });

  it('judges credential names by their last words', () => {
    expect(['db_password', 'apiKey', 'GITHUB_TOKEN', 'clientSecret', 'AWS_SECRET_ACCESS_KEY', 'private_key', 'Authorization'].map(credentialKind)).toEqual([
      'password', 'key', 'token', 'secret', 'key', 'key', 'auth',
    ]);
    // The value is about the credential, not the credential; a bare `key` is a dictionary key.
    expect(['token_type', 'password_field', 'secret_name', 'key', 'cache_key', 'hashed_password', 'next_page_token', 'eos_token', 'csrf_token', 'fake_password'].map(credentialKind)).toEqual(
      Array(10).fill(undefined),
    );
  });

  it('names personal data, and not what is derived from it', () => {
    expect(personalDataKind('user_email')).toBe('an email address');
    expect(personalDataKind('phoneNumber')).toBe('a phone number');
    expect(personalDataKind('dateOfBirth')).toBe('a date of birth');
    expect(personalDataKind('billing_address')).toBe('a postal address');
    expect(personalDataKind('refreshToken')).toBe('a refresh token');
    expect(['email_verified', 'password_hash', 'masked_email', 'has_password', 'token', 'address', 'username', 'user_id'].map(personalDataKind)).toEqual(Array(8).fill(undefined));
  });

  it('names where a service lives', () => {
    expect(['DB_HOST', 'redisUrl', 'sentry_dsn', 'brokerAddr', 'SERVER_IP', 'connection_string'].map(connectionKind)).toEqual(['host', 'url', 'dsn', 'host', 'host', 'dsn']);
    expect(['email_address', 'mac_address', 'listen_addr', 'docs_url', 'schema_uri', 'host_name_pattern'].map(connectionKind)).toEqual(Array(6).fill(undefined));
  });
});

describe('secret shapes', () => {
  it('recognises provider formats and rejects made-up ones', () => {
    expect(findTokenShape(FAKE_SECRETS.AWS_KEY_ID ?? '', '')?.label).toBe('AWS access key id');
    expect(findTokenShape(FAKE_SECRETS.GITHUB_TOKEN ?? '', '')?.label).toBe('GitHub token');
    expect(findTokenShape(`Bearer ${FAKE_SECRETS.JWT ?? ''}`, '')).toEqual({ label: 'JSON Web Token', throwawayInTests: true });
    expect(findTokenShape(['AKIA', 'IOSFODNN7', 'EXAMPLE'].join(''), '')).toBeUndefined();
    expect(findTokenShape(['gh', 'p_', 'x'.repeat(36)].join(''), '')).toBeUndefined();
    expect(findTokenShape(['sk', '_live_', '0123456789abcdefghij'].join(''), '')).toBeUndefined();
  });

  it('wants key material after a PEM header, also across concatenated literals', () => {
    const header = ['-----BEGIN RSA ', 'PRIVATE', ' KEY-----'].join('');
    expect(findTokenShape(header, '\nfunc parse() {}')).toBeUndefined();
    expect(findTokenShape(`${header}\\n`, `" +\n  "${FAKE_SECRETS.PEM_BODY ?? ''}\\n"`)?.label).toBe('private key (RSA PRIVATE KEY)');
  });

  it('tells random values from words, templates and placeholders', () => {
    expect(looksLikeSecret('x9#Kq2!vLm7p', 'password')).toBe(true);
    expect(looksLikeSecret('f3b9c2e8a1d74b6c9e0f2a5d8c7b4e1a', 'other')).toBe(true);
    expect(looksLikeSecret('Bearer q8Zt3LwX9mPb2RkV7nYc4Hs6', 'other')).toBe(true);
    for (const value of ['hunter2', 'changeme', 'new-password', 'x-aws-ec2-metadata-token', 'Password123!', 'DB_PASSWORD', '${DB_PASSWORD}', '<your-key>', '%(password)s', '/etc/secrets/key.pem', 'keyboard cat']) {
      expect([value, looksLikeSecret(value, 'password')]).toEqual([value, false]);
    }
    expect(isPlaceholderValue('****')).toBe(true);
    expect(isPlaceholderValue('dummy-token-for-tests')).toBe(true);
  });
});

describe('endpoints', () => {
  it('reads URLs, Go MySQL DSNs, key=value DSNs and host:port', () => {
    expect(parseEndpoint('postgresql://app:pw@db.prod.internal:5432/orders')).toEqual({ scheme: 'postgresql', host: 'db.prod.internal', port: '5432', user: 'app', password: 'pw' });
    expect(parseEndpoint('app:pw@tcp(10.1.2.3:3306)/orders')).toEqual({ scheme: 'mysql', host: '10.1.2.3', port: '3306', user: 'app', password: 'pw' });
    expect(parseEndpoint('mysql://root:pw@tcp(10.1.2.3:3306)/app')?.host).toBe('10.1.2.3');
    expect(parseEndpoint('redis:6379')).toEqual({ scheme: '', host: 'redis', port: '6379' });
    expect(parseKeyValueDsn('Server=tcp:sql.corp,1433;Database=orders;User Id=app;Password=pw;')).toEqual({ scheme: 'dsn', host: 'sql.corp', port: '1433', user: 'app', password: 'pw' });
  });

  it('keeps loopback, wildcard, link-local and documentation hosts apart', () => {
    expect(['localhost', '127.0.0.1', '0.0.0.0', '::1', '169.254.169.254', '192.0.2.10', '2001:db8::1', 'api.example.com', 'db.test'].every(isLocalOrReservedHost)).toBe(true);
    expect(['10.0.0.5', '172.16.4.2', 'db.prod.internal', 'api.stripe.com'].some(isLocalOrReservedHost)).toBe(false);
  });

  it('finds real passwords in connection strings only', () => {
    expect(embeddedCredentials('postgres://app:Zq8mW3nLx7@db.prod.internal/orders')?.host).toBe('db.prod.internal');
    expect(embeddedCredentials('host=db.corp user=app password=Zq8mW3nLx7 dbname=orders')?.host).toBe('db.corp');
    expect(embeddedCredentials('postgres://postgres:postgres@localhost/dev')).toBeUndefined();
    expect(embeddedCredentials('postgres://user:password@host/db')).toBeUndefined();
    expect(embeddedCredentials('postgres://{user}:{password}@db.prod.internal/orders')).toBeUndefined();
    expect(embeddedCredentials('see postgres://app:Zq8mW3nLx7@db.prod.internal/orders')).toBeUndefined();
  });
});
