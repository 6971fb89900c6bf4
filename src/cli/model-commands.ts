// Built as its own bundle (dist/cli-models.js, see esbuild.mjs) and required only by the commands
// that need it: the model clients, the YAML parser and the prompts are a third of the CLI's code, and
// parsing them would slow the start of every `omni check`.
export { approve, reject } from './commands/approve';
export { listProviderModels } from './commands/models';
export { listPrompts } from './commands/prompts';
export { replaySpec } from './commands/replay';
export { review } from './commands/review';
export { spec } from './commands/spec';
export { status } from './commands/status';
export { exportThreats, listThreats, setThreat } from './commands/threats';
export { trace } from './commands/trace';
