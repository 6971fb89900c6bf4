// Compares the go/ rules with errcheck, errcheck -blank, go-errorlint (errorf) and wrapcheck on real Go
// code: a sample of the standard library and the Go libraries Debian installs under /usr/share/gocode.
//
// Run from the repository root (web-tree-sitter is ESM and reads import.meta.url, which a CommonJS
// bundle lacks: the define and banner give it one):
//   npx esbuild bench/compare/go.ts --bundle --platform=node --format=cjs --loader:.scm=text \
//     --define:import.meta.url=import_meta_url \
//     "--banner:js=var import_meta_url=require('node:url').pathToFileURL(__filename).href;" \
//     --outfile=/tmp/cmp-go.cjs && node /tmp/cmp-go.cjs [--details] [--all-std] [PATTERN...]
// PATTERN is a Go package pattern (`net/http`, `github.com/spf13/...`); default: STD_SAMPLE and
// THIRD_PARTY. `--all-std` takes the whole standard library (`std`, a few minutes). The reference's
// output is cached under /tmp/omni-go-cmp; `--fresh` recomputes it. `--gen-std` instead regenerates
// src/core/rules/pack/go/std-errors.ts from the installed Go sources.
//
// Needs Go and Debian's Go sources (no network: errcheck, errorlint and wrapcheck are not packaged):
//   apt-get install -y golang-go golang-golang-x-tools-dev golang-github-spf13-cobra-dev \
//     golang-github-sirupsen-logrus-dev golang-github-gorilla-mux-dev golang-github-go-sql-driver-mysql-dev \
//     golang-github-lib-pq-dev golang-gopkg-yaml.v3-dev golang-github-burntsushi-toml-dev \
//     golang-github-urfave-cli-dev golang-github-pkg-errors-dev golang-github-fsnotify-fsnotify-dev \
//     golang-github-hashicorp-go-multierror-dev golang-github-gorilla-websocket-dev \
//     golang-github-jmoiron-sqlx-dev golang-github-spf13-viper-dev
// The reference is REFERENCE_SOURCE below, built against Debian's golang.org/x/tools in GOPATH mode: a
// go/types re-implementation of those tools' default behaviour (errcheck's default exclusion list, its
// -blank mode reported apart; errorlint's errorf check with several %w allowed; wrapcheck's ignoreSigs),
// since the tools themselves cannot be fetched here. It also lists every builtin `panic` call, for
// go/panic-in-library, which has no linter equivalent. Test files are included, as errcheck does.
// A finding of ours matches one of theirs in the same file when their line falls within our range.
// `--details` lists the differences (DETAILS=N of each kind per rule, default 40). Neither go vet nor
// staticcheck (Debian's go-staticcheck 2023.1, `-checks all`) has a check that means the same as these
// rules; vet's printf check does report two %w in one fmt.Errorf before Go 1.20 (see errorf's fix).
// Code not used to tune the rules: `node /tmp/cmp-go.cjs 'golang.org/x/net/...' 'golang.org/x/tools/...'`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/core/rules/finding';
import { hash53 } from '../../src/core/rules/fingerprint';
import { PASS_THROUGH_METHODS } from '../../src/core/rules/pack/go/unwrapped-return';
import { ourFindings } from './our-findings';

const WORK = '/tmp/omni-go-cmp';
const detailLimit = Number(process.env.DETAILS ?? 40);
const GOCODE = '/usr/share/gocode';
const GOROOT_SRC = spawnSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).stdout?.trim() + '/src';

/** Standard packages compared by default: the ones whose code does I/O and error handling. */
const STD_SAMPLE = [
  'archive/tar', 'archive/zip', 'bufio', 'compress/gzip', 'database/sql', 'encoding/csv', 'encoding/json', 'encoding/xml',
  'go/build', 'go/format', 'html/template', 'image/png', 'io', 'log/syslog', 'mime/multipart', 'net', 'net/http',
  'net/http/httptest', 'net/http/httputil', 'net/rpc', 'net/smtp', 'os', 'os/exec', 'path/filepath', 'text/template',
  'crypto/tls', 'crypto/x509', 'runtime/pprof', 'testing', 'embed',
];
/** The Go libraries installed by the apt-get line above. */
const THIRD_PARTY = ['github.com/...', 'gopkg.in/...'];

/** Our rule for each kind of reference finding. */
const RULES: Readonly<Record<string, string>> = {
  'unchecked-error': 'go/unchecked-error',
  'blank-error': 'go/blank-error',
  'errorf-without-wrap': 'go/errorf-without-wrap',
  'unwrapped-return': 'go/unwrapped-return',
  panic: 'go/panic-in-library',
};
const TOOLS: Readonly<Record<string, string>> = {
  'unchecked-error': 'errcheck',
  'blank-error': 'errcheck -blank',
  'errorf-without-wrap': 'errorlint errorf',
  'unwrapped-return': 'wrapcheck',
  panic: 'every panic() call',
};

interface Reference {
  readonly kind: string;
  readonly file: string;
  readonly line: number;
  readonly what: string;
  matched: boolean;
}

interface Row {
  files: number;
  ours: number;
  theirs: number;
  both: number;
  onlyOurs: number;
  onlyTheirs: number;
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, GOPATH: `${WORK}:${GOCODE}`, GO111MODULE: 'off', GOFLAGS: '', ...env },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

function build(name: string, source: string): string {
  const dir = join(WORK, 'src', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.go'), source);
  const binary = join(WORK, name);
  run('go', ['build', '-o', binary, `./src/${name}`], WORK);
  return binary;
}

function checkTools(): void {
  if (spawnSync('go', ['version']).status !== 0 || !existsSync(join(GOCODE, 'src/golang.org/x/tools/go/packages'))) {
    console.error('Needs Go and golang.org/x/tools: apt-get install -y golang-go golang-golang-x-tools-dev (see the top of this file)');
    process.exit(2);
  }
}

function reference(patterns: readonly string[], fresh: boolean): Reference[] {
  const cache = join(WORK, `ref-${hash53(REFERENCE_SOURCE + patterns.join(' '))}.jsonl`);
  if (!fresh && existsSync(cache)) return parseReference(readFileSync(cache, 'utf8').split('\n'));
  const binary = build('omniref', REFERENCE_SOURCE);
  const std = patterns.filter((pattern) => pattern === 'std' || !pattern.includes('.'));
  const others = patterns.filter((pattern) => !std.includes(pattern));
  const lines: string[] = [];
  // Standard packages are listed from GOROOT, the others from GOPATH (Debian's /usr/share/gocode).
  if (std.length) lines.push(...run(binary, std, GOROOT_SRC).split('\n'));
  if (others.length) lines.push(...run(binary, others, WORK).split('\n'));
  writeFileSync(cache, lines.join('\n'));
  return parseReference(lines);
}

function parseReference(lines: readonly string[]): Reference[] {
  return lines.filter(Boolean).map((line) => {
    const record = JSON.parse(line) as { kind: string; file: string; line?: number; what?: string };
    return { kind: record.kind, file: record.file, line: record.line ?? 0, what: record.what ?? '', matched: false };
  });
}

function calleeOf(finding: Finding): string {
  return /`([^`]+)`/.exec(finding.message)?.[1] ?? '';
}

function lineText(file: string, line: number): string {
  return (readFileSync(file, 'utf8').split('\n')[line - 1] ?? '').trim();
}

function top(items: readonly string[], count: number): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, count).map(([item, n]) => `${n} ${item}`).join(', ');
}

async function compare(patterns: readonly string[], showDetails: boolean, fresh: boolean): Promise<void> {
  const refs = reference(patterns, fresh);
  const files = [...new Set(refs.filter((ref) => ref.kind === 'file').map((ref) => ref.file))];
  const tests = files.filter((file) => file.endsWith('_test.go')).length;
  const ours = (await ourFindings(files)).filter((finding) => finding.ruleId.startsWith('go/'));
  console.log(`${files.length} files (${tests} tests) in: ${patterns.join(' ')}\n`);
  console.log(['rule'.padEnd(24), 'compared with'.padEnd(20), 'files', 'ours', 'theirs', 'both', 'only-ours', 'only-theirs'].join('\t'));
  const details: string[] = [];
  for (const [kind, ruleId] of Object.entries(RULES)) {
    const theirs = refs.filter((ref) => ref.kind === kind);
    const mine = ours.filter((finding) => finding.ruleId === ruleId);
    const byFile = new Map<string, Reference[]>();
    for (const ref of theirs) byFile.set(ref.file, [...(byFile.get(ref.file) ?? []), ref]);
    // Same line first, then their line within our (multi-line) range.
    const unmatched = new Set<Finding>();
    for (const finding of mine) {
      const hit = byFile.get(finding.path)?.find((ref) => !ref.matched && ref.line === finding.range.start.line + 1);
      if (hit) hit.matched = true;
      else unmatched.add(finding);
    }
    const onlyOurs: Finding[] = [];
    for (const finding of unmatched) {
      const first = finding.range.start.line + 1;
      const last = finding.range.end.line + 1;
      const hit = byFile.get(finding.path)?.find((ref) => !ref.matched && ref.line >= first && ref.line <= last);
      if (hit) hit.matched = true;
      else onlyOurs.push(finding);
    }
    const onlyTheirs = theirs.filter((ref) => !ref.matched);
    const row: Row = {
      files: new Set([...mine.map((finding) => finding.path), ...theirs.map((ref) => ref.file)]).size,
      ours: mine.length,
      theirs: theirs.length,
      both: mine.length - onlyOurs.length,
      onlyOurs: onlyOurs.length,
      onlyTheirs: onlyTheirs.length,
    };
    console.log([ruleId.padEnd(24), (TOOLS[kind] ?? kind).padEnd(20), row.files, row.ours, row.theirs, row.both, row.onlyOurs, row.onlyTheirs].join('\t'));
    if (kind === 'blank-error') {
      const explained = onlyTheirs.filter((ref) => /\/\/|\/\*/.test(lineText(ref.file, ref.line)) || /^\/\/|^\/\*/.test(lineText(ref.file, ref.line - 1))).length;
      console.log(`${''.padEnd(46)}of only-theirs, explained by a comment on the line or the line above (spared): ${explained}`);
    }
    if (kind === 'unwrapped-return') {
      // `what` is "callee|function|isMethod|errorSources" (see the reference's unwrapped()).
      const reasons = new Map<string, number>();
      for (const ref of onlyTheirs) {
        const [, fn = '', method = '', sources = '0'] = ref.what.split('|');
        const reason = ref.file.endsWith('_test.go')
          ? 'test code'
          : method === 'true' && PASS_THROUGH_METHODS.has(fn)
            ? 'io-style method'
            : Number(sources) <= 1
              ? 'thin wrapper'
              : 'other';
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
      console.log(`${''.padEnd(46)}of only-theirs, spared on purpose: ${[...reasons].filter(([r]) => r !== 'other').map(([r, n]) => `${n} ${r}`).join(', ')}; other: ${reasons.get('other') ?? 0}`);
    }
    if (kind === 'unchecked-error') {
      const deferred = onlyTheirs.filter((ref) => /^defer\s.*\.Close\(\)/.test(lineText(ref.file, ref.line))).length;
      console.log(`${''.padEnd(46)}of only-theirs, deferred Close calls (spared when opened read-only): ${deferred}`);
    }
    if (!showDetails) continue;
    details.push(`\n== ${ruleId}`);
    details.push(`only-ours by callee: ${top(onlyOurs.map(calleeOf), 25)}`);
    details.push(`only-theirs by callee: ${top(onlyTheirs.map((ref) => (ref.what.split('|')[0] ?? '').replace(/^.*[./]/, '.') || '(call)'), 25)}`);
    for (const finding of onlyOurs.slice(0, detailLimit)) details.push(`  ours   ${finding.path}:${finding.range.start.line + 1}: ${lineText(finding.path, finding.range.start.line + 1)}`);
    for (const ref of onlyTheirs.slice(0, detailLimit)) details.push(`  theirs ${ref.file}:${ref.line}: ${lineText(ref.file, ref.line)}  [${ref.what}]`);
  }
  console.log('\nA finding matches when their line falls within ours; theirs for go/panic-in-library is every panic() call,');
  console.log('of which the rule reports those that handle an error (an error value, or in a function returning one), outside');
  console.log('tests, package main, init(), Must* helpers, re-panics and invariant assertions.');
  if (showDetails) console.log(details.join('\n'));
}

/** Rewrites std-errors.ts from the installed standard library. */
function generateStdTable(): void {
  const binary = build('omnistdgen', STDGEN_SOURCE);
  const table = JSON.parse(run(binary, STD_TABLE_PACKAGES, GOROOT_SRC)) as {
    funcs: Record<string, string>;
    methods: Record<string, string>;
    results: Record<string, string>;
  };
  const types: Record<string, string> = {};
  for (const [type, list] of Object.entries(table.methods)) {
    const names = list.split(' ').filter(Boolean);
    const errors = names.filter((name) => !name.startsWith('-'));
    const others = names.filter((name) => name.startsWith('-')).map((name) => name.slice(1));
    // Types with no error-returning method are kept only where knowing them silences a name-based guess.
    if (errors.length || others.some((name) => KEEP_KNOWN_METHODS.has(name))) types[type] = errors.sort().join(' ');
  }
  const results = Object.fromEntries(Object.entries(table.results).filter(([, type]) => types[type.replace(/^\*/, '')] !== undefined));
  const wrap = (words: string): string =>
    (words.match(/.{1,100}(\s|$)/g) ?? [])
      .map((line) => `  '${line}'`)
      .join(' +\n');
  const body = (record: Record<string, string>): string =>
    Object.keys(record)
      .sort()
      .map((key) => `  '${key}': '${record[key]}',`)
      .join('\n');
  const text = `// Generated from the Go standard library with go/types by bench/compare/go.ts --gen-std: do not edit
// by hand. For each package, the exported functions whose last result is \`error\`; for each type, the
// methods of its pointer method set (or interface) whose last result is \`error\`, with errcheck's default
// exclusions removed (bytes.Buffer and strings.Builder writes, hash writes, fmt.Print*...); and the
// types of first results, struct fields and package variables, to follow \`f, err := os.Create(...)\`
// and \`resp.Body.Close()\`.

/** The packages the tables cover: a type of theirs missing from STD_METHODS has no error-returning method. */
export const STD_PACKAGES =
${wrap(STD_TABLE_PACKAGES.join(' '))};

/** Import path -> functions whose last result is \`error\`, space-separated. */
export const STD_FUNCS: Readonly<Record<string, string>> = {
${body(table.funcs)}
};

/** \`path.Type\` -> methods (pointer method set) whose last result is \`error\`; '' = a known type with none. */
export const STD_METHODS: Readonly<Record<string, string>> = {
${body(types)}
};

/** \`path.Func\`, \`path.Type.Method\`, \`path.Type.Field\` or \`path.Var\` -> its (first) result or field type, \`*\` for pointers. */
export const STD_RESULTS: Readonly<Record<string, string>> = {
${body(results)}
};
`;
  writeFileSync('src/core/rules/pack/go/std-errors.ts', text);
  console.log(`wrote src/core/rules/pack/go/std-errors.ts: ${Object.keys(table.funcs).length} packages, ${Object.keys(types).length} types`);
}

/** Standard packages in the table: those a program calls for I/O, encoding, networking, crypto and processes. */
const STD_TABLE_PACKAGES = (
  'archive/tar archive/zip bufio bytes compress/bzip2 compress/flate compress/gzip compress/lzw compress/zlib context ' +
  'crypto crypto/aes crypto/cipher crypto/des crypto/dsa crypto/ecdsa crypto/ed25519 crypto/elliptic crypto/hmac ' +
  'crypto/md5 crypto/rand crypto/rc4 crypto/rsa crypto/sha1 crypto/sha256 crypto/sha512 crypto/subtle crypto/tls ' +
  'crypto/x509 crypto/x509/pkix database/sql database/sql/driver embed encoding encoding/ascii85 encoding/asn1 ' +
  'encoding/base32 encoding/base64 encoding/binary encoding/csv encoding/gob encoding/hex encoding/json encoding/pem ' +
  'encoding/xml errors flag fmt go/ast go/build go/format go/importer go/parser go/printer go/scanner go/types hash ' +
  'hash/crc32 hash/fnv ' +
  'hash/maphash html html/template image image/draw image/gif image/jpeg image/png io io/fs io/ioutil log log/syslog ' +
  'math/rand mime mime/multipart mime/quotedprintable net net/http net/http/cgi net/http/cookiejar net/http/fcgi ' +
  'net/http/httptest net/http/httptrace net/http/httputil net/http/pprof net/mail net/netip net/rpc net/rpc/jsonrpc ' +
  'net/smtp net/textproto net/url os os/exec os/signal os/user path path/filepath regexp regexp/syntax runtime/debug ' +
  'runtime/metrics runtime/pprof runtime/trace strconv strings sync testing testing/fstest text/scanner ' +
  'text/tabwriter text/template time time/tzdata syscall'
).split(' ');

/** Method names our name-based guess uses or could be misled by (calls.ts ERROR_METHOD_NAMES and look-alikes). */
const KEEP_KNOWN_METHODS = new Set(
  (
    'Close Write WriteString WriteByte WriteRune WriteTo ReadFrom Read Flush SetDeadline SetReadDeadline SetWriteDeadline ' +
    'CloseRead CloseWrite Encode Decode Seek Sync Shutdown Serve ListenAndServe ListenAndServeTLS Rollback Commit Exec Execute ' +
    'ExecuteTemplate Kill Signal Ping Handshake UnreadRune UnreadByte Discard Truncate Chmod Chdir Chown Wait Run Start Scan ' +
    'Parse Set Remove RemoveAll Stop Reset'
  ).split(' '),
);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  checkTools();
  if (args.includes('--gen-std')) {
    generateStdTable();
    return;
  }
  const patterns = args.filter((arg) => !arg.startsWith('--'));
  const chosen = patterns.length ? patterns : [...(args.includes('--all-std') ? ['std'] : STD_SAMPLE), ...THIRD_PARTY];
  await compare(chosen, args.includes('--details'), args.includes('--fresh'));
}

// The reference checker (see the top of this file). Kept here so the script is self-contained.
const REFERENCE_SOURCE = String.raw`// omniref: the reference findings for Omni's go/ rules, from go/types. It re-implements, with their
// default settings, errcheck (unchecked errors; -blank assignments reported separately), go-errorlint's
// errorf check (multiple %w allowed) and wrapcheck (errors returned unwrapped from other packages or
// interfaces). Prints one JSON object per line: {"kind":"file",...} for each file read, then findings.
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"os"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"
)

var errIface = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

// errcheck's default exclusions (errcheck/excludes.go, DefaultExcludedSymbols).
var skip = map[string]bool{}

func init() {
	for _, s := range strings.Fields("(*bytes.Buffer).Write (*bytes.Buffer).WriteByte (*bytes.Buffer).WriteRune (*bytes.Buffer).WriteString crypto/rand.Read errors.AsType fmt.Print fmt.Printf fmt.Println fmt.Fprint(*bytes.Buffer) fmt.Fprintf(*bytes.Buffer) fmt.Fprintln(*bytes.Buffer) fmt.Fprint(*strings.Builder) fmt.Fprintf(*strings.Builder) fmt.Fprintln(*strings.Builder) fmt.Fprint(os.Stderr) fmt.Fprintf(os.Stderr) fmt.Fprintln(os.Stderr) (*io.PipeReader).CloseWithError (*io.PipeWriter).CloseWithError math/rand.Read (*math/rand.Rand).Read (*strings.Builder).Write (*strings.Builder).WriteByte (*strings.Builder).WriteRune (*strings.Builder).WriteString (hash.Hash).Write (*crypto/sha3.SHA3).Write (*crypto/sha3.SHAKE).Read (*crypto/sha3.SHAKE).Write (*hash/maphash.Hash).Write (*hash/maphash.Hash).WriteByte (*hash/maphash.Hash).WriteString") {
		skip[s] = true
	}
}

type record struct {
	Kind string "json:\"kind\""
	File string "json:\"file\""
	Line int    "json:\"line,omitempty\""
	What string "json:\"what,omitempty\""
}

type checker struct {
	fset *token.FileSet
	info *types.Info
	pkg  *types.Package
	out  *json.Encoder
	seen map[string]bool
}

func (c *checker) report(kind string, pos token.Pos, what string) {
	p := c.fset.Position(pos)
	key := kind + p.String()
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	_ = c.out.Encode(record{kind, p.Filename, p.Line, what})
}

func unparen(e ast.Expr) ast.Expr {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

func implementsError(t types.Type) bool { return t != nil && types.Implements(t, errIface) }

// errorResults says, for each result of the call, whether it is an error.
func (c *checker) errorResults(call *ast.CallExpr) []bool {
	if tv, ok := c.info.Types[call.Fun]; ok && tv.IsType() {
		return nil // a conversion
	}
	if id, ok := unparen(call.Fun).(*ast.Ident); ok && id.Name == "recover" {
		if _, builtin := c.info.Uses[id].(*types.Builtin); builtin {
			return []bool{true}
		}
	}
	t := c.info.TypeOf(call)
	if tuple, ok := t.(*types.Tuple); ok {
		res := make([]bool, tuple.Len())
		for i := range res {
			res[i] = isNamedOrPointer(tuple.At(i).Type()) && implementsError(tuple.At(i).Type())
		}
		return res
	}
	return []bool{isNamedOrPointer(t) && implementsError(t)}
}

func isNamedOrPointer(t types.Type) bool {
	switch t.(type) {
	case *types.Named, *types.Pointer:
		return true
	}
	return false
}

func calleeFunc(c *checker, call *ast.CallExpr) (*ast.SelectorExpr, *types.Func) {
	fun := unparen(call.Fun)
	for {
		switch f := fun.(type) {
		case *ast.IndexExpr:
			fun = f.X
			continue
		case *ast.IndexListExpr:
			fun = f.X
			continue
		}
		break
	}
	sel, ok := fun.(*ast.SelectorExpr)
	if !ok {
		return nil, nil
	}
	fn, _ := c.info.ObjectOf(sel.Sel).(*types.Func)
	return sel, fn
}

// interfaceChain lists the named interfaces from t down to the one that declares fn, as errcheck names them.
func interfaceChain(t types.Type, fn *types.Func, acc []string) []string {
	named, ok := t.(*types.Named)
	if !ok {
		return acc
	}
	iface, ok := named.Underlying().(*types.Interface)
	if !ok {
		return acc
	}
	acc = append(acc, "("+named.String()+")."+fn.Name())
	for i := 0; i < iface.NumExplicitMethods(); i++ {
		if iface.ExplicitMethod(i) == fn {
			return acc
		}
	}
	for i := 0; i < iface.NumEmbeddeds(); i++ {
		emb := iface.EmbeddedType(i)
		if ei, ok := emb.Underlying().(*types.Interface); ok {
			for j := 0; j < ei.NumMethods(); j++ {
				if ei.Method(j) == fn {
					return interfaceChain(emb, fn, acc)
				}
			}
		}
	}
	return acc
}

func (c *checker) excluded(call *ast.CallExpr) bool {
	sel, fn := calleeFunc(c, call)
	if fn == nil {
		return false
	}
	names := []string{fn.FullName()}
	if s, ok := c.info.Selections[sel]; ok {
		recv := s.Recv()
		// follow embedded struct fields to the type that provides the method
		idx := s.Index()
		for _, i := range idx[:len(idx)-1] {
			t := recv
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			st, ok := t.Underlying().(*types.Struct)
			if !ok {
				break
			}
			recv = st.Field(i).Type()
		}
		if chain := interfaceChain(recv, fn, nil); len(chain) > 0 {
			names = chain
		}
	}
	arg0 := ""
	if len(call.Args) > 0 {
		arg0 = c.argType(call.Args[0])
	}
	for _, n := range names {
		if skip[n] || (arg0 != "" && skip[n+"("+arg0+")"]) {
			return true
		}
	}
	return false
}

func (c *checker) argType(e ast.Expr) string {
	if sel, ok := e.(*ast.SelectorExpr); ok {
		if v, ok := c.info.ObjectOf(sel.Sel).(*types.Var); ok && v.Pkg() != nil && v.Pkg().Path() == "os" && (v.Name() == "Stdout" || v.Name() == "Stderr") {
			return "os." + v.Name()
		}
	}
	if t := c.info.TypeOf(e); t != nil {
		return t.String()
	}
	return ""
}

func (c *checker) name(call *ast.CallExpr) string {
	if _, fn := calleeFunc(c, call); fn != nil {
		return fn.FullName()
	}
	return types.ExprString(call.Fun)
}

func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}

func (c *checker) dropped(call *ast.CallExpr) {
	if anyTrue(c.errorResults(call)) && !c.excluded(call) {
		c.report("unchecked-error", call.Lparen, c.name(call))
	}
}

func (c *checker) blanks(lhs []ast.Expr, rhs []ast.Expr) {
	if len(rhs) == 1 {
		call, ok := unparen(rhs[0]).(*ast.CallExpr)
		if !ok || c.excluded(call) {
			return
		}
		errs := c.errorResults(call)
		for i, l := range lhs {
			if id, ok := l.(*ast.Ident); ok && id.Name == "_" && i < len(errs) && errs[i] {
				c.report("blank-error", id.Pos(), c.name(call))
			}
		}
		return
	}
	for i, l := range lhs {
		if i >= len(rhs) {
			break
		}
		id, ok := l.(*ast.Ident)
		call, isCall := rhs[i].(*ast.CallExpr)
		if ok && isCall && id.Name == "_" && anyTrue(c.errorResults(call)) && !c.excluded(call) {
			c.report("blank-error", id.Pos(), c.name(call))
		}
	}
}

// ---- fmt.Errorf with an error printed by a verb other than %w ----
func verbs(format string) (letters []byte, args []int) {
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		index := func() {
			if i < len(format) && format[i] == '[' {
				end := strings.IndexByte(format[i:], ']')
				if end > 0 {
					if n, err := strconv.Atoi(format[i+1 : i+end]); err == nil && n > 0 {
						arg = n - 1
					}
					i += end + 1
				}
			}
		}
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++
		}
		index()
		if i < len(format) && format[i] == '*' {
			arg++
			i++
		}
		for i < len(format) && format[i] >= '0' && format[i] <= '9' {
			i++
		}
		if i < len(format) && format[i] == '.' {
			i++
			index()
			if i < len(format) && format[i] == '*' {
				arg++
				i++
			}
			for i < len(format) && format[i] >= '0' && format[i] <= '9' {
				i++
			}
		}
		index()
		if i >= len(format) {
			break
		}
		letters = append(letters, format[i])
		args = append(args, arg)
		arg++
	}
	return
}

func (c *checker) errorf(call *ast.CallExpr) {
	_, fn := calleeFunc(c, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "fmt" || fn.Name() != "Errorf" || len(call.Args) < 2 {
		return
	}
	lit, ok := call.Args[0].(*ast.BasicLit)
	if !ok {
		return
	}
	tv := c.info.Types[lit]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return
	}
	letters, args := verbs(constant.StringVal(tv.Value))
	for i, l := range letters {
		if l == 'w' || l == 'T' || args[i]+1 >= len(call.Args) {
			continue
		}
		a := call.Args[args[i]+1]
		if implementsError(c.info.TypeOf(a)) {
			c.report("errorf-without-wrap", a.Pos(), "%"+string(l))
			return
		}
	}
}

// ---- wrapcheck: an error from another package or an interface method returned as it is ----
func isError(t types.Type) bool { return t != nil && t.String() == "error" }

var wrapping = []string{".Errorf(", "errors.New(", "errors.Unwrap(", "errors.Join(", ".Wrap(", ".Wrapf(", ".WithMessage(", ".WithMessagef(", ".WithStack("}

// unwrapped reports an error returned as it came from another package; ctx describes the function
// it leaves (name, whether a method, how many calls produce its errors) so the comparison can tell
// the cases go/unwrapped-return spares on purpose.
func (c *checker) unwrapped(call *ast.CallExpr, pos token.Pos, ctx string) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return
	}
	obj := c.info.ObjectOf(sel.Sel)
	if obj == nil {
		return
	}
	sig := obj.String()
	for _, w := range wrapping {
		if strings.Contains(sig, w) {
			return
		}
	}
	if t := c.info.TypeOf(sel.X); t != nil {
		if _, ok := t.Underlying().(*types.Interface); ok {
			c.report("unwrapped-return", pos, "interface "+sel.Sel.Name+"|"+ctx)
			return
		}
	}
	if obj.Pkg() != nil && obj.Pkg().Path() != c.pkg.Path() {
		c.report("unwrapped-return", pos, obj.Pkg().Path()+"."+sel.Sel.Name+"|"+ctx)
	}
}

// lastAssigned finds, in fn, the value last assigned to obj before pos.
func (c *checker) lastAssigned(fn ast.Node, obj types.Object, pos token.Pos) ast.Expr {
	var last ast.Expr
	ast.Inspect(fn, func(n ast.Node) bool {
		if n == nil || n.Pos() >= pos {
			return false
		}
		var lhs, rhs []ast.Expr
		switch a := n.(type) {
		case *ast.AssignStmt:
			lhs, rhs = a.Lhs, a.Rhs
		case *ast.ValueSpec:
			for _, id := range a.Names {
				lhs = append(lhs, id)
			}
			rhs = a.Values
		default:
			return true
		}
		for i, l := range lhs {
			if id, ok := l.(*ast.Ident); ok && c.info.ObjectOf(id) == obj {
				if len(rhs) == 1 {
					last = rhs[0]
				} else if i < len(rhs) {
					last = rhs[i]
				}
			}
		}
		return true
	})
	return last
}

var errName = regexp.MustCompile("^(err|[a-z][A-Za-z0-9_]*Err)$")

// errorSources counts, in one function body (closures apart), the calls that can produce the error it
// returns: single-call assignments to an err-named variable, and returned calls that return an error.
func (c *checker) errorSources(body *ast.BlockStmt) int {
	count := 0
	ast.Inspect(body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if len(s.Rhs) == 1 {
				if _, ok := s.Rhs[0].(*ast.CallExpr); ok {
					if id, ok := s.Lhs[len(s.Lhs)-1].(*ast.Ident); ok && errName.MatchString(id.Name) {
						count++
					}
				}
			}
		case *ast.ReturnStmt:
			if len(s.Results) > 0 {
				if call, ok := s.Results[len(s.Results)-1].(*ast.CallExpr); ok && anyTrue(c.errorResults(call)) {
					count++
				}
			}
		}
		return true
	})
	return count
}

func (c *checker) returns(fn ast.Node, body *ast.BlockStmt) {
	name, method := "", false
	if decl, ok := fn.(*ast.FuncDecl); ok {
		name, method = decl.Name.Name, decl.Recv != nil
	}
	ctx := fmt.Sprintf("%s|%v|%d", name, method, c.errorSources(body))
	ast.Inspect(body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok {
			c.returns(lit, lit.Body)
			return false
		}
		ret, ok := n.(*ast.ReturnStmt)
		if !ok {
			return true
		}
		for _, e := range ret.Results {
			if call, ok := e.(*ast.CallExpr); ok {
				t := c.info.TypeOf(call)
				if tuple, ok := t.(*types.Tuple); ok {
					for i := 0; i < tuple.Len(); i++ {
						if isError(tuple.At(i).Type()) {
							c.unwrapped(call, call.Pos(), ctx)
						}
					}
				} else if isError(t) {
					c.unwrapped(call, call.Pos(), ctx)
				}
				continue
			}
			id, ok := e.(*ast.Ident)
			if !ok || !isError(c.info.TypeOf(id)) {
				continue
			}
			if obj := c.info.ObjectOf(id); obj != nil {
				if call, ok := c.lastAssigned(fn, obj, ret.Pos()).(*ast.CallExpr); ok {
					c.unwrapped(call, id.Pos(), ctx)
				}
			}
		}
		return true
	})
}

func main() {
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo, Tests: true}
	pkgs, err := packages.Load(cfg, os.Args[1:]...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	out := json.NewEncoder(os.Stdout)
	done := map[string]bool{}
	seen := map[string]bool{}
	for _, pkg := range pkgs {
		if len(pkg.Errors) > 0 || pkg.TypesInfo == nil {
			fmt.Fprintf(os.Stderr, "omniref: skipping %s: %v\n", pkg.ID, pkg.Errors)
			continue
		}
		c := &checker{fset: pkg.Fset, info: pkg.TypesInfo, pkg: pkg.Types, out: out, seen: seen}
		for _, f := range pkg.Syntax {
			file := pkg.Fset.Position(f.Pos()).Filename
			if done[file] {
				continue
			}
			done[file] = true
			_ = out.Encode(record{Kind: "file", File: file})
			ast.Inspect(f, func(n ast.Node) bool {
				switch s := n.(type) {
				case *ast.ExprStmt:
					if call, ok := s.X.(*ast.CallExpr); ok {
						c.dropped(call)
					}
				case *ast.DeferStmt:
					c.dropped(s.Call)
				case *ast.GoStmt:
					c.dropped(s.Call)
				case *ast.AssignStmt:
					c.blanks(s.Lhs, s.Rhs)
				case *ast.ValueSpec:
					var lhs []ast.Expr
					for _, id := range s.Names {
						lhs = append(lhs, id)
					}
					if len(s.Values) > 0 {
						c.blanks(lhs, s.Values)
					}
				case *ast.CallExpr:
					c.errorf(s)
				case *ast.FuncDecl:
					if s.Body != nil {
						c.returns(s, s.Body)
					}
				}
				if call, ok := n.(*ast.CallExpr); ok {
					if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "panic" {
						if _, builtin := c.info.Uses[id].(*types.Builtin); builtin {
							c.report("panic", call.Pos(), "")
						}
					}
				}
				return true
			})
		}
	}
}
`;

// Prints the standard library's error signatures as JSON, for --gen-std.
const STDGEN_SOURCE = String.raw`// stdgen: prints, for a set of standard packages, the exported functions and methods whose last
// result is error, and the types of first results, struct fields and package variables, as JSON for
// the Go rule pack.
package main

import (
	"encoding/json"
	"go/types"
	"os"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

var errType = types.Universe.Lookup("error").Type()

func lastIsError(sig *types.Signature) bool {
	r := sig.Results()
	return r.Len() > 0 && types.Identical(r.At(r.Len()-1).Type(), errType)
}

// Excluded by errcheck's defaults: treated as not returning an error.
var excluded = map[string]bool{
	"bytes.Buffer.Write": true, "bytes.Buffer.WriteByte": true, "bytes.Buffer.WriteRune": true, "bytes.Buffer.WriteString": true,
	"strings.Builder.Write": true, "strings.Builder.WriteByte": true, "strings.Builder.WriteRune": true, "strings.Builder.WriteString": true,
	"hash.Hash.Write": true, "hash.Hash32.Write": true, "hash.Hash64.Write": true,
	"hash/maphash.Hash.Write": true, "hash/maphash.Hash.WriteByte": true, "hash/maphash.Hash.WriteString": true,
	"io.PipeReader.CloseWithError": true, "io.PipeWriter.CloseWithError": true,
	"math/rand.Rand.Read": true, "math/rand.Read": true, "crypto/rand.Read": true,
	"fmt.Print": true, "fmt.Printf": true, "fmt.Println": true,
}

func typeName(t types.Type, known map[string]bool) string {
	ptr := ""
	if p, ok := t.(*types.Pointer); ok {
		ptr = "*"
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() == nil || !known[n.Obj().Pkg().Path()] || !n.Obj().Exported() {
		return ""
	}
	return ptr + n.Obj().Pkg().Path() + "." + n.Obj().Name()
}

func main() {
	paths := os.Args[1:]
	known := map[string]bool{}
	for _, p := range paths {
		known[p] = true
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes}
	pkgs, err := packages.Load(cfg, paths...)
	if err != nil {
		panic(err)
	}
	funcs := map[string][]string{}
	methods := map[string][]string{}
	results := map[string]string{}
	for _, pkg := range pkgs {
		scope := pkg.Types.Scope()
		for _, name := range scope.Names() {
			obj := scope.Lookup(name)
			if !obj.Exported() {
				continue
			}
			switch o := obj.(type) {
			case *types.Func:
				sig := o.Type().(*types.Signature)
				if lastIsError(sig) && !excluded[pkg.PkgPath+"."+name] {
					funcs[pkg.PkgPath] = append(funcs[pkg.PkgPath], name)
				}
				if sig.Results().Len() > 0 {
					if tn := typeName(sig.Results().At(0).Type(), known); tn != "" {
						results[pkg.PkgPath+"."+name] = tn
					}
				}
			case *types.Var:
				if tn := typeName(o.Type(), known); tn != "" {
					results[pkg.PkgPath+"."+name] = tn
				}
			case *types.TypeName:
				named, ok := o.Type().(*types.Named)
				if !ok {
					continue
				}
				var mset *types.MethodSet
				if _, isIface := named.Underlying().(*types.Interface); isIface {
					mset = types.NewMethodSet(named)
				} else {
					mset = types.NewMethodSet(types.NewPointer(named))
				}
				key := pkg.PkgPath + "." + name
				var ms []string
				for i := 0; i < mset.Len(); i++ {
					m := mset.At(i).Obj().(*types.Func)
					if !m.Exported() {
						continue
					}
					sig := m.Type().(*types.Signature)
					if lastIsError(sig) && !excluded[key+"."+m.Name()] {
						ms = append(ms, m.Name())
					} else {
						ms = append(ms, "-"+m.Name())
					}
					if sig.Results().Len() > 0 {
						if tn := typeName(sig.Results().At(0).Type(), known); tn != "" {
							results[key+"."+m.Name()] = tn
						}
					}
				}
				if st, ok := named.Underlying().(*types.Struct); ok {
					for i := 0; i < st.NumFields(); i++ {
						if f := st.Field(i); f.Exported() {
							if tn := typeName(f.Type(), known); tn != "" {
								results[key+"."+f.Name()] = tn
							}
						}
					}
				}
				// always list the type, so a known type with no erroring method is known
				sort.Strings(ms)
				methods[key] = ms
			}
		}
	}
	outF := map[string]string{}
	for k, v := range funcs {
		sort.Strings(v)
		outF[k] = strings.Join(v, " ")
	}
	outM := map[string]string{}
	for k, v := range methods {
		outM[k] = strings.Join(v, " ")
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	_ = enc.Encode(map[string]interface{}{"funcs": outF, "methods": outM, "results": results})
}
`;

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
