// Built as its own bundle (dist/extension-lazy.js, see esbuild.mjs) and required only when first
// needed: the language client and the rule pack are most of the extension's code, and parsing them
// at start-up would cost every VS Code window that never opens a supported file.
export { RulesClient } from './rules-client';
export { showRuleDocumentation } from './rule-documentation-view';
// The spec pipeline: its agents, the spec parser and the model clients load with the first spec command or spec file.
export { approveSpecCommand } from './specs/approve-spec';
export { generateSpec } from './specs/generate-spec';
export { offerResume, resumeSpec } from './specs/resume-spec';
export { SpecDiagnostics } from './specs/spec-diagnostics';
