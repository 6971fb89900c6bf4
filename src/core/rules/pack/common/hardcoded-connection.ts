import type { PredicateResult, RuleDefinition, RuleMatch } from '../../rule';
import { CONNECTION_ANCHORS } from './anchors';
import { boundLiteral, goPositionsAgree } from './bindings';
import {
  type Endpoint,
  embeddedCredentials,
  isInternalHostName,
  isIpLiteral,
  isLocalOrReservedHost,
  isPlaceholderHost,
  isServiceScheme,
  isWellKnownConstantIp,
  parseEndpoint,
  parseKeyValueDsn,
} from './endpoints';
import goQuery from './hardcoded-connection.go.scm';
import javascriptQuery from './hardcoded-connection.javascript.scm';
import jsxQuery from './hardcoded-connection.jsx.scm';
import pythonQuery from './hardcoded-connection.python.scm';
import rustQuery from './hardcoded-connection.rust.scm';
import typescriptQuery from './hardcoded-connection.typescript.scm';
import { isInterpolated, literalBody, nameText } from './literals';
import { connectionKind } from './names';

function isRealHost(host: string): boolean {
  return host.length > 0 && !isLocalOrReservedHost(host) && !isPlaceholderHost(host);
}

/** A database, cache or broker URL names one deployment's server whatever it is bound to. */
function serviceUrlVerdict(endpoint: Endpoint): string | undefined {
  if (endpoint.scheme === 'dsn' || !isServiceScheme(endpoint.scheme) || !isRealHost(endpoint.host)) return undefined;
  // `postgres://base` (a parsing base), `postgres://db/app` (a compose default) name no real server.
  const specific = isIpLiteral(endpoint.host) || endpoint.host.includes('.') || endpoint.port !== undefined;
  return specific ? `Hardcoded ${endpoint.scheme} connection to \`${endpoint.host}\`: read it from configuration` : undefined;
}

/**
 * A value bound to a host/url/dsn-named variable. Addresses, internal names and container service
 * names (`redis:6379`) belong to one deployment. A public name (`api.stripe.com`, `smtp.gmail.com`)
 * is what SDKs ship as their default endpoint, so it is not reported.
 */
function boundVerdict(endpoint: Endpoint, name: string): string | undefined {
  const { host } = endpoint;
  if (!isRealHost(host)) return undefined;
  if (isIpLiteral(host)) {
    return isWellKnownConstantIp(host) ? undefined : `Hardcoded address \`${host}\` in \`${name}\`: read it from configuration`;
  }
  const internal = isInternalHostName(host) || (!host.includes('.') && endpoint.port !== undefined && /[a-z]/.test(host));
  return internal ? `Hardcoded host \`${host}\` in \`${name}\`: read it from configuration` : undefined;
}

function check(match: RuleMatch): PredicateResult {
  const { file } = match;
  const name = match.capture('name');
  const literal = boundLiteral(match.node, file.language);
  if (!name || !literal || isInterpolated(literal)) return false;
  if (file.language === 'go' && !goPositionsAgree(name, literal)) return false;
  const value = literalBody(literal, file.text).trim();
  // A password inside is sec/hardcoded-secret's finding; one report per literal is enough.
  if (value.length < 4 || value.length > 400 || embeddedCredentials(value)) return false;
  // Broker and cluster lists (`10.1.4.7:9092,10.1.4.8:9092`) are judged by their first member.
  const first = /\s/.test(value) ? value : (value.split(',')[0] ?? value);
  const endpoint = /\s/.test(value) || /^[A-Za-z ]+=/.test(value) ? parseKeyValueDsn(value) : parseEndpoint(first);
  if (!endpoint) return false;
  const label = nameText(name, file.text);
  const verdict = serviceUrlVerdict(endpoint) ?? (connectionKind(label) ? boundVerdict(endpoint, label) : undefined);
  return verdict ? { node: literal, message: verdict } : false;
}

export const hardcodedConnection: RuleDefinition = {
  id: 'sec/hardcoded-connection',
  title: 'Hardcoded connection string or host',
  severity: 'warning',
  category: 'configuration',
  cwe: 547,
  message: 'Hardcoded connection string or host: read it from configuration',
  rationale:
    'Where the database, cache or broker lives differs per deployment; the twelve-factor app keeps it in the ' +
    'environment, so one build runs in every environment. Reported, for literals bound to a variable, constant, ' +
    'field, key, keyword argument, parameter default or JSX attribute: database, cache and broker URLs under any ' +
    'name (`postgres://`, `mysql://`, `mongodb+srv://`, `redis://`, `amqp://`, `nats://`, JDBC, Go MySQL DSNs ' +
    '`user@tcp(host:3306)/db`), and under host/url/uri/endpoint/dsn/server/addr/broker/ip names: IP addresses, ' +
    'internal names (`.internal`, `.svc`, `.cluster.local`, `.corp`, `.lan`, `.consul`, managed database domains ' +
    'such as `.rds.amazonaws.com` or `.mongodb.net`), container service names with a port (`redis:6379`), and ' +
    'key=value DSNs (`host=db.corp dbname=app`). Not reported: loopback and wildcard addresses (`localhost`, ' +
    '`127.0.0.1`, `0.0.0.0`, `::1`, `host.docker.internal`): local development defaults; link-local and cloud ' +
    'metadata, multicast and well-known resolver addresses: protocol constants; RFC 2606/5737/3849 documentation ' +
    'names and ranges (`example.com`, `*.test`, `192.0.2.x`, `2001:db8::`); placeholders (`<host>`, `{host}`, ' +
    '`${DB_HOST}`, `%s`); public names (`https://api.stripe.com`, `smtp.gmail.com`): the default endpoints SDKs ' +
    'ship; documentation links and XML namespaces; strings passed straight to a call (`create_engine("...")`), ' +
    'which would mean reading every string literal a second time. A password inside a connection string is ' +
    'reported by sec/hardcoded-secret, which reads every string literal anyway, so one literal gets one finding. ' +
    'secretlint (basicauth, database-connection-string) reports only URLs with credentials, loopback and ' +
    'documentation ones included (SQLAlchemy\'s `scott:tiger@localhost` docstring examples). Quiet in tests, ' +
    'examples and benchmarks.',
  queries: {
    python: pythonQuery,
    typescript: typescriptQuery,
    tsx: typescriptQuery + jsxQuery,
    javascript: javascriptQuery + jsxQuery,
    go: goQuery,
    rust: rustQuery,
  },
  anchor: CONNECTION_ANCHORS,
  predicate: check,
  spare: ['test', 'example', 'bench'],
  equivalents: ['secretlint:basicauth', 'secretlint:database-connection-string', 'gitleaks', 'semgrep:generic.secrets.security.detected-username-and-password-in-uri'],
  examples: [
    { language: 'python', kind: 'bad', code: 'SQLALCHEMY_DATABASE_URI = "postgresql://db.prod.internal:5432/orders"\n' },
    { language: 'python', kind: 'bad', code: 'REDIS_HOST = "10.20.1.15"\n' },
    { language: 'python', kind: 'good', code: 'import os\n\nengine = create_engine(os.environ["DATABASE_URL"])\nREDIS_HOST = os.environ.get("REDIS_HOST", "localhost")\n' },
    { language: 'python', kind: 'good', code: 'DOCS_URL = "https://docs.python.org/3/library/sqlite3.html"\nXMLNS = "http://www.w3.org/2000/svg"\n' },
    { language: 'typescript', kind: 'bad', code: 'const pool = new Pool({ connectionString: "postgres://10.4.0.12/orders", user: "svc" });\n' },
    { language: 'typescript', kind: 'bad', code: 'export const config = { brokerUrl: "amqp://rabbit.prod.internal:5672" };\n' },
    { language: 'typescript', kind: 'good', code: 'const pool = new Pool({ connectionString: process.env.DATABASE_URL });\nexport const apiBase = "https://api.github.com";\n' },
    { language: 'tsx', kind: 'bad', code: 'export const App = () => <Client endpoint="http://10.0.3.7:8080/graphql" />;\n' },
    { language: 'tsx', kind: 'good', code: 'export const App = () => <Client endpoint={import.meta.env.VITE_API_URL} />;\n' },
    { language: 'javascript', kind: 'bad', code: 'const mongoUrl = "mongodb+srv://cluster0.x1y2z.mongodb.net/prod";\n' },
    { language: 'javascript', kind: 'good', code: 'const client = new MongoClient(process.env.MONGO_URL ?? "mongodb://localhost:27017/dev");\n' },
    { language: 'go', kind: 'bad', code: 'package cache\n\nconst redisAddr = "redis.prod.internal:6379"\n' },
    { language: 'go', kind: 'bad', code: 'package db\n\nvar dsn = "app@tcp(10.1.2.3:3306)/orders"\n' },
    { language: 'go', kind: 'good', code: 'package server\n\nconst listenAddr = "0.0.0.0:8080"\n\nvar dsn = os.Getenv("DATABASE_DSN")\n' },
    { language: 'rust', kind: 'bad', code: 'const DATABASE_URL: &str = "postgresql://10.4.0.12/orders";\n' },
    { language: 'rust', kind: 'good', code: 'const BIND_ADDR: &str = "127.0.0.1:3000";\nconst DOCS: &str = "https://docs.rs/tokio";\n' },
  ],
};
