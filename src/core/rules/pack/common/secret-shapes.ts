// Well-known credential formats and the tests that tell a live-looking secret from a placeholder.
// The formats follow the providers' documentation and gitleaks' / secretlint's rules; each needs a
// distinctive prefix so that a hit on an ordinary string literal is practically impossible.

export interface TokenShape {
  readonly label: string;
  readonly pattern: RegExp;
  /** Test code, examples and benchmarks routinely embed throwaway keys of this kind. */
  readonly throwawayInTests?: boolean;
}

const B = '(?<![A-Za-z0-9_])';
const E = '(?![A-Za-z0-9_])';

// Every repeat before a required suffix is bounded (at lengths real keys never reach): a string of
// base64url or of repeated prefixes (`eyJeyJ...`) would otherwise cost a scan to its end from each start.
function shape(label: string, body: string, throwawayInTests = false): TokenShape {
  return { label, pattern: new RegExp(`${B}(?:${body})${E}`), throwawayInTests };
}

export const TOKEN_SHAPES: readonly TokenShape[] = [
  shape('AWS access key id', '(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}'),
  shape('GitHub token', 'gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82}'),
  shape('GitLab token', 'glpat-[A-Za-z0-9_-]{20,200}'),
  shape('Slack token', 'xox[abposr]-(?:[0-9]+-){1,8}[A-Za-z0-9-]{10,200}'),
  { label: 'Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/T[A-Z0-9]{6,}\/[AB][A-Z0-9]{6,}\/[A-Za-z0-9]{20,}/ },
  shape('Stripe live key', '[rs]k_live_[A-Za-z0-9]{20,255}'),
  shape('Google API key', 'AIza[0-9A-Za-z_-]{35}'),
  shape('OpenAI API key', 'sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,300}T3BlbkFJ[A-Za-z0-9_-]{20,300}|sk-proj-[A-Za-z0-9_-]{80,300}'),
  shape('Anthropic API key', 'sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,300}'),
  shape('npm token', 'npm_[A-Za-z0-9]{36}'),
  shape('SendGrid API key', 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}'),
  shape('Twilio API key', 'SK[0-9a-f]{32}'),
  shape('Shopify token', 'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}'),
  shape('Hugging Face token', 'hf_[A-Za-z]{34}'),
  shape('PyPI token', 'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}'),
  shape('DigitalOcean token', 'do[opr]_v1_[a-f0-9]{64}'),
  shape('Docker Hub token', 'dckr_pat_[A-Za-z0-9_-]{27,200}'),
  shape('Linear API key', 'lin_api_[A-Za-z0-9]{40}'),
  shape('Groq API key', 'gsk_[A-Za-z0-9]{52}'),
  shape('Azure storage account key', 'AccountKey=[A-Za-z0-9+/]{86}=='),
  shape('JSON Web Token', 'eyJ[A-Za-z0-9_-]{10,500}\\.eyJ[A-Za-z0-9_-]{10,4000}\\.[A-Za-z0-9_-]{16,1000}', true),
];

const PRIVATE_KEY_HEADER = /-----BEGIN ((?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/;

export interface ShapeHit {
  readonly label: string;
  readonly throwawayInTests: boolean;
}

/**
 * The credential format found in a literal's source text, if any. `following` is the file text
 * after the literal, for keys whose PEM body continues in concatenated literals.
 */
export function findTokenShape(body: string, following: string): ShapeHit | undefined {
  const pem = PRIVATE_KEY_HEADER.exec(body);
  if (pem) {
    const rest = body.slice(pem.index + pem[0].length) + following.slice(0, 600);
    return hasKeyMaterial(rest) ? { label: `private key (${pem[1] ?? 'PRIVATE KEY'})`, throwawayInTests: true } : undefined;
  }
  for (const candidate of TOKEN_SHAPES) {
    const hit = candidate.pattern.exec(body);
    if (hit && !isPlaceholderToken(hit[0])) return { label: candidate.label, throwawayInTests: candidate.throwawayInTests ?? false };
  }
  return undefined;
}

/**
 * A PEM header alone is a marker that parsers look for; a key has base64 lines after it, maybe
 * split over concatenated literals (`"...\n" + "MIIE..."`) and after `Proc-Type:`-style headers.
 */
function hasKeyMaterial(rest: string): boolean {
  const lines = rest
    .replace(/\\[nr]/g, '\n')
    .split('\n')
    .map((line) => line.replace(/^[\s"'`+,(\\]+|[\s"'`+,)\\;]+$/g, ''))
    .filter((line) => line.length > 0 && !/^[A-Za-z-]+: /.test(line));
  let material = 0;
  for (const line of lines) {
    if (!/^[A-Za-z0-9+/=]+$/.test(line)) break;
    material += line.length;
    if (material >= 64) return true;
  }
  return false;
}

/** Tokens of the right shape that are obviously made up: `AKIAIOSFODNN7EXAMPLE`, `ghp_xxxx...`, `sk_live_0000...`. */
function isPlaceholderToken(token: string): boolean {
  if (PLACEHOLDER_WORDS.test(token)) return true;
  if (/(.)\1{7}/.test(token)) return true;
  if (/0123456|1234567|abcdefg|ABCDEFG/.test(token)) return true;
  const payload = token.replace(/^[A-Za-z]{2,6}[_-]/, '');
  return payload.length >= 16 && shannonEntropy(payload) < 3;
}

const PLACEHOLDER_WORDS = /example|sample|dummy|fake|test|placeholder|changeme|redacted|your|insert|replace|x{4}|X{4}|\*{3}/i;

/** Bits per character: about 4 to 6 for random keys, 2 to 3.5 for words and identifiers. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

export type ValueKind = 'password' | 'other';

/**
 * Does a literal bound to a credential name look like a real secret rather than a placeholder,
 * a field name, a prompt, an environment variable name or a template?
 */
export function looksLikeSecret(raw: string, kind: ValueKind): boolean {
  const value = raw.trim().replace(/^(?:Bearer|Basic|Token|token|bearer)\s+/, '');
  if (/\s/.test(value)) return false;
  const minLength = kind === 'password' ? 8 : 16;
  if (value.length < minLength) return false;
  if (isPlaceholderValue(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
  if (classes < 2) return false;
  if (isWordLike(value)) return false;
  // Paths, URLs, file names, dotted names.
  if (/^(?:[a-z][a-z0-9+.-]*:\/\/|\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(value) || /\.(?:pem|key|crt|json|ya?ml|txt|env|p12|pfx|jks|ini|cfg|conf)$/i.test(value)) return false;
  return shannonEntropy(value) >= (kind === 'password' ? 2.5 : 3);
}

/**
 * Identifiers and words: `new-password`, `x-aws-ec2-metadata-token`, `gokrb5AttributeKeyADCredentials`,
 * `Password123`. Split into letter and digit runs, random keys give runs of one or two characters.
 */
function isWordLike(value: string): boolean {
  const parts = value.split(/[-_.:/]+/);
  if (parts.every((part) => part === '' || /^(?:[a-z]+|[A-Z]+|[A-Za-z][a-z]+(?:[A-Z][a-z]+)*)[0-9]{0,3}$|^[0-9]{1,3}$/.test(part))) return true;
  const runs = value.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+/g) ?? [];
  if (runs.length === 0) return true;
  const digitRuns = runs.filter((run) => /^[0-9]/.test(run)).length;
  return runs.join('').length / runs.length >= 3.5 && digitRuns <= 2;
}

/** Values that stand in for a secret: `changeme`, `<your-key>`, `${TOKEN}`, `xxx`, `****`, `%s`. */
export function isPlaceholderValue(value: string): boolean {
  if (value.length === 0) return true;
  if (/^(.)\1*$/.test(value)) return true;
  if (PLACEHOLDER_WORDS.test(value)) return true;
  if (/[<>{}$%]|\.\.\./.test(value) && /<[^>]*>|\{[^}]*\}|\$[A-Za-z_({]|%[-+ #0-9.]*[sdvqr(]|\.\.\./.test(value)) return true;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return true;
  if (/^(?:none|null|nil|undefined|true|false|default|secret|password|token|admin|root|guest|user|pass)\d*$/i.test(value)) return true;
  return false;
}
