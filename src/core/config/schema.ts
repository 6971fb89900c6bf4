import { z } from 'zod';
import { PriceTableSchema } from '../llm/accounting';
import { BudgetSchema } from '../llm/budget';
import { checkModelReferences, ModelsSection, ProvidersSection } from '../llm/config';
import { BUILTIN_RULES } from '../rules/registry';
import { SEVERITIES } from '../rules/rule';

export const RULE_LEVELS = ['off', ...SEVERITIES] as const;
const level = z.enum(RULE_LEVELS);

const ruleSetting = z.union([level, z.object({ severity: level }).strict()], {
  error: () => `expected ${RULE_LEVELS.map((l) => `"${l}"`).join(', ')} or { "severity": ... }`,
});

/** One optional key per built-in rule, so a typo is an error that names the key, and editors complete ids. */
const rulesShape = Object.fromEntries(
  BUILTIN_RULES.map((rule) => [rule.id, ruleSetting.optional().describe(`${rule.title} (default: ${rule.severity})`)]),
);

/** `.omni/config.json`: project settings, reviewed in pull requests like the code. */
export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    rules: z
      .object(rulesShape)
      .strict()
      .default({})
      .describe('Per-rule level: "off", "error", "warning", "info" or "hint". Unlisted rules keep their default.'),
    include: z
      .array(z.string().min(1))
      .default([])
      .describe('Globs (relative to the project root) of files to check; empty means every supported file.'),
    exclude: z
      .array(z.string().min(1))
      .default([])
      .describe('Globs (relative to the project root) of files never to check, on top of .gitignore.'),
    gitignore: z.boolean().default(true).describe('Skip files that .gitignore files ignore.'),
    maxFileSizeKb: z
      .number()
      .int()
      .positive()
      .default(1024)
      .describe('Files larger than this are skipped with a notice (generated bundles, data dumps).'),
    providers: ProvidersSection,
    models: ModelsSection,
    prices: PriceTableSchema,
    budget: BudgetSchema.optional().describe('Per-run limits on tokens and money; a run that would go over stops and asks first.'),
    specs: z
      .object({
        maxReviewRounds: z
          .number()
          .int()
          .min(1)
          .max(5)
          .default(2)
          .describe('Design reviews a spec gets before it stops for a human: a score of 6-7 sends it back to the Architect until this many reviews have run.'),
      })
      .strict()
      .default({ maxReviewRounds: 2 })
      .describe('The spec pipeline: Architect, completeness check, design review, threat model, approval.'),
  })
  .strict()
  .superRefine(checkModelReferences);

export type OmniConfig = z.infer<typeof ConfigSchema>;
export type RuleLevel = (typeof RULE_LEVELS)[number];

export const DEFAULT_CONFIG: OmniConfig = ConfigSchema.parse({});
