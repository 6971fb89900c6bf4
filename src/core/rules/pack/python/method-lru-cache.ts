import type { RuleDefinition } from '../../rule';
import { keywordArgument, positionalArguments, TOKEN_GAP } from './syntax';
import query from './method-lru-cache.scm';

/** `from functools import ... cache ...` (also parenthesised over several lines). */
/** `from functools import ...`, indented or not, its names in group 1 (the incremental linter watches these). */
export const FUNCTOOLS_FROM_IMPORT = /^[ \t]*from[ \t]+functools[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)/gm;

function importedFromFunctools(text: string, name: string): boolean {
  const imports = new RegExp(FUNCTOOLS_FROM_IMPORT);
  for (let found = imports.exec(text); found; found = imports.exec(text)) {
    if (new RegExp(`(?:^|[\\s,(])${name}(?:$|[\\s,)])`).test(found[1] ?? '')) return true;
  }
  return false;
}

/** Aliases of the functools module: `functools`, or `ft` after `import functools as ft`. */
function isFunctools(text: string, module: string): boolean {
  return module === 'functools' || new RegExp(`^[ \\t]*import[ \\t]+functools[ \\t]+as[ \\t]+${module}\\b`, 'm').test(text);
}

export const methodLruCache: RuleDefinition = {
  id: 'py/method-lru-cache',
  title: '`functools.cache`/`lru_cache` on a method',
  severity: 'warning',
  category: 'resource',
  cwe: 401,
  message: '`@{name}` on method `{method}` caches `self`: every instance it saw stays alive as long as the class (use `cached_property` or a per-instance cache)',
  rationale:
    'The cache of a decorated method lives on the function, i.e. on the class, and its keys include `self`, so ' +
    'instances are never freed while their entries remain: with `@cache` or `lru_cache(maxsize=None)` that is ' +
    'forever, a memory leak in a long-running process; with a bounded `lru_cache` up to `maxsize` instances (and ' +
    'everything they reference) stay alive, and instances evict each other\'s entries. Same findings as Ruff B019, ' +
    'which also reports bounded caches; pylint W1518 reports only unbounded ones, and the message here says which ' +
    'kind it is. Static methods and class methods (also the implicit ones: `__new__`, `__init_subclass__`, `__class_getitem__`) are not reported (no instance in the key). Bare `cache`/' +
    '`lru_cache` must be imported from functools in the file. Alternatives: `functools.cached_property` for ' +
    'attributes computed once, a cache created per instance in `__init__`, or a module-level function.',
  queries: { python: query },
  // The decorator: `@`, maybe a module name (any identifier, non-ASCII too) and a dot, then the name.
  anchor: new RegExp(String.raw`@${TOKEN_GAP}(?:[^\s.()#@]+${TOKEN_GAP}\.${TOKEN_GAP})?(?:lru_)?cache\b`),
  predicate: (match) => {
    const name = match.capture('name')?.text ?? '';
    const module = match.capture('module')?.text;
    const text = match.file.text;
    if (module ? !isFunctools(text, module) : !importedFromFunctools(text, name)) return false;
    const decorators = match.capture('definition')?.namedChildren.filter((child) => child.type === 'decorator') ?? [];
    if (decorators.some((decorator) => /^@\s*(?:staticmethod|classmethod)\b/.test(decorator.text))) return false;
    const method = match.capture('method')?.text ?? '';
    // Implicit static and class methods: no instance in the cache key.
    if (method === '__new__' || method === '__init_subclass__' || method === '__class_getitem__') return false;
    const args = match.capture('args');
    const maxsize = keywordArgument(args, 'maxsize') ?? positionalArguments(args)[0];
    if (name === 'cache' || maxsize?.text === 'None') return true;
    return {
      message: `\`@${name}\` on method \`${method}\` keeps up to maxsize instances alive through \`self\` and shares one cache between all of them (use \`cached_property\` or a per-instance cache)`,
    };
  },
  equivalents: ['ruff:B019', 'flake8-bugbear:B019', 'pylint:W1518'],
  examples: [
    {
      language: 'python',
      kind: 'bad',
      code: 'from functools import cache\n\nclass Catalog:\n    @cache\n    def price(self, sku):\n        return self.db.lookup(sku)\n',
    },
    {
      language: 'python',
      kind: 'bad',
      code: 'import functools\n\nclass Resolver:\n    @functools.lru_cache(maxsize=256)\n    def resolve(self, host):\n        return socket.gethostbyname(host)\n',
    },
    {
      language: 'python',
      kind: 'good',
      code:
        'import functools\n\nclass Catalog:\n    @functools.cached_property\n    def currencies(self):\n        return self.db.currencies()\n\n' +
        '    @staticmethod\n    @functools.cache\n    def parse_sku(text):\n        return text.split("-")\n\n\n@functools.cache\ndef tax_rate(region):\n    return RATES[region]\n',
    },
  ],
};
