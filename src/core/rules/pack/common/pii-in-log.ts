import type { PredicateResult, RuleDefinition, RuleMatch } from '../../rule';
import { PII_ANCHORS } from './anchors';
import { loggedPersonalData } from './log-arguments';
import goQuery from './pii-in-log.go.scm';
import javascriptQuery from './pii-in-log.javascript.scm';
import pythonQuery from './pii-in-log.python.scm';
import rustQuery from './pii-in-log.rust.scm';

function check(match: RuleMatch): PredicateResult {
  const hits = loggedPersonalData(match.node, match.file.language, match.file.text);
  const first = hits[0];
  if (!first) return false;
  const names = [...new Set(hits.map((hit) => `\`${hit.name}\``))];
  const listed = names.length > 3 ? `${names.slice(0, 3).join(', ')}...` : names.join(', ');
  return { node: first.node, message: `Log call writes ${first.kind} (${listed}): log an id or a masked value instead` };
}

export const piiInLog: RuleDefinition = {
  id: 'sec/pii-in-log',
  title: 'Personal data or credential in a log call',
  severity: 'warning',
  category: 'privacy',
  cwe: 532,
  message: 'Log call writes personal data: log an id or a masked value instead',
  rationale:
    'Logs are copied to collectors, retained for months and read by people who may not see the data itself; ' +
    'emails, phone numbers, national ids, card numbers, dates of birth, postal addresses, and passwords, secrets ' +
    'and access tokens written there leak (CWE-532) and make every log store subject to GDPR erasure requests. ' +
    'Reported: an argument of a logging call whose name says what it holds, by the last words of the name ' +
    '(`email`, `user.email`, `phoneNumber`, `date_of_birth`, `card_number`, `password`, `access_token`, ' +
    '`api_key`): plain arguments, fields, f-string / template / `{name}` format interpolations, keyword ' +
    'arguments, keys of logged objects and maps, structured-logging keys (`slog.Info("x", "email", e)`, ' +
    '`zap.String("email", e)`, `tracing::info!(email = %e)`). Not reported: values passed through another call ' +
    '(`mask(email)`, `len(password)`, `hash(ssn)`), names that say the value is derived (`email_verified`, ' +
    '`password_hash`, `masked_email`), plain `token` and `address` (a lexer token, a network address), user ' +
    'names and ids, and program output (`print`, `fmt.Print*`, `println!`); `console.*` is JavaScript\'s logger ' +
    'and `eprintln!` is Rust\'s diagnostics, so both count. Loggers are recognised by name (`logging`, `logger`, ' +
    '`log`, `*_logger`, `this.log`, `slog`, `zap`, `logrus`, `klog`, log/tracing macros). Quiet in tests, ' +
    'examples and benchmarks. Like CodeQL\'s clear-text-logging queries, which follow data flow from sensitive ' +
    'sources, but by names at the call only.',
  queries: {
    python: pythonQuery,
    typescript: javascriptQuery,
    tsx: javascriptQuery,
    javascript: javascriptQuery,
    go: goQuery,
    rust: rustQuery,
  },
  anchor: PII_ANCHORS,
  predicate: check,
  spare: ['test', 'example', 'bench'],
  equivalents: [
    'codeql:py/clear-text-logging-sensitive-data',
    'codeql:js/clear-text-logging',
    'codeql:go/clear-text-logging',
    'codeql:rust/cleartext-logging',
    'semgrep:python-logger-credential-disclosure',
  ],
  examples: [
    { language: 'python', kind: 'bad', code: 'logger.info("password reset requested for %s", user.email)\n' },
    { language: 'python', kind: 'bad', code: 'log.debug(f"login attempt user={username} password={password}")\n' },
    { language: 'python', kind: 'good', code: 'logger.info("password reset requested for user %s", user.id)\nlogger.info("sent to %s", mask_email(user.email))\n' },
    { language: 'typescript', kind: 'bad', code: 'logger.info({ email: user.email, plan }, "signup");\n' },
    { language: 'typescript', kind: 'good', code: 'logger.info({ userId: user.id, plan }, "signup");\n' },
    { language: 'tsx', kind: 'bad', code: 'console.log(`checkout for ${customer.phoneNumber}`);\n' },
    { language: 'tsx', kind: 'good', code: 'console.log(`checkout for ${customer.id}`);\n' },
    { language: 'javascript', kind: 'bad', code: 'console.error("reset failed for", req.body.email, err);\n' },
    { language: 'javascript', kind: 'good', code: 'console.error("reset failed for", req.body.userId, err);\n' },
    { language: 'go', kind: 'bad', code: 'package auth\n\nfunc signup(u User) {\n\tslog.Info("signup", "email", u.Email)\n}\n' },
    { language: 'go', kind: 'good', code: 'package auth\n\nfunc signup(u User) {\n\tslog.Info("signup", "user_id", u.ID)\n}\n' },
    { language: 'rust', kind: 'bad', code: 'fn login(user: &User) {\n    tracing::info!(email = %user.email, "login");\n}\n' },
    { language: 'rust', kind: 'good', code: 'fn login(user: &User) {\n    tracing::info!(user_id = user.id, "login");\n}\n' },
  ],
};
