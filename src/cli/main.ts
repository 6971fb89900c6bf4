import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { SEVERITIES, type Severity } from '../core/rules/rule';
import { parseBudgetOption } from './budget-question';
import { check } from './commands/check';
import { explain } from './commands/explain';
import { listRules } from './commands/rules';
import { VERSION } from './version';

type ModelCommands = typeof import('./model-commands');
type SpecCommandOptions = import('./commands/spec').SpecOptions;
type PipelineCommandOptions = import('./specs/pipeline-run').PipelineCommandOptions;

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
    .option('--fix', 'apply safe fixes and write the files (never a result that parses worse)', false)
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

  const config = (): Option => new Option('-c, --config <file>', 'config file (default: the nearest .omni/config.json)');
  const json = (): Option => new Option('--json', 'print JSON for scripts').default(false);
  const specArgument = ['<spec>', 'the spec: its slug, or a path to its folder or spec.md'] as const;
  const budget = (): Option => new Option('--budget <limit>', 'ask before going over this many tokens (50k) or US dollars ($0.50); without a terminal, stop').argParser(parseBudgetOption);
  const yes = (): Option => new Option('-y, --yes', 'go on past the budget without asking').default(false);

  program
    .command('spec')
    .description(
      'draft a spec for a task, check its completeness, review and threat-model it, and stop at the approval gate; exit 0 when it stops in a known state (awaiting approval, needs a human, failed with the draft kept), 2 on usage, config or environment errors, 130 on Ctrl-C',
    )
    .argument('[task]', 'one line saying what to build')
    .option('--resume <spec>', 'continue a stopped pipeline where it stopped (slug or path)')
    .addOption(budget())
    .addOption(yes())
    .option('--max-rounds <n>', 'review rounds before stopping for a human (default: specs.maxReviewRounds in the config, 2)', jobCount)
    .addOption(json())
    .addOption(config())
    .action(async (task: string | undefined, options: SpecCommandOptions) => void (exitCode = await modelCommands().spec(task, options, process.stdout, process.stderr)));

  program
    .command('status')
    .description('list every spec with its phase, review score and decision, approval (valid, void after an edit, none) and open threats by risk')
    .addOption(json())
    .addOption(config())
    .action(async (options: { json: boolean; config?: string }) => void (exitCode = await modelCommands().status(options, process.stdout)));

  program
    .command('approve')
    .description('approve a spec, recording who, when and its SHA-256 in its frontmatter; exit 1 with the reasons when the gates refuse')
    .argument(...specArgument)
    .option('--by <name>', 'who approves (default: git config user.name, else $USER)')
    .addOption(config())
    .action(async (target: string, options: { by?: string; config?: string }) => void (exitCode = await modelCommands().approve(target, options, process.stdout, process.stderr)));

  program
    .command('reject')
    .description('turn a spec down: its status becomes rejected and its log records who and why; nothing runs on it afterwards')
    .argument(...specArgument)
    .requiredOption('--reason <text>', 'why the spec is rejected')
    .option('--by <name>', 'who rejects (default: git config user.name, else $USER)')
    .addOption(config())
    .action(async (target: string, options: { reason: string; by?: string; config?: string }) => void (exitCode = await modelCommands().reject(target, options, process.stdout)));

  program
    .command('review')
    .description('run the design review again on the spec as it is now (after a hand edit), then the threat model when the review passes')
    .argument(...specArgument)
    .addOption(budget())
    .addOption(yes())
    .addOption(json())
    .addOption(config())
    .action(async (target: string, options: PipelineCommandOptions) => void (exitCode = await modelCommands().review(target, options, process.stdout, process.stderr)));

  program
    .command('replay')
    .description("rebuild a spec's state from its events.jsonl and print its history")
    .argument(...specArgument)
    .addOption(json())
    .addOption(config())
    .action(async (target: string, options: { json: boolean; config?: string }) => void (exitCode = await modelCommands().replaySpec(target, options, process.stdout)));

  const threats = program
    .command('threats')
    .description("list a spec's threats, set a threat's status, or export the threat model")
    .argument('[spec]', 'the spec: its slug, or a path to its folder or spec.md')
    .addOption(json())
    .addOption(config())
    .action(async (target: string | undefined, options: { json: boolean; config?: string }) => {
      if (target === undefined) {
        threats.outputHelp({ error: true });
        exitCode = 2;
        return;
      }
      exitCode = await modelCommands().listThreats(target, options, process.stdout);
    });
  threats
    .command('set')
    .description("set a threat's status: mitigated, accepted (needs --reason), not-applicable (needs --reason) or open")
    .argument(...specArgument)
    .argument('<threat>', 'the threat id, for example T3')
    .argument('<status>', 'open, mitigated, accepted or not-applicable')
    .option('--reason <text>', 'why: required for accepted and not-applicable')
    .addOption(config())
    .action(async (target: string, id: string, status: string, options: { reason?: string; config?: string }) => void (exitCode = await modelCommands().setThreat(target, id, status, options, process.stdout)));
  threats
    .command('export')
    .description('write the threat model for another tool: an OWASP Threat Dragon v2 model')
    .argument(...specArgument)
    .addOption(new Option('--format <format>', 'export format').choices(['threat-dragon']).makeOptionMandatory())
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .addOption(config())
    .action(async (target: string, options: { format: 'threat-dragon'; output?: string; config?: string }) => void (exitCode = await modelCommands().exportThreats(target, options, process.stdout)));

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
