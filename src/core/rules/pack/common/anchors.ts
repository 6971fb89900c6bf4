import type { LanguageId } from '../../languages';

// Anchors of the common pack's rules (see `RuleDefinition.anchor`): text that every match of a
// rule's query holds inside the node where its pattern starts. They mirror the `#match?` regexes
// of the `.scm` files, so change both together; the anchor tests compare them on every fixture.
//
// Each alternative consumes ONE character, a rare one (`_`, `-`, `=`, `:`, `.`, `@`, `!`), and checks
// the rest with lookarounds. One character lies inside the literal or binding that holds it, so the
// engine's ancestor walk starts inside the pattern's root; a longer match could start before a
// string and end inside it, and then the walk would begin above the string. A regex that starts on
// a rare character also scans the text two to three times faster than one that starts on letters:
// the scan, not the walk, is most of an anchored rule's cost. Every look back or ahead that could
// run along a line is bounded (200 characters, or a character class that stops it), so a minified
// line of a megabyte costs a scan, not a scan per separator.

type Anchors = Partial<Record<LanguageId, RegExp>>;
/** TypeScript and TSX write bindings and literals as JavaScript does. */
type Family = 'python' | 'javascript' | 'go' | 'rust';

function perLanguage(make: (family: Family) => string): Anchors {
  const javascript = new RegExp(make('javascript'));
  return { python: new RegExp(make('python')), typescript: javascript, tsx: javascript, javascript, go: new RegExp(make('go')), rust: new RegExp(make('rust')) };
}

/**
 * The token formats of `hardcoded-secret.*.scm`'s string pattern, each from a character inside it:
 * `ghp_...` at its `_` (looking back at `ghp` and ahead at the 36 characters), `glpat-` at its `-`,
 * `AKIA...` at its `A`, `eyJ...` at its `J`, `password=x` at its `=`, `://user:pw@` at its first
 * `:` (as two lookaheads, a `:` in the run and an `@` after it, which stay linear where the query's
 * `[^/@ ]*:[^/@ ]*@` would backtrack over every `:` of a long run).
 */
const TOKEN_SHAPES = [
  String.raw`_(?<=(?:gh[pousr]|github|[rs]k|npm|shp(?:at|ca|pa|ss)|hf|do[opr]|dckr|lin|gsk)_)(?:(?<=gh[pousr]_)(?=[A-Za-z0-9]{36})|(?<=github_)(?=pat_)|(?<=[rs]k_)(?=live_)|(?<=npm_)(?=[A-Za-z0-9]{36})|(?<=shp(?:at|ca|pa|ss)_)|(?<=hf_)(?=[A-Za-z]{34})|(?<=do[opr]_)(?=v1_)|(?<=dckr_)(?=pat_)|(?<=lin_)(?=api_)|(?<=gsk_))`,
  String.raw`-(?:(?<=glpat-|xox[abposr]-)|(?<=sk-)(?=[A-Za-z0-9_-]{20})|(?<=pypi-)(?=AgEI)|(?=----BEGIN[A-Z ]*PRIVATE KEY))`,
  String.raw`k(?<=hooks\.slack)(?=\.com\/)`,
  String.raw`J(?<=eyJ)(?=[A-Za-z0-9_-]{10,500}\.eyJ)`,
  String.raw`A(?=(?:3T[A-Z0-9]|KIA|SIA|BIA|CCA)[A-Z2-7]{16}|Iza[0-9A-Za-z_-]{35})`,
  String.raw`S(?=K[0-9a-f]{32}|G\.[A-Za-z0-9_-]{22}\.)`,
  String.raw`:(?=\/\/[^\/@ :]*:)(?=\/\/[^\/@ ]*@)`,
  String.raw`@(?=tcp\(|unix\()`,
  String.raw`=(?:(?<=AccountKey=)|(?<=(?:[Pp]assword|PASSWORD|[Pp]wd|PWD)=)(?=[^;{%$ ]))`,
].join('|');

/** The `#match? @name` of the credential-named bindings. */
const CREDENTIAL_NAME = '(?:[Pp]ass|PASS|[Pp]wd|PWD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Aa]uth|AUTH|[Cc]red|CRED|[Kk]ey|KEY)';

/**
 * The `=` or `:` between a name and the literal bound to it, with the literal's start after it:
 * Python's string prefixes and `\` continuations, Go's value lists after `=` and `:=` (`user, pass
 * := f(), "..."`, looked for within 200 characters), Rust's `String::from(\n "..."`. Whitespace
 * covers a value on the next line (prettier, rustfmt).
 */
const SEPARATOR: Record<Family, string> = {
  python: String.raw`[=:](?=[\s\\]*[rRbBuUfF]{0,2}["'])`,
  javascript: String.raw`[=:](?=\s*["'\x60])`,
  go: String.raw`(?:[=:](?=\s*["\x60])|=(?=\s*[^\n]{0,200}?,\s*["\x60]))`,
  rust: String.raw`[=:](?=\s*(?:[\w:<>]{0,100}\(\s*)?[bcr#]*")`,
};

/**
 * What may stand between the credential word and the separator: the rest of the name, a closing
 * quote or bracket, a type (`password: Annotated[str, Form()] = `, `api_key: Cow<'static, str> = `),
 * Go's other names (`token, err := `). Never a `;`, and at most 200 characters: the look back runs
 * at every separator, and a minified line has thousands. In JavaScript a `,`, `{` or `}` ends it
 * too: object literals are where minified code keeps its separators.
 */
const BETWEEN: Record<Family, string> = {
  python: String.raw`[^\n;]`,
  javascript: String.raw`[^\n;,{}]`,
  go: String.raw`[^\n;{}]`,
  rust: String.raw`[^\n;{}]`,
};

/**
 * A credential word before the separator: on its line, or up to eight lines up when the separator's
 * line starts with a closing bracket (black's and prettier's `env[\n    "API_KEY"\n] = "..."`,
 * `password: Annotated[\n    str, Form()\n] = "..."`). Only the name's words are this common
 * (`key` alone occurs every few lines); the separator and the quote after it make the anchor rare.
 * Missed: a name further back than that, and a comment between the separator and the value.
 */
function nameBefore(family: Family): string {
  const between = `${BETWEEN[family]}{0,200}`;
  return String.raw`(?<=${CREDENTIAL_NAME}${between}?|${CREDENTIAL_NAME}[^\n]{0,200}(?:\n[^\n]{0,200}){0,8}\n[ \t]*[\])}>]${between})`;
}

/** Token formats in any literal, or a separator after a credential-named binding. */
export const SECRET_ANCHORS: Anchors = perLanguage((family) => `${TOKEN_SHAPES}|${SEPARATOR[family]}${nameBefore(family)}`);

/**
 * The literal shapes of `hardcoded-connection.*.scm` (`://`, IPv4 and IPv6 addresses, internal and
 * cloud host names, `host:port`, `@tcp(`, `Host=`). Rust writes `std::fmt` and `Vec::default` on
 * every other line, which IPv6's `h:h*:h` also matches; there an empty middle (`fe80::1`) counts
 * within 200 characters after a quote on its line, or where its hex run stands alone (`[fe80::1]`).
 * Missed: `ab::c` right after a letter on a later line of a multi-line literal, or far into a long
 * one. The predicate reads no endpoint from such a value unless another shape (an address, `://`,
 * `Host=`) is in it as well, and that one anchors the literal.
 */
function connectionShapes(family: Family): string {
  const ipv6 =
    family === 'rust'
      ? String.raw`(?<=[0-9a-fA-F]:)(?:(?=[0-9a-fA-F]+:[0-9a-fA-F])|(?=:[0-9a-fA-F])(?:(?<="[^"\n]{0,200})|(?<=(?<!\w)[0-9a-fA-F]+:)))`
      : String.raw`(?<=[0-9a-fA-F]:)(?=[0-9a-fA-F]*:[0-9a-fA-F])`;
  return [
    String.raw`:(?:(?=\/\/)|${ipv6}|(?=[0-9]{2,5}(?![0-9]))(?<=[A-Za-z][A-Za-z0-9-]*:))`,
    String.raw`\.(?:(?<=[A-Za-z0-9]\.)(?=(?:internal|local|lan|corp|svc|intranet|intra|private|consul)(?![A-Za-z0-9]))|(?=amazonaws\.com|windows\.net|azure\.com|mongodb\.net|supabase\.co|neon\.tech)|(?<=[0-9]\.)(?=[0-9]+\.[0-9]+\.[0-9]))`,
    String.raw`@(?=tcp\(|unix\()`,
    String.raw`=(?<=(?:[Hh]ost|HOST|[Ss]erver|SERVER|[Dd]ata [Ss]ource)=)`,
  ].join('|');
}

export const CONNECTION_ANCHORS: Anchors = perLanguage(connectionShapes);

const GO_LOG_METHODS =
  'Print|Printf|Println|Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln|Debug|Debugf|Debugw|Debugln|Info|Infof|Infow|Infoln|Warn|Warnf|Warnw|Warnln|Warning|Warningf|Error|Errorf|Errorw|Errorln|DPanic|DPanicf|DPanicw|Trace|Tracef|Log|Logf|LogAttrs|DebugContext|InfoContext|WarnContext|ErrorContext|WithField|WithFields|With';

/**
 * The `.` (or Rust's `!`) of a log call, from `pii-in-log.*.scm`, with the method name after it.
 * Python and JavaScript loggers' names end in `log`/`logger`/`Logger`... (or, in Python, a
 * `getLogger(...)` call), so the `.` must follow one, across whitespace and line breaks (not
 * comments). Go's method names are anchor enough once `fmt.Printf`, `err.Error()` and the testing
 * `t.Errorf`/`b.Log`, whose operands no logger pattern accepts, are left out.
 */
export const PII_ANCHORS: Anchors = perLanguage((family) => {
  if (family === 'python') return String.raw`\.(?<=(?:[lL]og(?:ger|ging)?|LOG(?:GER)?|\))[\s\\]*\.)(?=[\s\\]*(?:debug|info|warning|warn|error|exception|critical|fatal|log|msg)\b)`;
  if (family === 'javascript') return String.raw`\.(?<=(?:console|[lL]og(?:ger)?|LOG(?:GER)?|winston|pino|bunyan|signale|consola)\s*\??\.)(?=\s*(?:log|info|warn|error|debug|trace|fatal|verbose|silly|notice|critical|http)\b)`;
  if (family === 'go') return String.raw`\.(?<!(?<![\w.])(?:fmt|err|t|b|tb)\s*\.)(?=\s*(?:${GO_LOG_METHODS})\b)`;
  return String.raw`!(?<=\b(?:trace|debug|info|warn|error|log|event|eprintln|eprint)\s*!)(?!=)`;
});
