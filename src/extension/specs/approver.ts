import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';

/**
 * Who approves: the repository's git user (as in the commits that will carry the spec), else the OS
 * user. An untrusted repository's git config is not consulted: like VS Code's own Git, nothing runs
 * git there.
 */
export async function approverName(root: string, trusted: boolean): Promise<string> {
  if (!trusted) return userInfo().username;
  try {
    const { stdout } = await promisify(execFile)('git', ['config', 'user.name'], { cwd: root, timeout: 5_000 });
    if (stdout.trim() !== '') return stdout.trim();
  } catch {
    // No git, or no user.name configured: the OS account still says who.
  }
  return userInfo().username;
}
