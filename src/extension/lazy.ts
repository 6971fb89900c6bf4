// Built as its own bundle (dist/extension-lazy.js, see esbuild.mjs) and required only when first
// needed: the language client and the rule pack are most of the extension's code, and parsing them
// at start-up would cost every VS Code window that never opens a supported file.
export { RulesClient } from './rules-client';
export { showRuleDocumentation } from './rule-documentation-view';
