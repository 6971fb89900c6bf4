import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import type { RulesEngine, SourceFile } from '../core/rules/engine';
import { decodeSource } from '../node/source-text';
import { walk } from '../node/walk';
import { ScanProgressNotification, ScanWorkspaceRequest, StatusNotification } from '../protocol/messages';
import { toDiagnostic } from './diagnostics';
import type { LiveDocuments } from './live-documents';
import type { Project } from './projects';
import { visibleFindings } from './visible-findings';
import type { Workspace } from './workspace';

interface ScanContext {
  readonly engine: RulesEngine;
  readonly documents: LiveDocuments;
  readonly workspace: Workspace;
  log(message: string): void;
}

/** Files linted together: one folder of one project (a Go package shares facts across its files). */
interface Batch {
  readonly project: Project;
  readonly paths: string[];
}

/**
 * "Scan Workspace": walks every folder like `omni check` (its config's include, exclude, .gitignore
 * and size limit) and publishes diagnostics for the files that are not open; open files stay live.
 */
export function registerScan(connection: Connection, context: ScanContext): void {
  connection.onRequest(ScanWorkspaceRequest.method, async (raw: unknown, token) => {
    ScanWorkspaceRequest.params.parse(raw ?? {});
    const status = (state: 'scanning' | 'ready'): void => void connection.sendNotification(StatusNotification.method, StatusNotification.params.parse({ state }));
    status('scanning');
    try {
      const open = new Set(context.documents.all().map((document) => document.path));
      const batches = new Map<string, Batch>();
      let total = 0;
      let skipped = 0;
      for (const project of context.workspace.all()) {
        const { include, exclude, gitignore, maxFileSizeKb } = project.config;
        for (const event of walk([project.root], { root: project.root, include, exclude, gitignore, maxBytes: maxFileSizeKb * 1024 })) {
          if (event.kind === 'notice') {
            skipped++;
            continue;
          }
          if (open.has(event.path)) continue;
          const key = `${project.root}\u0000${dirname(event.path)}`;
          const batch = batches.get(key) ?? { project, paths: [] };
          batch.paths.push(event.path);
          batches.set(key, batch);
          total++;
        }
      }
      let done = 0;
      let findings = 0;
      const progress = (): void => void connection.sendNotification(ScanProgressNotification.method, ScanProgressNotification.params.parse({ done, total }));
      progress();
      for (const batch of batches.values()) {
        if (token.isCancellationRequested) break;
        const sources: SourceFile[] = [];
        for (const path of batch.paths) {
          const decoded = decodeSource(await readFile(path).catch(() => new Uint8Array([0])));
          if (decoded.kind === 'binary') skipped++;
          else sources.push({ path, text: decoded.text });
        }
        const results = await context.engine.lintBatch(sources, batch.project.settings());
        for (const result of results) {
          for (const notice of result.notices) if (notice.kind === 'rule-crash') context.log(`rule crash: ${notice.ruleId ?? '(query)'} on ${result.path}: ${notice.message}`);
          const uri = pathToFileURL(result.path).href;
          // The user opened it meanwhile: its live diagnostics win.
          if (context.documents.get(uri)) continue;
          const visible = visibleFindings(batch.project, result.path, result.findings);
          findings += visible.length;
          void connection.sendDiagnostics({ uri, diagnostics: visible.map((finding) => toDiagnostic(finding, uri)) });
        }
        done += batch.paths.length;
        progress();
      }
      return ScanWorkspaceRequest.result.parse({ files: done, findings, skipped, cancelled: token.isCancellationRequested });
    } finally {
      status('ready');
    }
  });
}
