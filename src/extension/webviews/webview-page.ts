/**
 * The HTML document of a panel, without `vscode`: the extension fills it with webview URIs, the
 * browser test harness with its own origin, so both load the bundle under the same CSP.
 */
export interface WebviewPageParts {
  /** `webview.cspSource`: the origin the panel's files are served from. */
  readonly cspSource: string;
  /** Fresh per render; only scripts carrying it run. */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** vscode-elements' icons look the stylesheet up by the id `vscode-codicon-stylesheet`. */
  readonly codiconUri: string;
  readonly title: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function webviewPage(parts: WebviewPageParts): string {
  const { nonce } = parts;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(parts.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${escapeHtml(parts.codiconUri)}" nonce="${nonce}">
<link rel="stylesheet" href="${escapeHtml(parts.styleUri)}" nonce="${nonce}">
<title>${escapeHtml(parts.title)}</title>
</head>
<body>
<script src="${escapeHtml(parts.scriptUri)}" nonce="${nonce}"></script>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
