import { join } from 'node:path';
import * as vscode from 'vscode';
import { EDITOR_LANGUAGE_IDS } from '../core/rules/languages';
import { Commands, SuppressArgsSchema } from '../protocol/messages';
import { registerChat } from './chat/register-chat';
import { registerSetApiKey } from './llm/api-key';
import { registerSpecs } from './specs/register-specs';
import { registerSpecsPanel } from './webviews/specs-panel/register-specs-panel';
import { registerSpecViews } from './webviews/spec-view/register-spec-views';
import { registerThreatView } from './webviews/threat-view/register-threat-view';
import type { RulesClient } from './rules-client';

type Lazy = typeof import('./lazy');
let lazy: Lazy | undefined;
type Specs = typeof import('./specs/specs-bundle');
let specs: Specs | undefined;

/** The second bundle, next to this one; a computed path keeps esbuild from inlining it. */
function loadLazy(): Lazy {
  lazy ??= require(join(__dirname, 'extension-lazy.js')) as Lazy;
  return lazy;
}

/** The spec pipeline's bundle, likewise. */
function loadSpecs(): Specs {
  specs ??= require(join(__dirname, 'extension-specs.js')) as Specs;
  return specs;
}
import { readSettings, serverSettings } from './settings';
import { StatusBar } from './status-bar';

/** Languages whose first document starts the rules server (package.json's onLanguage events say the same). */
const SUPPORTED = new Set(Object.keys(EDITOR_LANGUAGE_IDS));

/** What the extension exposes: how long its own activate took, for the activation budget. */
export interface OmniApi {
  readonly activationMs: number;
}

/**
 * Kept fast on purpose: no language client, no rules and no engine here. The client bundle loads
 * with the first supported document; the engine lives in the server process.
 */
export function activate(context: vscode.ExtensionContext): OmniApi {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Omni', { log: true });
  const status = new StatusBar();
  context.subscriptions.push(
    output,
    status,
    registerSetApiKey(context),
    ...registerSpecs(context, output, loadSpecs),
    ...registerSpecsPanel(context, output, loadSpecs),
    ...registerSpecViews(context, output, loadSpecs),
    ...registerChat(context, output, loadSpecs),
    ...registerThreatView(context, output, loadSpecs),
  );

  let client: Promise<RulesClient> | undefined;
  const ensureClient = (): Promise<RulesClient> => {
    client ??= (async () => {
      // Past activate(): the client bundle is parsed after activation has returned to VS Code.
      await new Promise((resolve) => setImmediate(resolve));
      const { RulesClient } = loadLazy();
      const created = new RulesClient(context, output, serverSettings(readSettings().settings));
      created.onState((state) => status.setState(state));
      context.subscriptions.push(created);
      await created.start();
      return created;
    })();
    client.catch((error: unknown) => {
      output.error(`the rules server did not start: ${describe(error)}`);
      void vscode.window.showErrorMessage(`Omni: the rules server did not start: ${describe(error)}`);
    });
    return client;
  };
  const startWhenSupported = (document: vscode.TextDocument): void => {
    if (SUPPORTED.has(document.languageId) && readSettings().settings.enable) void ensureClient();
  };

  const reportSettingProblems = (): void => {
    const { problems } = readSettings();
    for (const problem of problems) output.warn(problem);
    if (problems.length > 0) void vscode.window.showWarningMessage(`Omni: invalid setting ${problems[0] ?? ''}`);
  };
  reportSettingProblems();

  context.subscriptions.push(
    vscode.commands.registerCommand('omni.showRuleDocumentation', async (ruleId?: unknown) => {
      await loadLazy().showRuleDocumentation(typeof ruleId === 'string' ? ruleId : undefined, context.subscriptions);
    }),
    vscode.commands.registerCommand('omni.showOutput', () => output.show()),
    vscode.commands.registerCommand('omni.restartServer', async () => {
      if (!client) return void ensureClient();
      await (await client).restart();
    }),
    vscode.commands.registerCommand('omni.scanWorkspace', async () => {
      const rules = await ensureClient();
      const outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Omni: scanning the workspace', cancellable: true },
        async (progress, token) => {
          let reported = 0;
          return rules.scan((done, total) => {
            const increment = total > 0 ? ((done - reported) / total) * 100 : 0;
            reported = done;
            progress.report({ message: `${done} of ${total} files`, increment });
          }, token);
        },
      );
      const summary = `${outcome.files} file(s) checked, ${outcome.findings} finding(s)${outcome.skipped ? `, ${outcome.skipped} skipped` : ''}`;
      output.info(`scan ${outcome.cancelled ? 'cancelled' : 'done'}: ${summary}`);
      if (!outcome.cancelled) await vscode.commands.executeCommand('workbench.actions.view.problems');
      void vscode.window.showInformationMessage(`Omni: ${outcome.cancelled ? 'scan cancelled after ' : ''}${summary}.`);
      return outcome;
    }),
    vscode.commands.registerCommand(Commands.suppress, async (raw: unknown, reasonGiven?: unknown) => {
      const args = SuppressArgsSchema.parse(raw);
      // A caller (another command, a test) may pass the reason; the user is asked otherwise.
      const reason =
        typeof reasonGiven === 'string' && reasonGiven.trim() !== ''
          ? reasonGiven
          : await vscode.window.showInputBox({
              title: `Suppress ${args.ruleId} ${args.scope === 'line' ? 'on this line' : 'in this file'}`,
              prompt: 'Why is this finding acceptable here? The reason is written into the comment.',
              placeHolder: 'the plugin API raises anything',
              validateInput: (value) => (value.trim() === '' ? 'A suppression needs a reason' : undefined),
            });
      if (reason === undefined) return false;
      const edit = await (await ensureClient()).suppressionEdit(args, reason);
      return vscode.workspace.applyEdit(edit);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('omni')) return;
      reportSettingProblems();
      const { settings } = readSettings();
      if (client) (await client).sendSettings(serverSettings(settings));
      else if (settings.enable) vscode.workspace.textDocuments.forEach(startWhenSupported);
    }),
    vscode.workspace.onDidOpenTextDocument(startWhenSupported),
  );
  vscode.workspace.textDocuments.forEach(startWhenSupported);

  const activationMs = performance.now() - started;
  output.info(`activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs };
}

export function deactivate(): void {}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
