import MarkdownIt from 'markdown-it';

// Raw HTML in a spec is shown as text, never parsed: nothing but markdown-it's own tags reaches the page.
// markdown-it's link check already refuses javascript:, vbscript:, file: and data: (except images) links.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** A section body as HTML: safe to insert, since the source's own HTML was escaped. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
