import { Query, type Language, type QueryMatch } from 'web-tree-sitter';
import { LANGUAGES, type LanguageId } from './languages';
import { nthChecks, nthHolds, type NthCheck } from './nth-predicate';
import type { RuleDefinition } from './rule';

export interface QueryCompileError {
  readonly ruleId: string;
  readonly message: string;
}

/**
 * All rules of one language joined into one query, so a file is walked once however many rules
 * there are. Each pattern is traced back to its rule through its offset in the joined source.
 */
export class CompiledQuery {
  private constructor(
    readonly query: Query,
    /** Per pattern; undefined for a rule dropped for a predicate the engine does not know. */
    private readonly ruleByPattern: readonly (RuleDefinition | undefined)[],
    private readonly nthByPattern: readonly (readonly NthCheck[])[],
    private readonly comments: ReadonlySet<string>,
    readonly errors: readonly QueryCompileError[],
  ) {}

  static compile(language: Language, id: LanguageId, rules: readonly RuleDefinition[]): CompiledQuery {
    const usable: RuleDefinition[] = [];
    const errors: QueryCompileError[] = [];
    let query = tryCompile(language, rules, id);
    if (query instanceof Error) {
      // One broken rule must not silence the others: find the culprits one by one.
      for (const rule of rules) {
        const single = tryCompile(language, [rule], id);
        if (single instanceof Error) errors.push({ ruleId: rule.id, message: single.message });
        else {
          single.delete();
          usable.push(rule);
        }
      }
      query = tryCompile(language, usable, id);
      if (query instanceof Error) throw query;
    } else {
      usable.push(...rules);
    }
    const owners: (RuleDefinition | undefined)[] = patternOwners(query, usable, id);
    const nth: NthCheck[][] = [];
    const dropped = new Set<RuleDefinition>();
    for (let pattern = 0; pattern < owners.length; pattern++) {
      try {
        nth.push(nthChecks(query.predicatesForPattern(pattern)));
      } catch (error) {
        nth.push([]);
        const rule = owners[pattern];
        if (rule && !dropped.has(rule)) errors.push({ ruleId: rule.id, message: error instanceof Error ? error.message : String(error) });
        if (rule) dropped.add(rule);
      }
    }
    return new CompiledQuery(
      query,
      owners.map((rule) => (rule && dropped.has(rule) ? undefined : rule)),
      nth,
      new Set(LANGUAGES[id].commentTypes),
      errors,
    );
  }

  /** The rule a match belongs to, when its `#nth?` checks hold (and the rule was not dropped). */
  ruleOf(match: QueryMatch): RuleDefinition | undefined {
    const rule = this.ruleByPattern[match.patternIndex];
    const nth = this.nthByPattern[match.patternIndex];
    return rule && (!nth?.length || nthHolds(match, nth, this.comments)) ? rule : undefined;
  }

  delete(): void {
    this.query.delete();
  }
}

const utf8 = new TextEncoder();

function joined(rules: readonly RuleDefinition[], id: LanguageId): { source: string; starts: number[] } {
  let source = '';
  const starts: number[] = [];
  for (const rule of rules) {
    starts.push(utf8.encode(source).length);
    source += `${rule.queries[id] ?? ''}\n`;
  }
  return { source, starts };
}

function tryCompile(language: Language, rules: readonly RuleDefinition[], id: LanguageId): Query | Error {
  try {
    return new Query(language, joined(rules, id).source);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function patternOwners(query: Query, rules: readonly RuleDefinition[], id: LanguageId): RuleDefinition[] {
  const { starts } = joined(rules, id);
  const owners: RuleDefinition[] = [];
  let owner = 0;
  for (let pattern = 0; pattern < query.patternCount(); pattern++) {
    const at = query.startIndexForPattern(pattern);
    while (owner + 1 < starts.length && (starts[owner + 1] ?? Infinity) <= at) owner++;
    const rule = rules[owner];
    if (rule) owners.push(rule);
  }
  return owners;
}
