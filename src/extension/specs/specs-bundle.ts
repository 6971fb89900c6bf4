// Built as its own bundle (dist/extension-specs.js, see esbuild.mjs) and required with the first spec
// command or spec file: the agents, the spec parser and the model clients would otherwise double what
// the rules client loads when the first source file opens.
export { approveSpecCommand } from './approve-spec';
export { generateSpec } from './generate-spec';
export { offerResume, resumeSpec } from './resume-spec';
export { SpecDiagnostics } from './spec-diagnostics';
export { handleChatRequest } from '../chat/chat-handler';
export { invokeCheckTool, invokeSpecStatusTool } from '../chat/lm-tools';
export { openSpecsPanel } from '../webviews/specs-panel/specs-panel-view';
export { openSpecView, restoreSpecView } from '../webviews/spec-view/spec-view-panel';
export { openReviewView, restoreReviewView } from '../webviews/review-view/review-view-panel';
export { ThreatViews } from '../webviews/threat-view/threat-views';
