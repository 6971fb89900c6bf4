import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';

/** Who approves, when `--by` does not say: git's user.name in the project, else the login name. */
export async function defaultApprover(root: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const fromGit = await new Promise<string>((resolve) => {
    execFile('git', ['config', 'user.name'], { cwd: root }, (error, stdout) => resolve(error ? '' : stdout.trim()));
  });
  if (fromGit) return fromGit;
  const fromEnv = (env.USER ?? env.USERNAME ?? '').trim();
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username || undefined;
  } catch {
    // No passwd entry (a container's anonymous uid): the caller asks for --by.
    return undefined;
  }
}
