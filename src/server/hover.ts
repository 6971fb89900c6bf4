import { MarkupKind, type Connection } from 'vscode-languageserver/node';
import { ruleSummary } from '../core/docs/rule-documentation';
import type { RulesEngine } from '../core/rules/engine';
import type { LiveDocuments } from './live-documents';

interface HoverContext {
  readonly engine: RulesEngine;
  readonly documents: LiveDocuments;
}

/** Hovering a finding shows its message, the rule's rationale and a flagged and a fine example. */
export function registerHover(connection: Connection, context: HoverContext): void {
  connection.onHover(({ textDocument, position }) => {
    const document = context.documents.current(textDocument.uri);
    if (!document?.published) return null;
    const offset = document.document.offsetAt(position);
    const sections = document.published.findings
      .filter((finding) => finding.startOffset <= offset && offset <= finding.endOffset)
      .flatMap((finding) => {
        const rule = context.engine.rules.get(finding.ruleId);
        return rule ? [`${finding.message}\n\n${ruleSummary(rule, finding.language)}`] : [];
      });
    if (sections.length === 0) return null;
    return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') } };
  });
}
