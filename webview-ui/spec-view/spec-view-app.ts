import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { ChecklistItemView, CommentAnchorView, CommentView, DiffView, RevisionRefView, SectionView, SpecSnapshot, SpecViewUpdate } from '../../src/protocol/webview/spec-view';
import { diffTable, refLabel, sideBySideTable } from './diff-table';
import { renderMarkdown } from './markdown';

/** Everything the page shows; the page is re-rendered from it after each change. */
export interface SpecViewModel {
  readonly update?: SpecViewUpdate;
  /** The section whose comment form is open (its title), or `#spec` for a comment on the whole spec. */
  readonly composing?: string;
  readonly busy?: 'refine' | 'diff' | 'comment';
  readonly progress?: string;
  readonly notice?: string;
  readonly error?: { message: string; reasons: readonly string[] };
  readonly diff?: { from: RevisionRefView; to: RevisionRefView; result: DiffView };
  readonly diffLayout?: 'unified' | 'side-by-side';
}

/** What the page asks of the extension; each reports its own failure into the model. */
export interface SpecViewActions {
  reveal(line: number): void;
  openLink(href: string): void;
  compose(target: string | undefined): void;
  addComment(anchor: CommentAnchorView, body: string): void;
  resolve(id: string): void;
  reopen(id: string): void;
  remove(id: string): void;
  refine(): void;
  openReview(): void;
  diff(from: RevisionRefView, to: RevisionRefView): void;
  diffLayout(layout: 'unified' | 'side-by-side'): void;
  dismissError(): void;
}

const WHOLE_SPEC = '#spec';

export function specViewTemplate(model: SpecViewModel, actions: SpecViewActions): TemplateResult {
  const { update } = model;
  return html`
    <main aria-busy=${model.busy ? 'true' : 'false'}>
      ${banner(model, actions)}
      ${!update ? html`<p role="status">Loading the spec…</p>` : update.kind === 'error' ? parseFailure(update, actions) : spec(update.spec, model, actions)}
    </main>
  `;
}

function banner(model: SpecViewModel, actions: SpecViewActions): TemplateResult {
  return html`
    <div class="live" role="status" aria-live="polite">${model.progress ?? model.notice ?? nothing}</div>
    ${model.error
      ? html`<div class="error-banner" role="alert">
          <span class="codicon codicon-error" aria-hidden="true"></span>
          <div>
            <p>${model.error.message}</p>
            ${model.error.reasons.length ? html`<ul>${model.error.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>` : nothing}
          </div>
          <button class="icon" aria-label="Dismiss the error" @click=${actions.dismissError}><span class="codicon codicon-close" aria-hidden="true"></span></button>
        </div>`
      : nothing}
  `;
}

function parseFailure(update: Extract<SpecViewUpdate, { kind: 'error' }>, actions: SpecViewActions): TemplateResult {
  return html`
    <section class="parse-failure" aria-labelledby="failure-title">
      <h1 id="failure-title">${update.slug}: the spec cannot be shown</h1>
      <p>${update.message}</p>
      <ul>
        ${update.problems.map((problem) => html`<li>${problemLink(problem, actions)}</li>`)}
      </ul>
    </section>
  `;
}

function problemLink(problem: { line: number; message: string }, actions: SpecViewActions): TemplateResult {
  if (problem.line < 1) return html`<span>${problem.message}</span>`;
  return html`<button class="link" aria-label=${`Line ${problem.line}: ${problem.message}. Show in the editor`} @click=${() => actions.reveal(problem.line)}>line ${problem.line}: ${problem.message}</button>`;
}

function spec(snapshot: SpecSnapshot, model: SpecViewModel, actions: SpecViewActions): TemplateResult {
  const comments = snapshot.comments.ok ? snapshot.comments.items : [];
  const open = comments.filter((comment) => comment.status === 'open').length;
  const placed = new Set<string>();
  const sections = snapshot.sections.map((section) => {
    const mine = comments.filter((comment) => belongsTo(comment, section));
    for (const comment of mine) placed.add(comment.id);
    return { section, comments: mine };
  });
  const general = comments.filter((comment) => !placed.has(comment.id));
  const refineOff = open === 0 || model.busy === 'refine' || !snapshot.comments.ok;
  return html`
    <header class="spec-header">
      <h1>${snapshot.title}</h1>
      <p class="slug">.omni/specs/${snapshot.slug}/spec.md</p>
      ${summary(snapshot, actions)}
      <div class="toolbar" role="toolbar" aria-label="Spec actions">
        <vscode-button
          id="refine"
          ?disabled=${refineOff}
          aria-disabled=${String(refineOff)}
          aria-label=${`Refine: send ${open} open comment${open === 1 ? '' : 's'} to the Architect`}
          @click=${actions.refine}
          >${model.busy === 'refine' ? 'Refining…' : `Refine (${open})`}</vscode-button
        >
        <vscode-button secondary aria-label="Comment on the whole spec" @click=${() => actions.compose(WHOLE_SPEC)} ?disabled=${!snapshot.comments.ok} aria-disabled=${String(!snapshot.comments.ok)}
          >Comment</vscode-button
        >
      </div>
    </header>
    ${snapshot.summary ? html`<div class="markdown summary-text" @click=${(event: Event) => followLink(event, actions)}>${unsafeHTML(renderMarkdown(snapshot.summary))}</div>` : nothing}
    ${checklist(snapshot.checklist, actions)}
    <section class="comments-general" aria-labelledby="general-comments">
      <h2 id="general-comments">Comments</h2>
      ${snapshot.comments.ok
        ? nothing
        : html`<p class="error-text" role="alert">${snapshot.comments.message} Fix ${snapshot.comments.path} by hand: it is not overwritten while it is broken.</p>`}
      ${model.composing === WHOLE_SPEC ? commentForm([{ label: 'the whole spec', anchor: { kind: 'spec' } }], model, actions) : nothing}
      ${general.length ? commentList(general, actions) : snapshot.comments.ok ? html`<p class="muted">No comments on the spec as a whole. ${open ? `${open} open in the sections below.` : ''}</p>` : nothing}
    </section>
    ${sections.map(({ section, comments: mine }) => sectionView(section, mine, model, actions, snapshot.comments.ok))}
    ${revisions(snapshot, model, actions)}
  `;
}

function summary(snapshot: SpecSnapshot, actions: SpecViewActions): TemplateResult {
  const { frontmatter, approval, review } = snapshot;
  const approvalText =
    approval.kind === 'valid' ? `approved by ${approval.by} (${approval.at.slice(0, 10)})` : approval.kind === 'void' ? `void: ${approval.reason}` : 'not approved';
  return html`
    <dl class="frontmatter" aria-label="Spec summary">
      <div><dt>Status</dt><dd><vscode-badge>${frontmatter.status.replace(/_/g, ' ')}</vscode-badge></dd></div>
      <div><dt>Approval</dt><dd class=${`approval-${approval.kind}`}>${approvalText}</dd></div>
      <div><dt>Complexity</dt><dd>${frontmatter.complexity}</dd></div>
      <div><dt>Risk</dt><dd>${frontmatter.risk}</dd></div>
      <div><dt>Estimated files</dt><dd>${frontmatter.estimatedFiles}</dd></div>
      <div><dt>Test coverage</dt><dd>${frontmatter.estimatedTestCoverage}%</dd></div>
      <div><dt>Migration</dt><dd>${frontmatter.requiresMigration ? 'required' : 'none'}</dd></div>
      <div><dt>Breaking changes</dt><dd>${frontmatter.breakingChanges ? 'yes' : 'none'}</dd></div>
      <div>
        <dt>Design review</dt>
        <dd>
          ${review ? html`${review.overall}/10, ${review.decision}${review.stale ? html` <span class="stale">(stale: the spec changed since)</span>` : nothing}` : 'not reviewed'}
          ${review ? html`<button class="link" @click=${actions.openReview}>Open review</button>` : nothing}
        </dd>
      </div>
    </dl>
  `;
}

function checklist(report: SpecSnapshot['checklist'], actions: SpecViewActions): TemplateResult {
  const passed = report.items.filter((item) => item.passed).length;
  return html`
    <section class="checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title">Completeness: ${passed} of ${report.items.length} checks pass</h2>
      <ol>
        ${report.items.map((item) => checkItem(item, actions))}
      </ol>
    </section>
  `;
}

function checkItem(item: ChecklistItemView, actions: SpecViewActions): TemplateResult {
  return html`
    <li class=${item.passed ? 'passed' : 'failed'} data-check=${item.id}>
      <span class=${`codicon ${item.passed ? 'codicon-pass' : 'codicon-error'}`} aria-hidden="true"></span>
      <span>${item.title}<span class="visually-hidden">${item.passed ? ': passes' : ': fails'}</span></span>
      ${item.problems.length ? html`<ul class="problems">${item.problems.map((problem) => html`<li>${problemLink(problem, actions)}</li>`)}</ul>` : nothing}
    </li>
  `;
}

function belongsTo(comment: CommentView, section: SectionView): boolean {
  if (comment.anchor.kind === 'requirement') return section.requirementIds.includes(comment.anchor.id);
  if (comment.anchor.kind === 'section') return comment.anchor.section.toLowerCase() === section.title.toLowerCase() || comment.line === section.line;
  return false;
}

function sectionView(section: SectionView, comments: readonly CommentView[], model: SpecViewModel, actions: SpecViewActions, writable: boolean): TemplateResult {
  const id = `section-${section.line}`;
  const anchors: { label: string; anchor: CommentAnchorView }[] = [
    { label: `section ${section.title}`, anchor: { kind: 'section', section: section.title } },
    ...section.requirementIds.map((requirement) => ({ label: requirement, anchor: { kind: 'requirement', id: requirement } as const })),
  ];
  return html`
    <section class="spec-section" aria-labelledby=${id} data-section=${section.key ?? section.title}>
      <div class="section-heading">
        <h2 id=${id}>${section.title}</h2>
        <button class="link" aria-label=${`Show ${section.title} in the editor, line ${section.line}`} @click=${() => actions.reveal(section.line)}>line ${section.line}</button>
        <button class="icon" aria-label=${`Comment on ${section.title}`} ?disabled=${!writable} @click=${() => actions.compose(section.title)}><span class="codicon codicon-comment" aria-hidden="true"></span></button>
      </div>
      <div class="markdown" @click=${(event: Event) => followLink(event, actions)}>${section.body ? unsafeHTML(renderMarkdown(section.body)) : html`<p class="muted">(empty)</p>`}</div>
      ${model.composing === section.title ? commentForm(anchors, model, actions) : nothing}
      ${comments.length ? commentList(comments, actions) : nothing}
    </section>
  `;
}

function commentForm(anchors: readonly { label: string; anchor: CommentAnchorView }[], model: SpecViewModel, actions: SpecViewActions): TemplateResult {
  const submit = (event: Event): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const picked = Number((form.elements.namedItem('anchor') as HTMLSelectElement | null)?.value ?? 0);
    const body = (form.elements.namedItem('body') as HTMLTextAreaElement).value;
    const anchor = anchors[picked]?.anchor;
    if (anchor && body.trim()) actions.addComment(anchor, body);
  };
  const keys = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') actions.compose(undefined);
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) (event.currentTarget as HTMLFormElement).requestSubmit();
  };
  return html`
    <form class="comment-form" aria-label="New comment" @submit=${submit} @keydown=${keys}>
      ${anchors.length > 1
        ? html`<label>On <select name="anchor" aria-label="What the comment is about">${anchors.map((entry, index) => html`<option value=${index}>${entry.label}</option>`)}</select></label>`
        : html`<p class="muted">On ${anchors[0]?.label}</p>`}
      <textarea name="body" rows="3" required aria-label="Comment text" placeholder="What should the Architect change? (Ctrl+Enter adds it)"></textarea>
      <div class="form-actions">
        <button type="submit" class="primary" ?disabled=${model.busy === 'comment'}>Add comment</button>
        <button type="button" class="secondary" @click=${() => actions.compose(undefined)}>Cancel</button>
      </div>
    </form>
  `;
}

function commentList(comments: readonly CommentView[], actions: SpecViewActions): TemplateResult {
  return html`
    <ul class="comments" aria-label="Comments">
      ${comments.map(
        (comment) => html`
          <li class=${`comment ${comment.status}`} data-comment=${comment.id}>
            <div class="comment-meta">
              <strong>${comment.anchorLabel}</strong>
              <span>${comment.author}, ${comment.createdAt.slice(0, 16).replace('T', ' ')}</span>
              ${comment.source === 'request-changes' ? html`<vscode-badge>request changes</vscode-badge>` : nothing}
              ${comment.status === 'resolved' ? html`<span class="muted">resolved${comment.resolvedBy ? ` by ${comment.resolvedBy}` : ''}</span>` : nothing}
              ${comment.outdated ? html`<span class="outdated">written on an earlier version of the spec</span>` : nothing}
            </div>
            <p class="comment-body">${comment.body}</p>
            <div class="comment-actions">
              ${comment.line ? html`<button class="link" aria-label=${`Show ${comment.anchorLabel} in the editor`} @click=${() => actions.reveal(comment.line ?? 1)}>line ${comment.line}</button>` : nothing}
              ${comment.status === 'open'
                ? html`<button class="link" aria-label=${`Resolve comment ${comment.id}`} @click=${() => actions.resolve(comment.id)}>Resolve</button>`
                : html`<button class="link" aria-label=${`Reopen comment ${comment.id}`} @click=${() => actions.reopen(comment.id)}>Reopen</button>`}
              <button class="link" aria-label=${`Delete comment ${comment.id}`} @click=${() => actions.remove(comment.id)}>Delete</button>
            </div>
          </li>
        `,
      )}
    </ul>
  `;
}

function revisions(snapshot: SpecSnapshot, model: SpecViewModel, actions: SpecViewActions): TemplateResult {
  const refs: RevisionRefView[] = [...snapshot.revisions.map((revision) => revision.number), 'current'];
  const label = (ref: RevisionRefView): string => {
    if (ref === 'current') return 'spec.md now';
    const revision = snapshot.revisions.find((entry) => entry.number === ref);
    return `${ref}: ${revision?.label ?? 'revision'}${revision?.at ? ` (${revision.at.slice(0, 16).replace('T', ' ')})` : ''}`;
  };
  const from = model.diff?.from ?? snapshot.revisions.at(-1)?.number ?? 'current';
  const to = model.diff?.to ?? 'current';
  const compare = (event: Event): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string): RevisionRefView => {
      const raw = (form.elements.namedItem(name) as HTMLSelectElement).value;
      return raw === 'current' ? 'current' : Number(raw);
    };
    actions.diff(value('from'), value('to'));
  };
  return html`
    <section class="revisions" aria-labelledby="revisions-title">
      <h2 id="revisions-title">Revisions</h2>
      ${snapshot.revisions.length === 0
        ? html`<p class="muted">No revision written by an agent is kept for this spec yet.</p>`
        : html`
            <form class="diff-picker" aria-label="Compare two revisions" @submit=${compare}>
              <label>From <select name="from">${refs.map((ref) => html`<option value=${String(ref)} ?selected=${ref === from}>${label(ref)}</option>`)}</select></label>
              <label>To <select name="to">${refs.map((ref) => html`<option value=${String(ref)} ?selected=${ref === to}>${label(ref)}</option>`)}</select></label>
              <button type="submit" class="primary" ?disabled=${model.busy === 'diff'}>Compare</button>
              <div role="group" aria-label="Diff layout" class="layout">
                ${(['unified', 'side-by-side'] as const).map(
                  (layout) => html`<button type="button" class=${layout === (model.diffLayout ?? 'unified') ? 'primary' : 'secondary'} aria-pressed=${String(layout === (model.diffLayout ?? 'unified'))} @click=${() => actions.diffLayout(layout)}>${layout === 'unified' ? 'Unified' : 'Side by side'}</button>`,
                )}
              </div>
            </form>
            ${model.diff
              ? (model.diffLayout ?? 'unified') === 'unified'
                ? diffTable(model.diff.result, model.diff.from, model.diff.to)
                : sideBySideTable(model.diff.result, model.diff.from, model.diff.to)
              : html`<p class="muted">Pick two revisions to see what changed between them (${refLabel(from)} to ${refLabel(to)} by default).</p>`}
          `}
    </section>
  `;
}

/** Links in the rendered spec never navigate the webview: the extension opens them. */
function followLink(event: Event, actions: SpecViewActions): void {
  const target = event.target instanceof Element ? event.target.closest('a') : null;
  if (!target) return;
  event.preventDefault();
  const href = target.getAttribute('href');
  if (href) actions.openLink(href);
}
