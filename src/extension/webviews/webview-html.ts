import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { webviewPage } from './webview-page';

/** Where the build puts panel bundles and the codicons they share (see esbuild.mjs). */
const WEBVIEW_DIR = ['dist', 'webview'] as const;

/** A panel's HTML: `dist/webview/<entry>.js` and `.css` under a nonce CSP, plus the codicons stylesheet. */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, entry: string, title: string): string {
  const asset = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...WEBVIEW_DIR, file)).toString();
  return webviewPage({
    cspSource: webview.cspSource,
    nonce: randomBytes(18).toString('base64'),
    scriptUri: asset(`${entry}.js`),
    styleUri: asset(`${entry}.css`),
    codiconUri: asset('codicon.css'),
    title,
  });
}

/** Scripts on, files only from the bundles and media, no command: links. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, ...WEBVIEW_DIR), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}
