import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseBudgetOption } from '../budget-question';
import type { PipelineCommandOptions } from './pipeline-run';

// Part of the first bundle (dist/cli.js): only the commands' options and help live here; each action
// requires the model commands' bundle when it runs.
type ModelCommands = typeof import('../model-commands');
type SpecOptions = import('../commands/spec').SpecOptions;

function reviewRounds(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 5) throw new InvalidArgumentError('expected a whole number from 1 to 5');
  return parsed;
}

/** `omni spec | status | approve | reject | review | replay | threats`: the spec pipeline's commands. */
export function addSpecCommands(program: Command, modelCommands: () => ModelCommands, setExitCode: (code: number) => void): void {
  const config = (): Option => new Option('-c, --config <file>', 'config file (default: the nearest .omni/config.json)');
  const json = (): Option => new Option('--json', 'print JSON for scripts').default(false);
  const budget = (): Option =>
    new Option('--budget <limit>', 'ask before going over this many tokens (50k) or US dollars ($0.50); without a terminal, stop').argParser(parseBudgetOption);
  const yes = (): Option => new Option('-y, --yes', 'go on past the budget without asking').default(false);
  const spec = ['<spec>', 'the spec: its slug, or a path to its folder or spec.md'] as const;

  program
    .command('spec')
    .description(
      'draft a spec for a task, check its completeness, review and threat-model it, and stop at the approval gate; exit 0 when it stops in a known state (awaiting approval, needs a human, failed with the draft kept), 2 on usage, config or environment errors (no model answering), 130 on Ctrl-C',
    )
    .argument('[task]', 'one line saying what to build')
    .option('--resume <spec>', 'continue a stopped pipeline where it stopped (slug or path)')
    .addOption(budget())
    .addOption(yes())
    .option('--max-rounds <n>', 'design reviews before stopping for a human (default: specs.maxReviewRounds in the config, 2)', reviewRounds)
    .addOption(json())
    .addOption(config())
    .action(async (task: string | undefined, options: SpecOptions) => setExitCode(await modelCommands().spec(task, options, process.stdout, process.stderr)));

  program
    .command('status')
    .description('list every spec with its phase, review score and decision, approval (valid, void after an edit, none) and open threats by risk')
    .addOption(json())
    .addOption(config())
    .action(async (options: { json: boolean; config?: string }) => setExitCode(await modelCommands().status(options, process.stdout)));

  program
    .command('approve')
    .description("approve a spec, recording who, when and the spec's SHA-256 in its frontmatter; exit 1 with the reasons when the gates refuse")
    .argument(...spec)
    .option('--by <name>', 'who approves (default: git config user.name, else $USER)')
    .addOption(json())
    .addOption(config())
    .action(async (target: string, options: { by?: string; json: boolean; config?: string }) => setExitCode(await modelCommands().approve(target, options, process.stdout, process.stderr)));

  program
    .command('reject')
    .description('turn a spec down: its status becomes rejected and its log records who and why; nothing runs on it afterwards')
    .argument(...spec)
    .requiredOption('--reason <text>', 'why the spec is rejected')
    .option('--by <name>', 'who rejects (default: git config user.name, else $USER)')
    .addOption(config())
    .action(async (target: string, options: { reason: string; by?: string; config?: string }) => setExitCode(await modelCommands().reject(target, options, process.stdout)));

  program
    .command('review')
    .description('check and review the spec again as it is now (after a hand edit); the gate then sends it back to the Architect, stops for a human, or models its threats. Exit codes as omni spec')
    .argument(...spec)
    .addOption(budget())
    .addOption(yes())
    .addOption(json())
    .addOption(config())
    .action(async (target: string, options: PipelineCommandOptions) => setExitCode(await modelCommands().review(target, options, process.stdout, process.stderr)));

  program
    .command('replay')
    .description("rebuild a spec's state from its events.jsonl and print its history")
    .argument(...spec)
    .addOption(json())
    .addOption(config())
    .action(async (target: string, options: { json: boolean; config?: string }) => setExitCode(await modelCommands().replaySpec(target, options, process.stdout)));

  const threats = program
    .command('threats')
    .description("list a spec's threats (blocking ones first), set a threat's status, or export the threat model")
    .argument('[spec]', 'the spec: its slug, or a path to its folder or spec.md')
    .addOption(json())
    .addOption(config())
    .action(async (target: string | undefined, options: { json: boolean; config?: string }) => {
      if (target === undefined) {
        threats.outputHelp({ error: true });
        setExitCode(2);
        return;
      }
      setExitCode(await modelCommands().listThreats(target, options, process.stdout));
    });
  threats
    .command('set')
    .description("set a threat's status: mitigated, accepted (needs --reason), not-applicable (needs --reason) or open")
    .argument(...spec)
    .argument('<threat>', 'the threat id, for example T3')
    .argument('<status>', 'open, mitigated, accepted or not-applicable')
    .option('--reason <text>', 'why: required for accepted and not-applicable')
    .option('--by <name>', 'who gives the verdict, recorded in events.jsonl (default: git user.name, else the login name)')
    .addOption(config())
    .action(async (target: string, id: string, status: string, options: { reason?: string; by?: string; config?: string }) =>
      setExitCode(await modelCommands().setThreat(target, id, status, options, process.stdout)),
    );
  threats
    .command('export')
    .description('write the threat model for another tool: an OWASP Threat Dragon v2 model')
    .argument(...spec)
    .addOption(new Option('--format <format>', 'export format').choices(['threat-dragon']).makeOptionMandatory())
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .addOption(config())
    .action(async (target: string, options: { format: 'threat-dragon'; output?: string; config?: string }) => setExitCode(await modelCommands().exportThreats(target, options, process.stdout)));
}
