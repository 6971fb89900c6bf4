import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { SEVERITIES, type Severity } from '../core/rules/rule';
import { check } from './commands/check';
import { explain } from './commands/explain';
import { listRules } from './commands/rules';
import { addSpecCommands } from './specs/spec-commands';
import { VERSION } from './version';

type ModelCommands = typeof import('./model-commands');

/** The second bundle, next to this one; a computed path keeps esbuild from inlining it. */
function modelCommands(): ModelCommands {
  return require(join(__dirname, 'cli-models.js')) as ModelCommands;
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('expected a whole number (0 or more)');
  return parsed;
}

function jobCount(value: string): number {
  const parsed = positiveInteger(value);
  if (parsed < 1) throw new InvalidArgumentError('expected at least 1');
  return parsed;
}

/**
 * Errors about the user's input, files or environment, each naming the file, line or setting: exit 2
 * with the message alone. A spec.md, events.jsonl, review.json or threats.json that does not validate
 * is one; so is a spec another run is working on.
 */
const USER_ERRORS: ReadonlySet<string> = new Set([
  'ConfigError',
  'BaselineError',
  'UsageError',
  'SpecParseError',
  'SpecNotFoundError',
  'SpecFileError',
  'SpecBusyError',
  'EventsLogError',
  'ReplayError',
  'InvalidReviewRecordError',
  'InvalidThreatsFileError',
]);

async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name('omni')
    .description('Omni Elite: one offline rule pack for Python, TypeScript/JavaScript, Go and Rust.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();

  program
    .command('check')
    .description('check files and folders (default: the current folder); exit 0 clean, 1 findings, 2 usage or config error')
    .argument('[paths...]', 'files or folders to check')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--fix', 'apply safe fixes and write the files (never a result that parses worse; baselined findings are left alone)', false)
    .option('--baseline <file>', 'report only findings not in this baseline (default: .omni/baseline.json when present)')
    .option('--write-baseline', 'accept every current finding into the baseline file and exit 0', false)
    .option('--max-warnings <n>', 'fail only when there are more than n warnings', positiveInteger)
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run').choices([...SEVERITIES]).default('warning'))
    .option('-j, --jobs <n>', 'worker threads (default: the number of cores)', jobCount)
    .option('--cache', 'reuse results of unchanged files from .omni/cache', false)
    .option('--no-cache', 'do not read or write the result cache')
    .option('-c, --config <file>', 'config file (default: the nearest .omni/config.json)')
    .action(async (paths: string[], options: { format: 'text' | 'json' | 'sarif'; output?: string; fix: boolean; baseline?: string; writeBaseline: boolean; maxWarnings?: number; failOn: Severity; jobs?: number; cache: boolean; config?: string }) => {
      exitCode = await check(paths, options, process.stdout);
    });

  program
    .command('rules')
    .description('list every rule with its languages and its equivalents in other tools')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((options: { format: 'text' | 'json' }) => {
      exitCode = listRules(options.format, process.stdout);
    });

  program
    .command('explain')
    .description("show a rule's rationale, examples and fix")
    .argument('<rule-id>', 'for example py/bare-except')
    .action((ruleId: string) => {
      exitCode = explain(ruleId, process.stdout);
    });

  program
    .command('models')
    .description('list each model provider, whether it answers, its models and the model per role; exit 1 when none answers (honours OLLAMA_HOST)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--provider <id>', 'only this provider')
    .option('--model <name>', 'use this model for every role, and check that a provider has it')
    .option('-c, --config <file>', 'config file (default: the nearest .omni/config.json)')
    .action(async (options: { format: 'text' | 'json'; provider?: string; model?: string; config?: string }) => {
      exitCode = await modelCommands().listProviderModels(options, process.stdout);
    });

  program
    .command('trace')
    .description("print a run's spans (agent turns, model calls) as a tree with durations, tokens, cost, cache hits and errors")
    .argument('<run>', 'an events.jsonl, the run or spec folder holding it, or a spec slug under .omni/specs')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (run: string, options: { format: 'text' | 'json' }) => void (exitCode = await modelCommands().trace(run, options, process.stdout, process.stderr)));

  addSpecCommands(program, modelCommands, (code) => (exitCode = code));

  program.command('prompts').description('list the prompt versions the agents use').action(() => void (exitCode = modelCommands().listPrompts(process.stdout)));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' && error.code.startsWith('commander.')) {
      const code = 'exitCode' in error && typeof error.exitCode === 'number' ? error.exitCode : 2;
      return code === 0 ? 0 : 2;
    }
    // By name, since the model commands' bundle has its own copies of these classes.
    if (error instanceof Error && USER_ERRORS.has(error.name)) {
      process.stderr.write(`omni: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

// `omni check | head` closes the pipe early: that is the reader's choice, not an error to report.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`omni: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
