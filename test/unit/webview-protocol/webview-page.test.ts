import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, webviewPage } from '../../../src/extension/webviews/webview-page';

const parts = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'bm9uY2Ux',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/specs-panel.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/specs-panel.css',
  codiconUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/codicon.css',
  title: 'Specs <"draft">',
};

describe('the webview page', () => {
  it('allows scripts by nonce only, and styles, fonts and images from the extension’s files', () => {
    expect(contentSecurityPolicy(parts.cspSource, parts.nonce).split('; ')).toEqual([
      "default-src 'none'",
      "script-src 'nonce-bm9uY2Ux'",
      `style-src ${parts.cspSource} 'nonce-bm9uY2Ux'`,
      `font-src ${parts.cspSource}`,
      `img-src ${parts.cspSource} data:`,
      "base-uri 'none'",
      "form-action 'none'",
    ]);
  });

  it('loads the bundle with the nonce, the codicons under the id vscode-elements looks for, and escapes the title', () => {
    const html = webviewPage(parts);
    expect(html).toContain(`<script src="${parts.scriptUri}" nonce="bm9uY2Ux"></script>`);
    expect(html).toContain(`<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${parts.codiconUri}"`);
    expect(html).toContain(`<link rel="stylesheet" href="${parts.styleUri}"`);
    expect(html).toContain('<title>Specs &#60;&#34;draft&#34;&#62;</title>');
    expect(html).not.toMatch(/\son[a-z]+=/);
    expect(html.match(/<script/g)).toHaveLength(1);
  });
});
