// Built as its own bundle (dist/extension-specs.js, see esbuild.mjs) and required with the first spec
// command or spec file: the agents, the spec parser and the model clients would otherwise double what
// the rules client loads when the first source file opens.
export { approveSpecCommand } from './approve-spec';
export { generateSpec } from './generate-spec';
export { offerResume, resumeSpec } from './resume-spec';
export { SpecDiagnostics } from './spec-diagnostics';
export { ThreatViews } from '../webviews/threat-view/threat-views';
