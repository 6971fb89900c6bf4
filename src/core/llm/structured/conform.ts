import { z } from 'zod';

/**
 * Brings a model's JSON closer to `schema` where its meaning is unambiguous, before validation:
 * keys and enum values written in another case or with spaces, dashes or underscores
 * (`"Separation of Concerns"`, `"information_disclosure"`, `"High"`), numbers written as strings
 * (`"8"`, `"8/10"`), `null` for an optional field or an empty list, one item where a list is
 * wanted, a list of lines where one Markdown text is wanted, and a list of named entries where the
 * schema has an object keyed by those names. Local models make these slips even with a
 * JSON schema in the prompt; each one would otherwise cost a repair round. Nothing is guessed: a
 * name that matches no key or option, or more than one, is left for the validator to report.
 */
export function conform(schema: z.ZodType, value: unknown): unknown {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNonOptional || schema instanceof z.ZodReadonly || schema instanceof z.ZodCatch) {
    return conform(schema.unwrap() as z.ZodType, value);
  }
  if (schema instanceof z.ZodNullable) return value === null ? null : conform(schema.unwrap() as z.ZodType, value);
  if (schema instanceof z.ZodPipe) return conform(schema.in as z.ZodType, value);
  if (schema instanceof z.ZodObject) return conformObject(schema, value);
  if (schema instanceof z.ZodArray) return conformArray(schema, value);
  if (schema instanceof z.ZodRecord && isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, conform(schema.valueType as z.ZodType, entry)]));
  }
  if (schema instanceof z.ZodEnum) return typeof value === 'string' ? (match(schema.options.map(String), value) ?? value) : value;
  if (schema instanceof z.ZodLiteral) return typeof value === 'string' ? (match([...schema.values].filter((entry) => typeof entry === 'string'), value) ?? value) : value;
  if (schema instanceof z.ZodNumber) return typeof value === 'string' ? (numberIn(value) ?? value) : value;
  if (schema instanceof z.ZodString) return markdownList(value) ?? value;
  return value;
}

/** A list of lines where the schema wants one text: the agents' text fields are Markdown, so it becomes a Markdown list. */
function markdownList(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === 'string' || typeof item === 'number')) return undefined;
  return value.map((item) => `- ${String(item)}`).join('\n');
}

function conformObject(schema: z.ZodObject, value: unknown): unknown {
  const shape: Record<string, z.ZodType> = schema.shape;
  const keys = Object.keys(shape);
  const source = isPlainObject(value) ? value : Array.isArray(value) ? keyedEntries(keys, value) : undefined;
  if (source === undefined) return value;
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(source)) {
    // Assigning it would set the result's prototype: a model's answer never means that.
    if (key === '__proto__') continue;
    const known = Object.hasOwn(shape, key) ? key : match(keys, key);
    // A misspelt key whose proper spelling is also present stays as it is: the model said both.
    const target = known !== undefined && (known === key || !Object.hasOwn(source, known)) ? known : key;
    const field = Object.hasOwn(shape, target) ? shape[target] : undefined;
    if (field === undefined) {
      result[key] = entry;
    } else if (!(entry === null && acceptsMissing(field) && !acceptsNull(field))) {
      result[target] = conform(field, entry);
    }
  }
  return result;
}

function conformArray(schema: z.ZodArray, value: unknown): unknown {
  if (value === null) return [];
  // One item where a list is wanted ("mitigations": "Use bound parameters") is a list of one.
  if (!Array.isArray(value)) return value === undefined ? value : [conform(schema.element as z.ZodType, value)];
  return value.map((entry) => conform(schema.element as z.ZodType, entry));
}

/** The name fields a model uses when it lists `{ "name": "coupling", "score": 7 }` instead of keying by name. */
const NAME_FIELDS = ['name', 'key', 'id', 'dimension', 'category', 'factor'] as const;

/** `[{ name: "coupling", score: 7 }, ...]` as `{ coupling: { score: 7 } }`, when every entry names a distinct key. */
function keyedEntries(keys: readonly string[], entries: readonly unknown[]): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  for (const entry of entries) {
    if (!isPlainObject(entry)) return undefined;
    const field = NAME_FIELDS.find((name) => typeof entry[name] === 'string');
    if (field === undefined) return undefined;
    const key = match(keys, String(entry[field]));
    if (key === undefined || Object.hasOwn(result, key)) return undefined;
    const { [field]: _name, ...rest } = entry;
    result[key] = rest;
  }
  return result;
}

/** The one option that `written` names when case and separators are ignored. */
function match(options: readonly string[], written: string): string | undefined {
  if (options.includes(written)) return written;
  const wanted = fold(written);
  const found = options.filter((option) => fold(option) === wanted);
  return found.length === 1 ? found[0] : undefined;
}

function fold(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** `"8"`, `" 7.5 "` and `"8/10"` (scores here are out of ten) as numbers; anything else is left alone. */
function numberIn(text: string): number | undefined {
  const found = /^\s*([-+]?\d+(?:\.\d+)?)\s*(?:\/\s*10\s*)?$/.exec(text);
  return found?.[1] === undefined ? undefined : Number(found[1]);
}

function acceptsMissing(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

function acceptsNull(schema: z.ZodType): boolean {
  return schema.safeParse(null).success;
}

/** A JSON object, as opposed to an array, null or a scalar. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
