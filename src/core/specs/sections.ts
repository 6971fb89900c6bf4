/** The ten fixed sections of a spec, in the order the file lists them. */
export const SPEC_SECTIONS = [
  { key: 'requirements', title: 'Requirements' },
  { key: 'constraints', title: 'Constraints' },
  { key: 'dataModels', title: 'Data Models' },
  { key: 'apiContracts', title: 'API Contracts' },
  { key: 'errorTaxonomy', title: 'Error Taxonomy' },
  { key: 'securityConsiderations', title: 'Security Considerations' },
  { key: 'testingStrategy', title: 'Testing Strategy' },
  { key: 'architectureDecision', title: 'Architecture Decision' },
  { key: 'dependencies', title: 'Dependencies' },
  { key: 'rollbackPlan', title: 'Rollback Plan' },
] as const satisfies readonly { key: string; title: string }[];

export type SectionKey = (typeof SPEC_SECTIONS)[number]['key'];

/** Other titles people give the same section by hand. */
const ALIASES: Readonly<Record<string, SectionKey>> = {
  functionalrequirements: 'requirements',
  requirementsandacceptancecriteria: 'requirements',
  constraintsandassumptions: 'constraints',
  datamodel: 'dataModels',
  data: 'dataModels',
  api: 'apiContracts',
  apicontract: 'apiContracts',
  apis: 'apiContracts',
  interfaces: 'apiContracts',
  errors: 'errorTaxonomy',
  errorhandling: 'errorTaxonomy',
  security: 'securityConsiderations',
  securityconsideration: 'securityConsiderations',
  testing: 'testingStrategy',
  testplan: 'testingStrategy',
  architecture: 'architectureDecision',
  architecturedecisions: 'architectureDecision',
  design: 'architectureDecision',
  rollback: 'rollbackPlan',
};

/** Lower case letters and digits only: "API Contracts", "api-contracts" and "apiContracts" compare equal. */
export function normalizeTitle(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The fixed section a heading title names, tolerating case, punctuation and common aliases. */
export function sectionKeyOf(title: string): SectionKey | undefined {
  const normalized = normalizeTitle(title.replace(/^\s*\d+[.)]\s*/, ''));
  const exact = SPEC_SECTIONS.find((section) => normalizeTitle(section.title) === normalized || normalizeTitle(section.key) === normalized);
  return exact?.key ?? ALIASES[normalized];
}
