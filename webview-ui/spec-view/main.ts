import '../shared/theme.css';
import './spec-view.css';
// Only the components this view uses, so the bundle carries no others.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { render } from 'lit';
import { SpecViewProtocol } from '../../src/protocol/webview/spec-view';
import { connect, HostRequestError } from '../shared/host-client';
import { specViewTemplate, type SpecViewActions, type SpecViewModel } from './spec-view-app';

const client = connect(SpecViewProtocol);
let model: SpecViewModel = {};

function set(patch: Partial<SpecViewModel>): void {
  model = { ...model, ...patch };
  render(specViewTemplate(model, actions), document.body);
}

/** Runs a request and shows its failure in the page, with the reasons a refusal carries. */
async function attempt<T>(busy: SpecViewModel['busy'], work: () => Promise<T>): Promise<T | undefined> {
  set({ busy, error: undefined, notice: undefined });
  try {
    return await work();
  } catch (error) {
    const reasons = error instanceof HostRequestError ? error.reasons : [];
    set({ error: { message: error instanceof Error ? error.message : String(error), reasons } });
    return undefined;
  } finally {
    set({ busy: undefined, progress: undefined });
  }
}

const actions: SpecViewActions = {
  reveal: (line) => void attempt(undefined, () => client.request('reveal', { line })),
  openLink: (href) => void attempt(undefined, () => client.request('openLink', { href })),
  compose: (target) => {
    set({ composing: target });
    document.querySelector<HTMLTextAreaElement>('.comment-form textarea')?.focus();
  },
  addComment: (anchor, body) =>
    void attempt('comment', async () => {
      const comment = await client.request('addComment', { anchor, body });
      set({ composing: undefined, notice: `Comment ${comment.id} added on ${comment.anchorLabel}` });
    }),
  resolve: (id) => void attempt(undefined, () => client.request('resolveComment', { id })),
  reopen: (id) => void attempt(undefined, () => client.request('reopenComment', { id })),
  remove: (id) => void attempt(undefined, () => client.request('deleteComment', { id })),
  refine: () =>
    void attempt('refine', async () => {
      const result = await client.request('refine', {});
      const score = result.overall === undefined ? '' : `, overall ${result.overall}`;
      set({ notice: `Refined: the Architect answered ${result.answered.join(', ')}; the spec is now ${result.phase}${score}.` });
    }),
  openReview: () => void attempt(undefined, () => client.request('openReview', {})),
  diff: (from, to) =>
    void attempt('diff', async () => {
      const result = await client.request('diff', { from, to });
      set({ diff: { from, to, result } });
    }),
  diffLayout: (layout) => set({ diffLayout: layout }),
  dismissError: () => set({ error: undefined }),
};

client.on('update', (update) => {
  client.setState({ specUri: update.kind === 'spec' ? update.spec.specUri : update.specUri });
  set({ update });
});
client.on('progress', (progress) => set({ progress: progress.message }));
set({});
