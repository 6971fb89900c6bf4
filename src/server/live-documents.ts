import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver/node';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { DocumentLinter, TextChange } from '../core/rules/document-linter';
import type { RulesEngine, RuleSettings } from '../core/rules/engine';
import type { FileResult, Finding } from '../core/rules/finding';
import { EDITOR_LANGUAGE_IDS, type LanguageId } from '../core/rules/languages';
import type { ServerSettings } from '../protocol/settings';
import { oversizeDiagnostic, toDiagnostic } from './diagnostics';
import type { Project } from './projects';
import { visibleFindings } from './visible-findings';

/** Quiet time after the last edit before a full reparse replaces the incremental tree. */
export const SETTLE_DELAY_MS = 400;

/** One open document: its current text, and where the linter stands with it. */
export interface LiveDocument {
  readonly uri: string;
  readonly path: string;
  readonly language: LanguageId;
  /** The workspace folder it belongs to; changes when folders are added or removed. */
  project: Project | undefined;
  document: TextDocument;
  /** The findings last published (unsuppressed), and the version of the text they describe. */
  published?: { readonly version: number; readonly findings: readonly Finding[] };
}

interface Session extends LiveDocument {
  /** Whether the linter holds this document (enabled, under the size limit, not failed). */
  inLinter: boolean;
  /** Changes the linter has not seen yet, in order. */
  pending: TextChange[];
  settleDue: boolean;
  relintDue: boolean;
  settleTimer: NodeJS.Timeout | undefined;
  running: boolean;
  /** A version the linter threw on: not retried until the text changes. */
  failedVersion: number | undefined;
  /** What was last published while the document is not checked (version and notice count), to publish it once. */
  shownUnchecked: string | undefined;
  closed: boolean;
}

export interface LiveDocumentsHost {
  readonly linter: DocumentLinter;
  readonly engine: RulesEngine;
  settings(): ServerSettings;
  projectFor(path: string): Project | undefined;
  /** Re-reads the project's config and baseline if they changed on disk (a watcher may have missed it). */
  refresh(project: Project): Promise<void>;
  /** Rule settings of documents outside every workspace folder: defaults plus the user's overrides. */
  looseSettings(): RuleSettings;
  publish(uri: string, version: number, diagnostics: Diagnostic[]): void;
  log(message: string): void;
}

/**
 * Drives the DocumentLinter from LSP document events. Edits queue up while a lint runs and go to
 * the linter together, so a newer version supersedes the lint of an older one (which is never
 * published); after a quiet spell the document is reparsed in full.
 */
export class LiveDocuments {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly host: LiveDocumentsHost) {}

  get(uri: string): LiveDocument | undefined {
    return this.sessions.get(uri);
  }

  all(): readonly LiveDocument[] {
    return [...this.sessions.values()];
  }

  open(uri: string, editorLanguage: string, version: number, text: string): void {
    const language = EDITOR_LANGUAGE_IDS[editorLanguage];
    if (!language) return;
    const path = pathOf(uri);
    const session: Session = {
      uri,
      path,
      language,
      project: this.host.projectFor(path),
      document: TextDocument.create(uri, editorLanguage, version, text),
      inLinter: false,
      pending: [],
      settleDue: false,
      relintDue: false,
      settleTimer: undefined,
      running: false,
      failedVersion: undefined,
      shownUnchecked: undefined,
      closed: false,
    };
    this.sessions.set(uri, session);
    void this.pump(session);
  }

  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): void {
    const session = this.sessions.get(uri);
    if (!session) return;
    const before = session.document;
    session.document = TextDocument.update(before, [...changes], version);
    if (session.inLinter) {
      for (const change of changes) {
        if ('range' in change) {
          session.pending.push({ range: { start: { line: change.range.start.line, column: change.range.start.character }, end: { line: change.range.end.line, column: change.range.end.character } }, text: change.text });
        } else {
          // A full-text change: replace everything the linter holds.
          const end = before.positionAt(Number.MAX_SAFE_INTEGER);
          session.pending.push({ range: { start: { line: 0, column: 0 }, end: { line: end.line, column: end.character } }, text: change.text });
        }
      }
    }
    if (this.host.settings().run === 'onSave') return;
    this.scheduleSettle(session);
    void this.pump(session);
  }

  saved(uri: string): void {
    const session = this.sessions.get(uri);
    if (session && this.host.settings().run === 'onSave') void this.pump(session);
  }

  close(uri: string): void {
    const session = this.sessions.get(uri);
    if (!session) return;
    session.closed = true;
    clearTimeout(session.settleTimer);
    this.sessions.delete(uri);
    if (session.inLinter) this.host.linter.close(uri);
    this.host.publish(uri, session.document.version, []);
  }

  /** Lints every open document again (config, baseline or settings changed). */
  relintAll(filter: (document: LiveDocument) => boolean = () => true): void {
    for (const session of this.sessions.values()) {
      if (!filter(session)) continue;
      session.relintDue = true;
      void this.pump(session);
    }
  }

  /** Moves documents to the project that now holds them (workspace folders changed) and lints them again. */
  rebind(): void {
    for (const session of this.sessions.values()) {
      const project = this.host.projectFor(session.path);
      if (project === session.project) continue;
      session.project = project;
      session.relintDue = true;
      void this.pump(session);
    }
  }

  /** The document when its published findings describe its current text (their offsets fit it), else undefined. */
  current(uri: string): LiveDocument | undefined {
    const session = this.sessions.get(uri);
    return session && session.published?.version === session.document.version ? session : undefined;
  }

  dispose(): void {
    for (const session of this.sessions.values()) clearTimeout(session.settleTimer);
    this.sessions.clear();
  }

  private scheduleSettle(session: Session): void {
    clearTimeout(session.settleTimer);
    session.settleTimer = setTimeout(() => {
      session.settleDue = true;
      void this.pump(session);
    }, SETTLE_DELAY_MS);
  }

  /** Runs the linter until it has caught up with the document; only one run per document at a time. */
  private async pump(session: Session): Promise<void> {
    if (session.running) return;
    session.running = true;
    try {
      for (;;) {
        if (session.closed) return;
        const settings = this.host.settings();
        const ruleSettings = session.project?.settings() ?? this.host.looseSettings();
        let version = session.document.version;
        const limitKb = settings.maxFileSizeKb;
        const sizeKb = Math.ceil(session.document.getText().length / 1024);
        const wanted = settings.enable && sizeKb <= limitKb && session.failedVersion !== version && !session.project?.leavesOut(session.path);
        let run: Promise<FileResult> | undefined;
        if (!wanted) {
          if (session.inLinter) this.host.linter.close(session.uri);
          session.inLinter = false;
          session.pending = [];
          session.settleDue = session.relintDue = false;
          const diagnostics = settings.enable && sizeKb > limitKb ? [oversizeDiagnostic(sizeKb, limitKb)] : [];
          const shown = `${version}:${diagnostics.length}`;
          if (session.shownUnchecked === shown) return;
          session.shownUnchecked = shown;
          session.published = { version, findings: [] };
          this.host.publish(session.uri, version, diagnostics);
          return;
        }
        session.shownUnchecked = undefined;
        if (!session.inLinter) {
          session.inLinter = true;
          session.pending = [];
          session.settleDue = session.relintDue = false;
          if (session.project) await this.host.refresh(session.project);
          // The refresh may have brought a new config, and asked for a relint: the open below takes the settings after it.
          session.relintDue = false;
          const fresh = session.project?.settings() ?? this.host.looseSettings();
          await this.host.engine.prepare(session.language, fresh);
          if (session.closed) return;
          // Edits that came during the awaits are in the text opened now, not to be applied again.
          session.pending = [];
          version = session.document.version;
          run = this.host.linter.open(session.uri, session.path, session.language, session.document.getText(), fresh);
        } else if (session.pending.length > 0) {
          const changes = session.pending;
          session.pending = [];
          session.relintDue = false;
          run = this.host.linter.change(session.uri, changes, ruleSettings);
        } else if (session.settleDue) {
          session.settleDue = session.relintDue = false;
          run = this.host.linter.settle(session.uri, ruleSettings);
        } else if (session.relintDue) {
          session.relintDue = false;
          run = this.host.linter.relint(session.uri, ruleSettings);
        } else if (session.published?.version !== version) {
          run = this.host.linter.relint(session.uri, ruleSettings);
        } else {
          return;
        }
        let result: FileResult;
        try {
          result = await run;
        } catch (error) {
          this.host.log(`error: linting ${session.path} failed (${error instanceof Error ? (error.stack ?? error.message) : String(error)}); the file is checked again after its next edit`);
          if (!session.closed) this.host.linter.close(session.uri);
          session.inLinter = false;
          session.failedVersion = version;
          continue;
        }
        if (session.closed) return;
        for (const notice of result.notices) {
          if (notice.kind === 'rule-crash') this.host.log(`rule crash: ${notice.ruleId ?? '(query)'} on ${session.path}: ${notice.message}`);
          else if (notice.kind === 'skipped') this.host.log(`${session.path}: ${notice.message}`);
        }
        // Newer edits arrived meanwhile: this result describes an old text, so it is dropped.
        if (session.pending.length > 0 || session.document.version !== version) continue;
        const findings = visibleFindings(session.project, session.path, result.findings);
        session.published = { version, findings };
        this.host.publish(session.uri, version, findings.map((finding) => toDiagnostic(finding, session.uri)));
      }
    } finally {
      session.running = false;
    }
  }
}

function pathOf(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}
