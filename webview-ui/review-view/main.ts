import '../shared/theme.css';
import './review-view.css';
import { render } from 'lit';
import { ReviewViewProtocol } from '../../src/protocol/webview/review-view';
import { connect, HostRequestError } from '../shared/host-client';
import { reviewViewTemplate, type ReviewViewActions, type ReviewViewModel } from './review-view-app';

const client = connect(ReviewViewProtocol);
let model: ReviewViewModel = {};

function set(patch: Partial<ReviewViewModel>): void {
  model = { ...model, ...patch };
  render(reviewViewTemplate(model, actions), document.body);
}

async function attempt(work: () => Promise<unknown>): Promise<void> {
  set({ error: undefined });
  try {
    await work();
  } catch (error) {
    set({ error: { message: error instanceof Error ? error.message : String(error), reasons: error instanceof HostRequestError ? error.reasons : [] } });
  }
}

const actions: ReviewViewActions = {
  reveal: (line) => void attempt(() => client.request('reveal', { line })),
  openSpecView: () => void attempt(() => client.request('openSpecView', {})),
  showRound: (round) => set({ round }),
  dismissError: () => set({ error: undefined }),
};

client.on('update', (update) => {
  client.setState({ specUri: update.kind === 'review' ? update.review.specUri : update.specUri });
  // A new round arriving shows the latest again.
  set({ update, round: undefined });
});
set({});
