// What a variable, field or key name says about the value it holds. Names are split into
// lower-case words (`dbPassword`, `DB_PASSWORD`, `db-password` -> db, password) and judged by
// their LAST words: `password_field`, `token_type` or `secret_name` hold no secret.

/** `apiKey` -> [api, key]; `HTTPServerURL` -> [http, server, url]; `x-api-key` -> [x, api, key]. */
export function identifierWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((word) => word.length > 0);
}

function lastWords(words: readonly string[], count: number): string {
  return words.slice(-count).join(' ');
}

export type CredentialKind = 'password' | 'secret' | 'token' | 'key' | 'auth';

const CREDENTIAL_LAST_WORD: Readonly<Record<string, CredentialKind>> = {
  password: 'password',
  passwd: 'password',
  pwd: 'password',
  passphrase: 'password',
  secret: 'secret',
  token: 'token',
  credential: 'auth',
  credentials: 'auth',
  creds: 'auth',
  auth: 'auth',
  authorization: 'auth',
  apikey: 'key',
  accesskey: 'key',
  secretkey: 'key',
  privatekey: 'key',
};

/** `key` alone names dictionary keys, cache keys, sort keys: only these kinds of key are secrets. */
const SECRET_KEY_QUALIFIERS = new Set(['api', 'secret', 'private', 'access', 'signing', 'encryption', 'master', 'auth', 'client', 'app', 'consumer', 'session', 'hmac', 'jwt', 'license', 'subscription']);

/**
 * Words before the credential word that say the value is not a live credential: hashes, test
 * doubles, pagination and tokenizer tokens (`next_page_token`, `eos_token`), CSRF field names.
 */
const NOT_A_CREDENTIAL = new Set([
  'hashed', 'hash', 'encrypted', 'masked', 'redacted', 'obfuscated', 'salted',
  'fake', 'dummy', 'mock', 'test', 'example', 'sample', 'placeholder', 'invalid', 'wrong', 'bad', 'bogus', 'expired',
  'next', 'page', 'continuation', 'cancel', 'cancellation', 'sync', 'resume', 'cursor',
  'eos', 'bos', 'pad', 'unk', 'sep', 'mask', 'cls', 'start', 'end', 'begin', 'special', 'csrf', 'xsrf',
  'no', 'has', 'is', 'use', 'require', 'requires', 'need', 'needs', 'min', 'max', 'num', 'reset',
]);

/** Is this name one that holds a credential (`db_password`, `apiKey`, `GITHUB_TOKEN`, `client_secret`)? */
export function credentialKind(name: string): CredentialKind | undefined {
  const words = identifierWords(name);
  const last = words.at(-1);
  if (!last) return undefined;
  let kind = CREDENTIAL_LAST_WORD[last];
  if (!kind && last === 'key' && words.length >= 2 && SECRET_KEY_QUALIFIERS.has(words.at(-2) ?? '')) kind = 'key';
  if (!kind) return undefined;
  if (words.slice(0, -1).some((word) => NOT_A_CREDENTIAL.has(word))) return undefined;
  return kind;
}

// Personal data (and credentials, which are as bad in a log) by the names of the values logged.
const PII_LAST_WORD: Readonly<Record<string, string>> = {
  email: 'an email address',
  emails: 'email addresses',
  phone: 'a phone number',
  phones: 'phone numbers',
  msisdn: 'a phone number',
  ssn: 'a social security number',
  password: 'a password',
  passwd: 'a password',
  passwords: 'passwords',
  passphrase: 'a passphrase',
  secret: 'a secret',
  apikey: 'an API key',
  dob: 'a date of birth',
  birthday: 'a date of birth',
  birthdate: 'a date of birth',
  iban: 'a bank account number',
  cvv: 'a card security code',
  cvc: 'a card security code',
  creditcard: 'a credit card number',
  surname: 'a person\'s name',
  firstname: 'a person\'s name',
  lastname: 'a person\'s name',
  fullname: 'a person\'s name',
  passport: 'a passport number',
};

const PII_LAST_TWO_WORDS: Readonly<Record<string, string>> = {
  'phone number': 'a phone number',
  'mobile number': 'a phone number',
  'telephone number': 'a phone number',
  'card number': 'a card number',
  'credit card': 'a credit card number',
  'cc number': 'a card number',
  'security number': 'a social security number',
  'birth date': 'a date of birth',
  'of birth': 'a date of birth',
  'email address': 'an email address',
  'mail address': 'an email address',
  'home address': 'a postal address',
  'street address': 'a postal address',
  'postal address': 'a postal address',
  'mailing address': 'a postal address',
  'billing address': 'a postal address',
  'shipping address': 'a postal address',
  'access token': 'an access token',
  'refresh token': 'a refresh token',
  'auth token': 'an auth token',
  'api token': 'an API token',
  'bearer token': 'a bearer token',
  'id token': 'an ID token',
  'session token': 'a session token',
  'oauth token': 'an OAuth token',
  'api key': 'an API key',
  'secret key': 'a secret key',
  'private key': 'a private key',
  'client secret': 'a client secret',
  'first name': 'a person\'s name',
  'last name': 'a person\'s name',
  'full name': 'a person\'s name',
  'tax id': 'a tax id',
  'passport number': 'a passport number',
  'national id': 'a national id',
};

/** Words before the personal-data word that say the value is not the data itself. */
const NOT_PERSONAL_DATA = new Set([
  'hashed', 'hash', 'masked', 'redacted', 'encrypted', 'obfuscated', 'sanitized', 'anonymized', 'truncated', 'safe',
  'has', 'is', 'should', 'need', 'needs', 'require', 'requires', 'use', 'uses', 'with', 'no', 'allow', 'enable', 'show',
  'num', 'count', 'len', 'max', 'min', 'valid',
]);

/** What personal data a name holds (`user_email`, `phoneNumber`, `dateOfBirth`), as a phrase for messages. */
export function personalDataKind(name: string): string | undefined {
  const words = identifierWords(name);
  if (words.length === 0) return undefined;
  const kind = PII_LAST_TWO_WORDS[lastWords(words, 2)] ?? PII_LAST_WORD[words.at(-1) ?? ''];
  if (!kind) return undefined;
  if (words.slice(0, -1).some((word) => NOT_PERSONAL_DATA.has(word))) return undefined;
  return kind;
}

export type ConnectionNameKind = 'host' | 'url' | 'dsn';

const CONNECTION_LAST_WORD: Readonly<Record<string, ConnectionNameKind>> = {
  host: 'host',
  hostname: 'host',
  hosts: 'host',
  server: 'host',
  servers: 'host',
  addr: 'host',
  address: 'host',
  ip: 'host',
  broker: 'host',
  brokers: 'host',
  url: 'url',
  uri: 'url',
  baseurl: 'url',
  endpoint: 'url',
  dsn: 'dsn',
  connstr: 'dsn',
};

/** Is this a name for where a service lives (`DB_HOST`, `redisUrl`, `sentry_dsn`, `brokerAddr`)? */
export function connectionKind(name: string): ConnectionNameKind | undefined {
  const words = identifierWords(name);
  const last = words.at(-1);
  if (!last) return undefined;
  if (lastWords(words, 2) === 'connection string') return 'dsn';
  const kind = CONNECTION_LAST_WORD[last];
  if (!kind) return undefined;
  // An email address, a MAC address, a bind/listen address or a doc URL is not a backing service.
  if (words.slice(0, -1).some((word) => NOT_A_SERVICE.has(word))) return undefined;
  return kind;
}

const NOT_A_SERVICE = new Set([
  'email', 'mail', 'mac', 'bind', 'listen', 'local', 'return', 'reply', 'from', 'sender', 'to',
  'doc', 'docs', 'documentation', 'help', 'homepage', 'home', 'repo', 'repository', 'source', 'issue', 'issues', 'bug', 'license', 'schema', 'namespace', 'xmlns', 'icon', 'image', 'logo', 'avatar',
  'example', 'sample', 'test', 'fake', 'dummy', 'mock', 'callback', 'redirect',
]);
