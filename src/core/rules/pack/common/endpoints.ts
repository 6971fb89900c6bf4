// Connection strings and host names: what a literal says about where a backing service lives.

export interface Endpoint {
  /** Lower-case scheme (`postgres`, `https`, `jdbc:mysql`); empty for a bare `host:port`. */
  readonly scheme: string;
  readonly host: string;
  readonly port?: string;
  readonly user?: string;
  readonly password?: string;
}

/** Schemes of databases, caches, queues and brokers: such a URL is always deployment configuration. */
const SERVICE_SCHEMES = new Set([
  'postgres', 'postgresql', 'mysql', 'mariadb', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'amqp', 'amqps',
  'mssql', 'sqlserver', 'oracle', 'clickhouse', 'cockroachdb', 'couchdb', 'neo4j', 'neo4j+s', 'bolt', 'nats',
  'memcached', 'kafka', 'cassandra', 'elasticsearch', 'influxdb', 'mqtt', 'mqtts', 'ldap', 'ldaps', 'sftp', 'ftp',
]);

export function isServiceScheme(scheme: string): boolean {
  return SERVICE_SCHEMES.has(scheme) || scheme.startsWith('jdbc:');
}

const URL_SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*(?::[A-Za-z0-9+.-]+)?):\/\/(?:([^/@\s:]*)(?::([^/@\s]*))?@)?(\[[0-9A-Fa-f:.]+\]|[^/:?#\s,;]+)(?::(\d{1,5}))?/;
/** Go's MySQL driver: `user:password@tcp(host:3306)/db`. */
const GO_MYSQL_SHAPE = /^([^:@/\s]+)(?::([^@\s]*))?@(?:tcp|unix)\(([^:)]+)(?::(\d+))?\)/;
const HOST_PORT_SHAPE = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\d{1,5}))?$/;

/** Reads `scheme://user:pass@host:port/...`, Go MySQL DSNs, and bare `host[:port]` values. */
export function parseEndpoint(raw: string): Endpoint | undefined {
  // Go's MySQL driver also takes its `tcp(host:port)` inside a URL: `mysql://u:p@tcp(h:3306)/db`.
  const value = raw.includes('://') ? raw.replace(/@(?:tcp|unix)\(([^)]*)\)/, '@$1') : raw;
  const url = URL_SHAPE.exec(value);
  if (url) {
    return withOptional({ scheme: (url[1] ?? '').toLowerCase(), host: unbracket(url[4] ?? '') }, url[5], url[2], url[3]);
  }
  const mysql = GO_MYSQL_SHAPE.exec(value);
  if (mysql) return withOptional({ scheme: 'mysql', host: mysql[3] ?? '' }, mysql[4], mysql[1], mysql[2]);
  const bare = HOST_PORT_SHAPE.exec(value);
  if (bare) return withOptional({ scheme: '', host: unbracket(bare[1] ?? '') }, bare[2], undefined, undefined);
  return undefined;
}

function withOptional(base: Endpoint, port?: string, user?: string, password?: string): Endpoint {
  return {
    ...base,
    ...(port ? { port } : {}),
    ...(user ? { user } : {}),
    ...(password !== undefined && password !== '' ? { password } : {}),
  };
}

function unbracket(host: string): string {
  return host.startsWith('[') ? host.slice(1, -1) : host.toLowerCase();
}

/** `host=db.prod user=app password=...` (libpq) and `Server=db;Password=...;` (ADO.NET, ODBC). */
export function parseKeyValueDsn(value: string): Endpoint | undefined {
  const pairs = new Map<string, string>();
  // ADO.NET and ODBC separate pairs with `;` (keys may hold spaces: `User Id`), libpq with spaces.
  for (const part of value.split(value.includes(';') ? ';' : /\s+/)) {
    const eq = part.indexOf('=');
    if (eq > 0) pairs.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim().replace(/^['"]|['"]$/g, ''));
  }
  const rawHost = pairs.get('host') ?? pairs.get('server') ?? pairs.get('data source') ?? pairs.get('hostname') ?? pairs.get('address') ?? pairs.get('addr');
  if (!rawHost) return undefined;
  const hostPort = /^(?:tcp:)?([^,:]+)(?:[,:](\d+))?$/.exec(rawHost);
  if (!hostPort) return undefined;
  const password = pairs.get('password') ?? pairs.get('pwd');
  const user = pairs.get('user') ?? pairs.get('user id') ?? pairs.get('uid') ?? pairs.get('username');
  return withOptional({ scheme: 'dsn', host: (hostPort[1] ?? '').toLowerCase() }, hostPort[2] ?? pairs.get('port'), user, password);
}

// ---------------------------------------------------------------- hosts

/** Hosts that are no deployment's backing service: loopback, wildcard, documentation and test names. */
export function isLocalOrReservedHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === 'host.docker.internal' || h === 'ip6-localhost') return true;
  if (/(?:^|\.)example\.(?:com|net|org)$/.test(h) || /\.(?:example|test|invalid)$/.test(h) || h === 'example' || h === 'test') return true;
  const ipv4 = parseIPv4(h);
  if (ipv4) return isReservedIPv4(ipv4);
  if (h.includes(':')) return isReservedIPv6(h);
  return false;
}

/** Stand-ins for a host: `<host>`, `{host}`, `${HOST}`, `%s`, `your-host`, `hostname`, `*`. */
export function isPlaceholderHost(host: string): boolean {
  if (/[<>{}$%*]|^x+(?:\.x+)*$/i.test(host)) return true;
  return /^(?:host|hostname|server|servername|domain|ip|address|addr|your[-_.]?\S*|my[-_]?(?:host|server|domain)\S*|db[-_]?host|database[-_]?host|some[-_]?host|foo|bar|baz)$/i.test(host);
}

export function parseIPv4(host: string): number[] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

/** Well-known public resolvers: protocol constants rather than a deployment's configuration. */
const PUBLIC_RESOLVERS = new Set(['8.8.8.8', '8.8.4.4', '1.1.1.1', '1.0.0.1', '1.1.1.2', '9.9.9.9', '208.67.222.222', '208.67.220.220']);
/** Made-up addresses that docs and test helpers use (`httptest`'s remote address is 1.2.3.4). */
const DUMMY_ADDRESSES = new Set(['1.2.3.4', '4.3.2.1', '5.6.7.8', '11.22.33.44']);

function isReservedIPv4([a = 0, b = 0, c = 0]: number[]): boolean {
  return (
    a === 0 || // "this network", 0.0.0.0: bind to all interfaces
    a === 127 ||
    (a === 169 && b === 254) || // link-local, cloud metadata endpoints
    a >= 224 || // multicast, reserved, broadcast and netmasks such as 255.255.255.0
    (a === 192 && b === 0 && c === 2) || // RFC 5737 documentation ranges
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113)
  );
}

function isReservedIPv6(host: string): boolean {
  const h = host.toLowerCase();
  return h === '::1' || h === '::' || h === '0:0:0:0:0:0:0:1' || h.startsWith('2001:db8:') || h.startsWith('fe80:') || h.startsWith('ff0') || h.startsWith('::ffff:127.');
}

export function isIpLiteral(host: string): boolean {
  return parseIPv4(host) !== undefined || (host.includes(':') && /^[0-9a-f:.]+$/i.test(host));
}

export function isWellKnownConstantIp(host: string): boolean {
  return PUBLIC_RESOLVERS.has(host) || DUMMY_ADDRESSES.has(host);
}

/** Names that only make sense inside one network: cluster DNS, private zones, managed databases. */
const INTERNAL_SUFFIX = /\.(?:internal|intranet|intra|corp|lan|local|private|svc|cluster\.local|consul|home\.arpa)$|\.rds\.amazonaws\.com$|\.cache\.amazonaws\.com$|\.database\.windows\.net$|\.redis\.cache\.windows\.net$|\.documents\.azure\.com$|\.servicebus\.windows\.net$|\.mongodb\.net$|\.cloudsql\.|\.supabase\.co$|\.neon\.tech$/;

export function isInternalHostName(host: string): boolean {
  return INTERNAL_SUFFIX.test(host.toLowerCase());
}


// ---------------------------------------------------------------- credentials

const PLACEHOLDER_PASSWORD = /^(?:pass|passwd|pw|pwd|secret|password|changeme|x+|\*+|\.+)$|[<>{}$%]|example|dummy|fake|test|your/i;

/**
 * A connection string (URL, Go MySQL DSN, key=value DSN) that carries a real-looking password for
 * a real host. Prose (`see postgres://user:pass@host`) and placeholders do not count.
 */
export function embeddedCredentials(literal: string): Endpoint | undefined {
  const value = literal.trim();
  const keyValue = /(?:^|[;\s])(?:password|pwd)\s*=/i.test(value);
  if (/\s/.test(value) && !keyValue) return undefined;
  const endpoint = keyValue && !value.includes('://') ? parseKeyValueDsn(value) : parseEndpoint(value);
  if (!endpoint?.password || PLACEHOLDER_PASSWORD.test(endpoint.password)) return undefined;
  if (/^(.)\1*$/.test(endpoint.password)) return undefined;
  return isLocalOrReservedHost(endpoint.host) || isPlaceholderHost(endpoint.host) ? undefined : endpoint;
}
