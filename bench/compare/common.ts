// Compares the cross-language rules (sec/hardcoded-secret, sec/hardcoded-connection, sec/pii-in-log)
// with secretlint, Ruff and a grep baseline, on real code and on a seeded corpus of fake but
// well-formed credentials (generated here at run time, so the repository holds no token-shaped text).
//
// Run (web-tree-sitter's ESM build reads import.meta.url, hence the banner and define):
//   npx esbuild bench/compare/common.ts --bundle --platform=node --format=cjs --loader:.scm=text \
//     --outfile=/tmp/cmp-common.cjs \
//     "--banner:js=const __importMetaUrl=require('url').pathToFileURL(__filename).href;" \
//     --define:import.meta.url=__importMetaUrl \
//   && node /tmp/cmp-common.cjs [python] [go] [rust] [js] [seeded]
//
// Tools, in a scratch folder (default /tmp/omni-compare-tools, or $OMNI_COMPARE_TOOLS):
//   mkdir -p /tmp/omni-compare-tools && cd /tmp/omni-compare-tools && npm init -y && \
//   npm install secretlint @secretlint/secretlint-rule-preset-recommend @astral-sh/ruff-wasm-nodejs
// Real code: Python stdlib (/usr/lib/python3.11) and packages (apt-get install -y python3-django
// python3-kombu python3-celery python3-sqlalchemy python3-redis python3-requests python3-flask
// python3-psycopg2 python3-keystone python3-django-allauth python3-social-auth-core
// python3-django-oauth-toolkit ansible-core mailman3 radicale python3-buildbot), Go stdlib (apt-get install -y golang-go) and libraries (apt-get install -y
// golang-github-go-sql-driver-mysql-dev golang-github-lib-pq-dev golang-github-sirupsen-logrus-dev
// golang-go.uber-zap-dev golang-github-nats-io-go-nats-dev, under /usr/share/gocode/src),
// Rust crates (apt-get install -y librust-reqwest-dev librust-tokio-postgres-dev librust-oauth2-dev
// librust-jsonwebtoken-dev librust-tracing-subscriber-dev librust-rustls-dev librust-config-dev),
// npm packages ($OMNI_COMPARE_JS, default /tmp/omni-compare-js/node_modules: npm install
// --ignore-scripts pg mongodb ioredis mysql2 nodemailer winston pino passport jsonwebtoken
// express-session axios stripe twilio @octokit/rest typeorm knex sequelize @slack/web-api
// firebase-admin @aws-sdk/client-s3) and two servers ($OMNI_COMPARE_JS_APPS, default
// /tmp/omni-compare-js-apps/node_modules: npm install --ignore-scripts parse-server verdaccio).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Finding } from '../../src/core/rules/finding';
import { ourFindings } from './our-findings';

const TOOLS = process.env.OMNI_COMPARE_TOOLS ?? '/tmp/omni-compare-tools';
const JS_ROOT = process.env.OMNI_COMPARE_JS ?? '/tmp/omni-compare-js/node_modules';
const JS_APPS_ROOT = process.env.OMNI_COMPARE_JS_APPS ?? '/tmp/omni-compare-js-apps/node_modules';
const PY_APPS = ['django', 'kombu', 'celery', 'sqlalchemy', 'redis', 'requests', 'flask', 'psycopg2', 'amqp', 'jwt', 'keystone', 'keystoneauth1', 'keystoneclient', 'keystonemiddleware', 'allauth', 'social_core', 'oauth2_provider', 'oslo_log', 'oslo_config', 'ansible', 'mailman', 'radicale', 'buildbot'];
const RULES = ['sec/hardcoded-secret', 'sec/hardcoded-connection', 'sec/pii-in-log'] as const;
type RuleId = (typeof RULES)[number];

interface Hit {
  readonly path: string;
  readonly line: number;
  readonly note: string;
}

// ---------------------------------------------------------------- corpora

function walk(root: string, keep: (path: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(root)) return out;
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', '.git', 'testdata', 'vendor'].includes(entry.name) || root === JS_ROOT || root === JS_APPS_ROOT) walk(path, keep, out);
    } else if (entry.isFile() && keep(path) && statSync(path).size < 400_000) out.push(path);
  }
  return out;
}

const RUST_CRATES = /^(reqwest|hyper|tokio-postgres|postgres-protocol|jsonwebtoken|oauth2|rustls|url|config|tracing|tracing-subscriber|tracing-core|log|h2|http|cookie|native-tls|openssl|mio|tokio)-\d/;

function corpus(name: string): string[] {
  switch (name) {
    case 'python':
      return walk('/usr/lib/python3.11', (p) => p.endsWith('.py') && !p.includes('/site-packages/') && !p.includes('/dist-packages/'));
    case 'go':
      return walk('/usr/lib/go-1.19/src', (p) => p.endsWith('.go'));
    case 'rust':
      return readdirSync('/usr/share/cargo/registry')
        .filter((crate) => RUST_CRATES.test(crate))
        .flatMap((crate) => walk(join('/usr/share/cargo/registry', crate), (p) => p.endsWith('.rs')));
    case 'python-apps':
      return PY_APPS.flatMap((pkg) => walk(join('/usr/lib/python3/dist-packages', pkg), (p) => p.endsWith('.py')));
    case 'go-libs':
      return walk('/usr/share/gocode/src', (p) => p.endsWith('.go'));
    case 'js-apps':
      return ['parse-server', 'verdaccio', '@verdaccio', '@parse'].flatMap((pkg) =>
        walk(join(JS_APPS_ROOT, pkg), (p) => /\.(?:[cm]?js|[cm]?ts|tsx)$/.test(p) && !p.endsWith('.d.ts') && !/\.min\.js$|\/(?:umd|bundle|browser)\//.test(p)),
      );
    case 'js':
      return walk(JS_ROOT, (p) => /\.(?:[cm]?js|[cm]?ts|tsx)$/.test(p) && !p.endsWith('.d.ts') && !/\.min\.js$|\/(?:umd|bundle|browser)\//.test(p));
    case 'seeded':
      return seededCorpus('/tmp/omni-compare-seeded');
    default:
      throw new Error(`unknown corpus ${name}`);
  }
}

// ---------------------------------------------------------------- seeded corpus

/** Deterministic pseudo-random text, so the corpus is the same on every run. */
function generator(seed: number): (alphabet: string, length: number) => string {
  let state = seed >>> 0;
  // mulberry32: small, and unlike a plain LCG its low bits do not cycle.
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (alphabet, length) => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';
const B64 = `${ALNUM}+/`;

/**
 * Files with one expected finding per line marked `EXPECT <rule>`; every other line must stay quiet.
 * Prefixes are assembled at run time so this source file holds no token-shaped text.
 */
function seededCorpus(dir: string): string[] {
  const r = generator(42);
  const p = (...parts: string[]) => parts.join('');
  const tokens = {
    aws: p('AK', 'IA', r(UPPER32, 16)),
    github: p('gh', 'p_', r(ALNUM, 36)),
    githubPat: p('github', '_pat_', r(ALNUM, 22), '_', r(ALNUM, 59)),
    gitlab: p('gl', 'pat-', r(ALNUM, 20)),
    slack: p('xo', 'xb-', r('0123456789', 11), '-', r('0123456789', 12), '-', r(ALNUM, 24)),
    stripe: p('sk', '_live_', r(ALNUM, 24)),
    google: p('AI', 'za', r(ALNUM, 35)),
    openai: p('sk', '-proj-', r(ALNUM, 74), 'T3Blbk', 'FJ', r(ALNUM, 74)),
    anthropic: p('sk', '-ant-api03-', r(ALNUM, 93), 'AA'),
    npm: p('np', 'm_', r(ALNUM, 36)),
    sendgrid: p('S', 'G.', r(ALNUM, 22), '.', r(ALNUM, 43)),
    twilio: p('S', 'K', r(HEX, 32)),
    hf: p('h', 'f_', r('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 34)),
    jwt: p('ey', 'JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.', 'ey', 'J', r(ALNUM, 40), '.', r(ALNUM, 43)),
    randomHex: r(HEX, 40),
    randomB64: r(B64, 40),
    password: p(r(ALNUM, 6), '#', r(ALNUM, 5)),
  };
  const pem = `-----BEGIN RSA ${'PRIVATE'} KEY-----\\nMIIEow${r(B64, 58)}\\n${r(B64, 64)}\\n-----END RSA ${'PRIVATE'} KEY-----`;
  const S = 'EXPECT sec/hardcoded-secret';
  const C = 'EXPECT sec/hardcoded-connection';
  const L = 'EXPECT sec/pii-in-log';
  const files: Record<string, string> = {
    'app/settings.py': [
      'import logging, os',
      'log = logging.getLogger(__name__)',
      `AWS_ACCESS_KEY_ID = "${tokens.aws}"  # ${S}`,
      `AWS_SECRET_ACCESS_KEY = "${tokens.randomB64}"  # ${S}`,
      `GITHUB_TOKEN = "${tokens.github}"  # ${S}`,
      `SECRET_KEY = "${tokens.randomHex}"  # ${S}`,
      `DATABASE_URL = "postgres://app:${tokens.password}@db.prod.internal:5432/app"  # ${S}`,
      `REDIS_URL = "redis://cache.prod.internal:6379/0"  # ${C}`,
      `DB_HOST = "10.20.1.15"  # ${C}`,
      `CELERY_BROKER_URL = "amqp://rabbit.prod.internal:5672//"  # ${C}`,
      `SQLALCHEMY_DATABASE_URI = "postgresql://orders-db.c9akciq32.eu-west-1.rds.amazonaws.com/orders"  # ${C}`,
      `CACHES = {"default": {"LOCATION": "10.0.5.20:11211"}}`,
      `OPENAI_API_KEY = "${tokens.openai}"  # ${S}`,
      `client = Anthropic(api_key="${tokens.anthropic}")  # ${S}`,
      `PRIVATE_KEY = "${pem}"  # ${S}`,
      'STRIPE_KEY = os.environ["STRIPE_KEY"]',
      'PASSWORD = os.environ.get("DB_PASSWORD", "")',
      'TOKEN_TYPE = "Bearer"',
      'PASSWORD_FIELD = "password"',
      'API_KEY = "<your-api-key>"',
      'SECRET = "changeme"',
      'LOCAL_DB = "postgres://postgres:postgres@localhost:5432/dev"',
      'DOCS_URL = "https://docs.python.org/3/library/logging.html"',
      'def login(user, password):',
      `    log.info("login for %s", user.email)  # ${L}`,
      `    log.debug(f"password={password}")  # ${L}`,
      '    log.info("login ok for user id %s", user.id)',
      `    conn = connect(host=DB_HOST, user="app", password="${tokens.password}")  # ${S}`,
      '',
    ].join('\n'),
    'app/config.ts': [
      'import pino from "pino";',
      'const logger = pino();',
      `export const stripeKey = "${tokens.stripe}"; // ${S}`,
      `export const slackToken = "${tokens.slack}"; // ${S}`,
      `export const mapsKey = "${tokens.google}"; // ${S}`,
      `export const npmToken = "${tokens.npm}"; // ${S}`,
      `const sendgrid = new Client("${tokens.sendgrid}"); // ${S}`,
      `export const mongoUri = "mongodb+srv://admin:${tokens.password}@cluster0.abcde.mongodb.net/prod"; // ${S}`,
      `export const apiEndpoint = "http://10.0.3.7:8080/api"; // ${C}`,
      `const db = { host: "pg.corp", port: 5432 }; // ${C}`,
      'export const stripeHost = "api.stripe.com";',
      'export const docs = "https://nodejs.org/api/http.html";',
      'export const apiKey = process.env.API_KEY ?? "";',
      'export const example = { password: "hunter2" };',
      `const config = { clientSecret: "${tokens.randomB64}" }; // ${S}`,
      'export function signup(user: User) {',
      `  logger.info({ email: user.email }, "signup"); // ${L}`,
      `  console.log(\`new user \${user.phoneNumber}\`); // ${L}`,
      '  logger.info({ userId: user.id }, "signup");',
      '}',
      '',
    ].join('\n'),
    'app/auth.js': [
      `const jwt = "${tokens.jwt}"; // ${S}`,
      `const hf = "${tokens.hf}"; // ${S}`,
      `module.exports = { twilioKey: "${tokens.twilio}" }; // ${S}`,
      `const amqp = "amqp://guest:${tokens.password}@rabbit.internal:5672"; // ${S}`,
      'function reset(req) {',
      `  console.error("reset failed for", req.body.email); // ${L}`,
      '  console.error("reset failed", req.id);',
      '}',
      '',
    ].join('\n'),
    'cmd/server/main.go': [
      'package main',
      '',
      'import (',
      '\t"log"',
      '\t"log/slog"',
      ')',
      '',
      `const githubToken = "${tokens.githubPat}" // ${S}`,
      `const gitlabToken = "${tokens.gitlab}" // ${S}`,
      `var dsn = "mysql://root:${tokens.password}@tcp(10.1.2.3:3306)/app" // ${S}`,
      `const redisAddr = "redis.prod.internal:6379" // ${C}`,
      `var natsURL = "nats://10.3.0.9:4222" // ${C}`,
      'var opts = redis.Options{Addr: os.Getenv("REDIS_ADDR")}',
      `var cacheOpts = redis.Options{Addr: "cache.svc.cluster.local:6379"} // ${C}`,
      'const listenAddr = "0.0.0.0:8080"',
      '',
      'func handle(u User, password string) {',
      `\tlog.Printf("login %s", u.Email) // ${L}`,
      `\tslog.Info("signup", "email", u.Email) // ${L}`,
      `\tlog.Printf("password reset: %s", password) // ${L}`,
      '\tlog.Printf("login %d", u.ID)',
      `\tdb := Connect(Config{User: "app", Password: "${tokens.password}"}) // ${S}`,
      '\t_ = db',
      '}',
      '',
    ].join('\n'),
    'src/client.rs': [
      `const API_TOKEN: &str = "${tokens.randomHex}"; // ${S}`,
      `const AWS_KEY_ID: &str = "${tokens.aws}"; // ${S}`,
      `const DATABASE_URL: &str = "postgresql://svc:${tokens.password}@10.4.0.12/orders"; // ${S}`,
      'const BIND_ADDR: &str = "127.0.0.1:3000";',
      `const BROKER_HOST: &str = "172.20.4.8"; // ${C}`,
      'fn login(user: &User, password: &str) {',
      `    tracing::info!(email = %user.email, "login"); // ${L}`,
      `    log::debug!("password for {}: {password}", user.id); // ${L}`,
      `    eprintln!("bad login for {}", user.phone_number); // ${L}`,
      '    log::info!("login ok for {}", user.id);',
      `    let client = Client::new(Config { token: "${tokens.github}".to_string() }); // ${S}`,
      '}',
      '',
    ].join('\n'),
  };
  rmSync(dir, { recursive: true, force: true });
  const paths: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    paths.push(path);
  }
  return paths;
}

function expectedSeeded(paths: readonly string[]): Map<RuleId, Hit[]> {
  const expected = new Map<RuleId, Hit[]>(RULES.map((rule) => [rule, []]));
  for (const path of paths) {
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        const rule = /EXPECT (sec\/[a-z-]+)/.exec(text)?.[1] as RuleId | undefined;
        if (rule) expected.get(rule)?.push({ path, line: index + 1, note: text.trim().slice(0, 100) });
      });
  }
  return expected;
}

// ---------------------------------------------------------------- the tools

function secretlint(paths: readonly string[]): Hit[] {
  const cli = join(TOOLS, 'node_modules/secretlint/bin/secretlint.js');
  if (!existsSync(cli)) {
    console.error(`secretlint missing: see the install line at the top of ${__filename}`);
    return [];
  }
  const config = join(TOOLS, '.secretlintrc.json');
  writeFileSync(config, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const hits: Hit[] = [];
  for (let i = 0; i < paths.length; i += 300) {
    const report = join(TOOLS, 'secretlint-report.json');
    rmSync(report, { force: true });
    try {
      execFileSync(process.execPath, [cli, '--secretlintrc', config, '--format', 'json', '--no-maskSecrets', '--no-glob', '--output', report, ...paths.slice(i, i + 300)], {
        cwd: TOOLS,
        stdio: 'ignore',
      });
    } catch {
      // secretlint exits 1 when it finds something; the report is written all the same.
    }
    const out = existsSync(report) ? readFileSync(report, 'utf8') : '[]';
    const results = JSON.parse(out || '[]') as { filePath: string; messages: { ruleId: string; loc: { start: { line: number } }; message: string }[] }[];
    for (const result of results) {
      for (const message of result.messages) hits.push({ path: result.filePath, line: message.loc.start.line, note: `${message.ruleId.replace('@secretlint/secretlint-rule-', '')}: ${message.message.slice(0, 90)}` });
    }
  }
  return hits;
}

interface RuffDiagnostic {
  code: string | null;
  message: string;
  start_location: { row: number };
}

function ruff(paths: readonly string[]): Hit[] {
  const modulePath = join(TOOLS, 'node_modules/@astral-sh/ruff-wasm-nodejs');
  if (!existsSync(modulePath)) {
    console.error(`ruff-wasm missing: see the install line at the top of ${__filename}`);
    return [];
  }
  const require = createRequire(join(TOOLS, 'package.json'));
  const wasm = require(modulePath) as {
    Workspace: new (options: unknown, encoding: unknown) => { check(text: string): RuffDiagnostic[] };
    PositionEncoding: { Utf16: unknown };
  };
  const workspace = new wasm.Workspace({ lint: { select: ['S105', 'S106', 'S107'] } }, wasm.PositionEncoding.Utf16);
  const hits: Hit[] = [];
  for (const path of paths.filter((p) => p.endsWith('.py'))) {
    let diagnostics: RuffDiagnostic[] = [];
    try {
      diagnostics = workspace.check(readFileSync(path, 'utf8'));
    } catch {
      continue;
    }
    for (const d of diagnostics) {
      if (d.code && /^S10[567]$/.test(d.code)) hits.push({ path, line: d.start_location.row, note: `${d.code}: ${d.message.slice(0, 90)}` });
    }
  }
  return hits;
}

/**
 * No tool we can install checks logged personal data (CodeQL's clear-text-logging queries need
 * CodeQL); this baseline is the naive grep such a check starts from: a logging call and a
 * sensitive word on the same line.
 */
function grepBaseline(paths: readonly string[]): Hit[] {
  const call = /\b(?:logging|logger|log|LOG|_log|_logger|console|slog|klog|glog|logrus|zap)\s*[.:]{1,2}\s*(?:debug|info|warn|warning|error|exception|critical|fatal|log|trace|Print|Printf|Println|Info|Infof|Warn|Warnf|Error|Errorf|Debug|Debugf|Fatal|Fatalf)\b|\b(?:info|warn|error|debug|trace|eprintln)!/;
  const word = /e-?mail|phone|ssn|passw(?:or)?d|secret|api_?key|access_?token|credit_?card|card_?number|birth|dob\b/i;
  const hits: Hit[] = [];
  for (const path of paths) {
    if (/(?:^|\/)(?:tests?|testing|__tests__)\/|_test\.go$|\.test\.[jt]sx?$|\/test_[^/]*\.py$/.test(path)) continue;
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        if (call.test(text) && word.test(text)) hits.push({ path, line: index + 1, note: text.trim().slice(0, 100) });
      });
  }
  return hits;
}

// ---------------------------------------------------------------- report

const key = (hit: Hit) => `${hit.path}:${hit.line}`;

function compare(title: string, files: number, ours: readonly Hit[], theirs: readonly Hit[], show: number): void {
  const theirKeys = new Set(theirs.map(key));
  const ourKeys = new Set(ours.map(key));
  const both = [...ourKeys].filter((k) => theirKeys.has(k)).length;
  const onlyOurs = ours.filter((hit) => !theirKeys.has(key(hit)));
  const onlyTheirs = theirs.filter((hit) => !ourKeys.has(key(hit)));
  console.log(`\n## ${title}`);
  console.log(`files ${files}  ours ${ourKeys.size}  theirs ${theirKeys.size}  both ${both}  only-ours ${new Set(onlyOurs.map(key)).size}  only-theirs ${new Set(onlyTheirs.map(key)).size}`);
  for (const [label, list] of [['only ours', onlyOurs], ['only theirs', onlyTheirs]] as const) {
    for (const hit of list.slice(0, show)) console.log(`  ${label}: ${hit.path}:${hit.line}  ${hit.note}`);
    if (list.length > show) console.log(`  ... ${list.length - show} more ${label}`);
  }
}

function ours(findings: readonly Finding[], rule: RuleId): Hit[] {
  return findings.filter((f) => f.ruleId === rule).map((f) => ({ path: f.path, line: f.range.start.line + 1, note: f.message.slice(0, 100) }));
}

async function main(): Promise<void> {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : ['seeded', 'python', 'python-apps', 'go', 'go-libs', 'rust', 'js', 'js-apps'];
  const show = Number(process.env.SHOW ?? 15);
  for (const name of names) {
    const paths = corpus(name);
    if (paths.length === 0) {
      console.log(`\n# ${name}: no files (see the install lines at the top of this script)`);
      continue;
    }
    const started = Date.now();
    const findings = await ourFindings(paths);
    console.log(`\n# ${name}: ${paths.length} files, our engine ${((Date.now() - started) / 1000).toFixed(1)}s`);
    const lint = secretlint(paths);
    const isConnection = (hit: Hit) => /^(?:database-connection-string|basicauth):/.test(hit.note);
    // A password inside a connection string is sec/hardcoded-secret's finding; secretlint's URL
    // rules only report URLs with credentials, so they are compared with both.
    const secretTheirs = [...lint, ...ruff(paths)];
    const connectionTheirs = lint.filter(isConnection);
    const connectionOurs = [...ours(findings, 'sec/hardcoded-connection'), ...ours(findings, 'sec/hardcoded-secret').filter((hit) => hit.note.includes('connection string'))];
    if (name === 'seeded') {
      const expected = expectedSeeded(paths);
      for (const rule of RULES) {
        const want = expected.get(rule) ?? [];
        const theirs = rule === 'sec/hardcoded-secret' ? secretTheirs : rule === 'sec/hardcoded-connection' ? lint.filter(isConnection) : grepBaseline(paths);
        const got = ours(findings, rule);
        const recall = (hits: readonly Hit[]) => want.filter((w) => hits.some((h) => key(h) === key(w))).length;
        const falsePositives = (hits: readonly Hit[]) => new Set(hits.filter((h) => !want.some((w) => key(w) === key(h))).map(key)).size;
        console.log(`\n## seeded ${rule}: expected ${want.length}; ours found ${recall(got)} (+${falsePositives(got)} unexpected); theirs found ${recall(theirs)} (+${falsePositives(theirs)} unexpected)`);
        for (const w of want.filter((w) => !got.some((h) => key(h) === key(w)))) console.log(`  missed by ours: ${w.path}:${w.line}  ${w.note}`);
        for (const w of want.filter((w) => !theirs.some((h) => key(h) === key(w)))) console.log(`  missed by theirs: ${w.path}:${w.line}  ${w.note}`);
        for (const h of got.filter((h) => !want.some((w) => key(w) === key(h)))) console.log(`  unexpected ours: ${h.path}:${h.line}  ${h.note}`);
        for (const h of theirs.filter((h) => !want.some((w) => key(w) === key(h)))) console.log(`  unexpected theirs: ${h.path}:${h.line}  ${h.note}`);
      }
      continue;
    }
    compare(`${name} sec/hardcoded-secret vs secretlint (preset-recommend) + ruff S105-S107`, paths.length, ours(findings, 'sec/hardcoded-secret'), secretTheirs, show);
    compare(`${name} sec/hardcoded-connection (+ our connection-string passwords) vs secretlint basicauth + database-connection-string`, paths.length, connectionOurs, connectionTheirs, show);
    compare(`${name} sec/pii-in-log vs grep baseline (log call + sensitive word on one line, tests skipped)`, paths.length, ours(findings, 'sec/pii-in-log'), grepBaseline(paths), show);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
