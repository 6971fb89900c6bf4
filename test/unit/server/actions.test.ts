import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeActionKind, ExecuteCommandRequest, type CodeAction, type Diagnostic, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { SuppressionEditRequest } from '../../../src/protocol/messages';
import { project } from '../../support/cli';
import { LspSession } from './lsp-session';

const BARE = 'def run():\n    try:\n        work()\n    except:\n        log()\n';
const hasBare = (list: readonly Diagnostic[]): boolean => list.some((d) => d.code === 'py/bare-except');

describe('language server: code actions and hover', () => {
  let session: LspSession;
  let root: string;

  beforeAll(async () => {
    root = await project({});
    session = await LspSession.start(root);
  });
  afterAll(() => session.stop());

  async function openBare(name: string): Promise<{ uri: string; diagnostic: Diagnostic; actions: CodeAction[] }> {
    const uri = await session.open(name, 'python', BARE);
    const diagnostic = (await session.diagnostics(uri, hasBare)).find((d) => d.code === 'py/bare-except');
    if (!diagnostic) throw new Error('no finding');
    return { uri, diagnostic, actions: await session.codeActions(uri, [diagnostic]) };
  }

  it('offers the fix (preferred), suppressions, baseline and documentation for a finding', async () => {
    const { actions } = await openBare('offers.py');
    expect(actions.map((action) => [action.title, action.kind, action.isPreferred ?? false, action.command?.command])).toEqual([
      ['Catch `Exception` instead', CodeActionKind.QuickFix, true, undefined],
      ['Suppress py/bare-except on this line...', CodeActionKind.QuickFix, false, 'omni.suppress'],
      ['Suppress py/bare-except in this file...', CodeActionKind.QuickFix, false, 'omni.suppress'],
      ['Add this py/bare-except finding to the baseline', CodeActionKind.QuickFix, false, 'omni.server.addToBaseline'],
      ['Show documentation for py/bare-except', CodeActionKind.QuickFix, false, 'omni.showRuleDocumentation'],
    ]);
  });

  it("applies the rule's fix and the finding goes away", async () => {
    const { uri, actions } = await openBare('fix.py');
    const edits = actions[0]?.edit?.changes?.[uri] ?? [];
    await session.applyEdits(uri, edits);
    expect(session.text(uri)).toContain('    except Exception:\n');
    expect(hasBare(await session.diagnostics(uri, (list) => !hasBare(list)))).toBe(false);
  });

  it('suppresses on the line before, indented, in Python comment syntax, with the reason', async () => {
    const { uri, actions } = await openBare('line.py');
    const args = actions.find((action) => action.title.includes('on this line'))?.command?.arguments?.[0] as object;
    const { edits } = SuppressionEditRequest.result.parse(await session.connection.sendRequest(SuppressionEditRequest.method, { ...args, reason: 'the plugin API raises anything' }));
    await session.applyEdits(uri, edits);
    expect(session.text(uri)).toContain('        work()\n    # omni-ignore py/bare-except: the plugin API raises anything\n    except:\n');
    expect(await session.diagnostics(uri, (list) => !hasBare(list))).toEqual([]);
  });

  it('suppresses in the whole file in TypeScript comment syntax', async () => {
    const text = 'export function f(): void {\n  try {\n    g();\n  } catch (e) {}\n}\n';
    const uri = await session.open('file.ts', 'typescript', text);
    const diagnostic = (await session.diagnostics(uri, (list) => list.length > 0))[0];
    if (!diagnostic) throw new Error('no finding');
    const actions = await session.codeActions(uri, [diagnostic]);
    const args = actions.find((action) => action.title.includes('in this file'))?.command?.arguments?.[0] as object;
    const { edits } = SuppressionEditRequest.result.parse(await session.connection.sendRequest(SuppressionEditRequest.method, { ...args, reason: 'generated\ncode' }));
    await session.applyEdits(uri, edits);
    expect(session.text(uri).split('\n')[0]).toBe(`// omni-ignore-file ${String(diagnostic.code)}: generated code`);
    await session.diagnostics(uri, (list) => !list.some((d) => d.code === diagnostic.code));
  });

  it('adds a finding to .omni/baseline.json, and editing the baseline brings it back', async () => {
    const { uri, actions } = await openBare('baselined.py');
    const command = actions.find((action) => action.command?.command === 'omni.server.addToBaseline')?.command;
    if (!command) throw new Error('no baseline action');
    const cleared = session.diagnostics(uri, (list) => !hasBare(list));
    await session.connection.sendRequest(ExecuteCommandRequest.type, { command: command.command, arguments: command.arguments ?? [] });
    await cleared;
    const baseline = JSON.parse(await readFile(join(root, '.omni', 'baseline.json'), 'utf8')) as { findings: { ruleId: string; path: string; line: number }[] };
    expect(baseline.findings).toMatchObject([{ ruleId: 'py/bare-except', path: 'baselined.py', line: 4 }]);

    await writeFile(join(root, '.omni', 'baseline.json'), JSON.stringify({ version: 1, findings: [] }));
    const back = session.nextDiagnostics(uri, hasBare);
    await session.watchedFileChanged('.omni/baseline.json');
    expect(hasBare(await back)).toBe(true);
  });

  it('keeps both entries when two findings are added to the baseline at once', async () => {
    await writeFile(join(root, '.omni', 'baseline.json'), JSON.stringify({ version: 1, findings: [] }));
    await session.watchedFileChanged('.omni/baseline.json');
    const commands = await Promise.all(
      ['first.py', 'second.py'].map(async (name) => (await openBare(name)).actions.find((action) => action.command?.command === 'omni.server.addToBaseline')?.command),
    );
    await Promise.all(commands.map((command) => session.connection.sendRequest(ExecuteCommandRequest.type, { command: command?.command ?? '', arguments: command?.arguments ?? [] })));
    const baseline = JSON.parse(await readFile(join(root, '.omni', 'baseline.json'), 'utf8')) as { findings: { path: string }[] };
    expect(baseline.findings.map((entry) => entry.path)).toEqual(['first.py', 'second.py']);
    await writeFile(join(root, '.omni', 'baseline.json'), JSON.stringify({ version: 1, findings: [] }));
    await session.watchedFileChanged('.omni/baseline.json');
  });

  it('refuses to add to a baseline that does not parse, and leaves it as it was', async () => {
    const broken = '{ "version": 1, "findings": [ oops';
    await writeFile(join(root, '.omni', 'baseline.json'), broken);
    const { actions } = await openBare('refused.py');
    const command = actions.find((action) => action.command?.command === 'omni.server.addToBaseline')?.command;
    await session.connection.sendRequest(ExecuteCommandRequest.type, { command: command?.command ?? '', arguments: command?.arguments ?? [] });
    expect(session.messages.at(-1)).toMatch(/could not add to the baseline: .*baseline\.json: invalid JSON/);
    expect(await readFile(join(root, '.omni', 'baseline.json'), 'utf8')).toBe(broken);
    await writeFile(join(root, '.omni', 'baseline.json'), JSON.stringify({ version: 1, findings: [] }));
  });

  it('offers source.fixAll.omni with every safe fix, only when asked for that kind', async () => {
    const text = 'x = 1  # omni-ignore py/bare-except: nothing here\n';
    const uri = await session.open('fixall.py', 'python', text);
    await session.diagnostics(uri, (list) => list.length > 0);
    expect(await session.codeActions(uri, [])).toEqual([]);
    const [fixAll, ...rest] = await session.codeActions(uri, [], ['source.fixAll']);
    expect(rest).toEqual([]);
    expect(fixAll?.kind).toBe('source.fixAll.omni');
    await session.applyEdits(uri, fixAll?.edit?.changes?.[uri] ?? []);
    expect(session.text(uri)).toBe('x = 1\n');
    expect(await session.diagnostics(uri, (list) => list.length === 0)).toEqual([]);
  });

  it('source.fixAll.omni leaves a finding the baseline accepted alone', async () => {
    const eager = (list: readonly Diagnostic[]): Diagnostic[] => list.filter((d) => d.code === 'py/logging-eager-format');
    const call = '    logger.info("got %s" % (n,))';
    const text = `import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef a(n):\n${call}\n\n\ndef b(n):\n${call}\n`;
    const uri = await session.open('fixall-baselined.py', 'python', text);
    const first = eager(await session.diagnostics(uri, (list) => eager(list).length === 2)).find((d) => d.range.start.line === 6);
    if (!first) throw new Error('no finding on line 7');
    const command = (await session.codeActions(uri, [first])).find((action) => action.command?.command === 'omni.server.addToBaseline')?.command;
    if (!command) throw new Error('no baseline action');
    const accepted = session.diagnostics(uri, (list) => eager(list).length === 1);
    await session.connection.sendRequest(ExecuteCommandRequest.type, { command: command.command, arguments: command.arguments ?? [] });
    await accepted;

    const [fixAll] = await session.codeActions(uri, [], ['source.fixAll']);
    await session.applyEdits(uri, fixAll?.edit?.changes?.[uri] ?? []);
    const lines = session.text(uri).split('\n');
    expect([lines[6], lines[10]]).toEqual([call, '    logger.info("got %s", n)']);

    await writeFile(join(root, '.omni', 'baseline.json'), JSON.stringify({ version: 1, findings: [] }));
    await session.watchedFileChanged('.omni/baseline.json');
  });

  it("hovers a finding with the rule's rationale and examples", async () => {
    const { uri } = await openBare('hover.py');
    const hover = (await session.hover(uri, 3, 6)) as { contents: MarkupContent } | null;
    expect(hover?.contents.value).toContain('**py/bare-except**: Bare except');
    expect(hover?.contents.value).toContain('catches BaseException');
    expect(hover?.contents.value).toContain('#### Flagged (python)');
    expect(hover?.contents.value).toContain('#### Fine (python)');
    expect(await session.hover(uri, 0, 0)).toBeNull();
  });
});
