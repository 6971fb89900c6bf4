import type { CodeRole, PredicateResult, RuleDefinition, RuleMatch } from '../../rule';
import { SECRET_ANCHORS } from './anchors';
import { boundLiteral, goPositionsAgree } from './bindings';
import { embeddedCredentials } from './endpoints';
import goQuery from './hardcoded-secret.go.scm';
import javascriptQuery from './hardcoded-secret.javascript.scm';
import jsxQuery from './hardcoded-secret.jsx.scm';
import pythonQuery from './hardcoded-secret.python.scm';
import rustQuery from './hardcoded-secret.rust.scm';
import typescriptQuery from './hardcoded-secret.typescript.scm';
import { isInterpolated, literalBody, literalOf, nameText } from './literals';
import { credentialKind } from './names';
import { findTokenShape, looksLikeSecret } from './secret-shapes';

/** Where made-up credentials are expected: the name heuristic and throwaway key kinds stay quiet there. */
const QUIET_ROLES: readonly CodeRole[] = ['test', 'example', 'bench'];

function inQuietRole(match: RuleMatch, node: RuleMatch['node']): boolean {
  const roles = match.file.rolesAt(node);
  return QUIET_ROLES.some((role) => roles.has(role));
}

/**
 * The examples' made-up tokens are assembled from two parts, so that this file holds no
 * token-shaped text: secret scanners, push protection and this very rule would stop it.
 */
function fake(prefix: string, rest: string): string {
  return prefix + rest;
}

function check(match: RuleMatch): PredicateResult {
  const { file } = match;
  const name = match.capture('name');
  const literal = name ? boundLiteral(match.node, file.language) : literalOf(match.node);
  if (!literal) return false;
  const body = literalBody(literal, file.text);
  const shape = findTokenShape(body, file.text.slice(literal.endIndex, literal.endIndex + 600));
  if (shape) {
    if (shape.throwawayInTests && inQuietRole(match, literal)) return false;
    return { node: literal, message: `Hardcoded ${shape.label}: load it from the environment or a secret store, and revoke this one` };
  }
  const connection = embeddedCredentials(body);
  if (connection) {
    if (inQuietRole(match, literal)) return false;
    return { node: literal, message: `Hardcoded password in the connection string for \`${connection.host}\`: read it from the environment or a secret store` };
  }
  if (!name || isInterpolated(literal)) return false;
  if (file.language === 'go' && !goPositionsAgree(name, literal)) return false;
  const label = nameText(name, file.text);
  const kind = credentialKind(label);
  if (!kind || !looksLikeSecret(body, kind === 'password' ? 'password' : 'other')) return false;
  if (inQuietRole(match, literal)) return false;
  return { node: literal, message: `Hardcoded credential in \`${label}\`: load it from the environment or a secret store` };
}

export const hardcodedSecret: RuleDefinition = {
  id: 'sec/hardcoded-secret',
  title: 'Hardcoded secret',
  severity: 'error',
  category: 'security',
  cwe: 798,
  message: 'Hardcoded secret: load it from the environment or a secret store',
  rationale:
    'A credential in source code is shared with everyone who can read the repository, its forks, its history and ' +
    'every build artifact, and it cannot be rotated without a release. Three checks. (1) Well-known formats in any ' +
    'string literal, like secretlint and gitleaks: private keys with key material after the PEM header (also ' +
    'across concatenated literals; a bare header is a marker parsers look for), AWS access key ids, GitHub, ' +
    'GitLab, Slack (tokens and webhooks), Stripe live, Google API, OpenAI, Anthropic, npm, SendGrid, Twilio, ' +
    'Shopify, Hugging Face, PyPI, DigitalOcean, Docker Hub, Linear and Groq tokens, Azure storage keys, JWTs. ' +
    '(2) A password inside a connection string (`postgres://app:pw@db.prod/x`, `user:pw@tcp(host)/db`, ' +
    '`Server=...;Password=...`) for a host other than loopback or a documentation name. (3) Credential-named ' +
    'variables, fields, keys, keyword arguments, defaults and JSX attributes (`password`, `api_key`, ' +
    '`clientSecret`, `GITHUB_TOKEN`, judged by the last words of the name, so `token_type`, `password_field`, ' +
    '`next_page_token` or `hashed_password` are not) bound to a literal that looks random: at least 8 characters ' +
    'for passwords and 16 for other secrets, two character classes, not made of words (`new-password`, ' +
    '`x-aws-ec2-metadata-token`, `Password123!`), Shannon entropy of at least 2.5 or 3 bits per character. ' +
    'Unlike Ruff S105-S107 and Bandit B105-B107, which flag any non-empty string bound to such a name (on the ' +
    'Python standard library and Django they report `TOKEN_TYPE = "Bearer"`-style constants by the hundred), ' +
    'placeholders are spared: `changeme`, `<your-key>`, `${ENV}`, `%s`, `xxx`, `****`, values saying ' +
    'example/dummy/fake/test, environment variable names, paths and URLs. The name check and the connection-string ' +
    'check stay quiet in tests, examples and benchmarks, whose values are made up; so do private keys and JWTs, ' +
    'which test suites generate by the dozen. Provider tokens are reported everywhere: a live one in a test leaks ' +
    'like any other, and a made-up one should look made up (`AKIAIOSFODNN7EXAMPLE`, `ghp_xxxx...`).',
  queries: {
    python: pythonQuery,
    typescript: typescriptQuery,
    tsx: typescriptQuery + jsxQuery,
    javascript: javascriptQuery + jsxQuery,
    go: goQuery,
    rust: rustQuery,
  },
  anchor: SECRET_ANCHORS,
  predicate: check,
  equivalents: ['ruff:S105', 'ruff:S106', 'ruff:S107', 'bandit:B105', 'bandit:B106', 'bandit:B107', 'gosec:G101', 'secretlint:preset-recommend', 'gitleaks', 'semgrep:generic.secrets'],
  examples: [
    { language: 'python', kind: 'bad', code: `import stripe\n\nstripe.api_key = "${fake('sk_live_', '51HqLyjWDarjtT1zdp7dcQ8vRbF2mNx4K')}"\n` },
    { language: 'python', kind: 'bad', code: 'def connect():\n    return psycopg.connect(host=DB_HOST, user="app", password="x9#Kq2!vLm7p")\n' },
    { language: 'python', kind: 'bad', code: `engine = create_engine("${fake('postgresql://app:', 'Zq8mW3nLx7@db.prod.internal:5432/orders')}")\n` },
    { language: 'python', kind: 'good', code: 'import os\n\nstripe.api_key = os.environ["STRIPE_API_KEY"]\nPASSWORD_FIELD = "password"\ntoken_type = "Bearer"\n' },
    { language: 'python', kind: 'good', path: 'tests/test_login.py', code: 'def test_login(client):\n    client.login(username="ada", password="c0rrect-h0rse")\n' },
    { language: 'typescript', kind: 'bad', code: `export const config = {\n  githubToken: "${fake('ghp_', '4fT9kQz2LmX8vB1nR7cW3yH6pJ0sD5aE2gU9')}",\n};\n` },
    { language: 'typescript', kind: 'bad', code: 'const client = new Api({ apiKey: "q8Zt3LwX9mPb2RkV7nYc4Hs6" });\n' },
    { language: 'typescript', kind: 'good', code: 'const client = new Api({ apiKey: process.env.API_KEY ?? "" });\nconst placeholder = { password: "<your-password>" };\n' },
    { language: 'tsx', kind: 'bad', code: `export const Map = () => <GoogleMap apiKey="${fake('AIza', 'SyD3vQ8mLp2Xr7TbN4kW9cYh1FjZs6Ue0aG')}" />;\n` },
    { language: 'tsx', kind: 'good', code: 'export const Map = () => <GoogleMap apiKey={import.meta.env.VITE_MAPS_KEY} />;\n' },
    { language: 'javascript', kind: 'bad', code: `const slack = new WebClient("${fake('xoxb-', '2048319625-4096718231-Zq8mW3nLx7Rb2Vt9Kc4Hs6Pd')}");\n` },
    { language: 'javascript', kind: 'good', code: 'const slack = new WebClient(process.env.SLACK_TOKEN);\n' },
    { language: 'go', kind: 'bad', code: `package aws\n\nconst accessKeyID = "${fake('AKIA', 'Z3MHKL2JX6QPW7NB')}"\n` },
    { language: 'go', kind: 'bad', code: 'package db\n\nvar cfg = Config{User: "app", Password: "Zx8!qP3m#Lw9"}\n' },
    { language: 'go', kind: 'bad', code: 'package db\n\nvar dsn = "app:Zq8mW3nLx7@tcp(10.1.2.3:3306)/orders"\n' },
    { language: 'go', kind: 'good', code: 'package db\n\nvar cfg = Config{User: "app", Password: os.Getenv("DB_PASSWORD")}\n' },
    { language: 'rust', kind: 'bad', code: 'const SIGNING_KEY: &str = "f3b9c2e8a1d74b6c9e0f2a5d8c7b4e1a";\n' },
    { language: 'rust', kind: 'bad', code: `fn client() -> Client {\n    Client::new(Config { token: "${fake('glpat-', 'Zq8mW3nLx7Rb2Vt9Kc4H')}".to_string() })\n}\n` },
    { language: 'rust', kind: 'good', code: 'fn client() -> Client {\n    Client::new(Config { token: std::env::var("GITLAB_TOKEN").unwrap_or_default() })\n}\n' },
  ],
};
