import * as vscode from 'vscode';

const SECRET_PREFIX = 'omni.apiKey.';

/** A provider's key from VS Code's secret storage (the OS keychain), never from settings. */
export function storedApiKey(secrets: vscode.SecretStorage, providerId: string): Promise<string | undefined> {
  return Promise.resolve(secrets.get(SECRET_PREFIX + providerId));
}

/** "Omni: Set API Key": stores (or, given an empty key, removes) the key of an OpenAI-compatible provider. */
export function registerSetApiKey(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand('omni.setApiKey', async (providerId?: string) => {
    const id =
      providerId ??
      (await vscode.window.showInputBox({
        title: 'Omni: Set API Key',
        prompt: 'Provider id, as declared under "providers" in .omni/config.json',
        placeHolder: 'lmstudio',
        validateInput: (value) => (/^[a-z0-9][a-z0-9-]*$/.test(value) ? undefined : 'Expected a lower-case provider id such as "lmstudio".'),
      }));
    if (!id) return;
    const key = await vscode.window.showInputBox({
      title: `Omni: API key for "${id}"`,
      prompt: "Kept in VS Code's secret storage, never in settings. Leave empty to remove the stored key.",
      password: true,
      ignoreFocusOut: true,
    });
    if (key === undefined) return;
    if (key.trim() === '') {
      await context.secrets.delete(SECRET_PREFIX + id);
      void vscode.window.showInformationMessage(`Omni: removed the API key for "${id}".`);
      return;
    }
    await context.secrets.store(SECRET_PREFIX + id, key.trim());
    void vscode.window.showInformationMessage(`Omni: stored the API key for "${id}".`);
  });
}
