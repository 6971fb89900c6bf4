/**
 * Runs in the page before the panel's script (page.addInitScript serializes this function, so it
 * must stay self-contained): VS Code's `acquireVsCodeApi`, its theme variables and body class,
 * and its default styles. Messages go to the test through bindings the harness exposes.
 */
export interface ShimOptions {
  readonly themeKind: string;
  readonly themeId: string;
  readonly variables: Readonly<Record<string, string>>;
  /** The variable the frame behind the page is painted with (editor or side bar background). */
  readonly background: string;
  /** State a restored panel starts with (what VS Code hands back after a restart). */
  readonly initialState: unknown;
}

interface HarnessBindings {
  __omniToHost(message: unknown): Promise<void>;
  __omniStateSaved(state: unknown): Promise<void>;
  __omniCspViolation(report: string): Promise<void>;
}

export function installVsCodeShim(options: ShimOptions): void {
  const bindings = window as unknown as HarnessBindings;
  // VS Code keeps a webview's state while the page reloads; sessionStorage lives as long as the tab.
  const stateKey = 'omni-webview-harness-state';
  const saved = sessionStorage.getItem(stateKey);
  let state: unknown = saved === null ? options.initialState : JSON.parse(saved);
  let acquired = false;
  const api = Object.freeze({
    postMessage(message: unknown): void {
      void bindings.__omniToHost(message);
    },
    getState(): unknown {
      return state;
    },
    setState<T>(next: T): T {
      state = next;
      sessionStorage.setItem(stateKey, JSON.stringify(next));
      void bindings.__omniStateSaved(next);
      return next;
    },
  });
  Object.defineProperty(window, 'acquireVsCodeApi', {
    value: () => {
      if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
      acquired = true;
      return api;
    },
  });

  document.addEventListener('securitypolicyviolation', (event) => {
    void bindings.__omniCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline code'} (${event.sourceFile}:${event.lineNumber})`);
  });

  // The workbench styles the page through the CSSOM, which the page's CSP does not govern.
  const defaults = new CSSStyleSheet();
  defaults.replaceSync(`
    html { background: var(${options.background}); scrollbar-color: var(--vscode-scrollbarSlider-background) transparent; }
    body { background-color: transparent; color: var(--vscode-editor-foreground); font-family: var(--vscode-font-family);
      font-weight: var(--vscode-font-weight); font-size: var(--vscode-font-size); margin: 0; padding: 0 20px; }
    img, video { max-width: 100%; max-height: 100%; }
    a, a code { color: var(--vscode-textLink-foreground); }
    code { font-family: var(--vscode-editor-font-family); color: var(--vscode-textPreformat-foreground); }
  `);
  const theme = (): boolean => {
    const root = document.documentElement;
    if (!root || !document.body) return false;
    for (const [name, value] of Object.entries(options.variables)) root.style.setProperty(name, value);
    document.adoptedStyleSheets = [defaults, ...document.adoptedStyleSheets];
    document.body.classList.add(options.themeKind);
    document.body.dataset.vscodeThemeKind = options.themeKind;
    document.body.dataset.vscodeThemeId = options.themeId;
    return true;
  };
  // The body must carry its theme before the panel's script runs, as in VS Code.
  const watcher = new MutationObserver(() => {
    if (theme()) watcher.disconnect();
  });
  watcher.observe(document, { childList: true, subtree: true });
}
