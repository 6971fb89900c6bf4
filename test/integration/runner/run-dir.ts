import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Settings that keep the workbench quiet and offline: no AI features, no update or gallery checks. */
const USER_SETTINGS = {
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.autoRepositoryDetection': false,
  'files.autoSave': 'off',
};

/** The folders one run owns: everything code-server, the extension host and Chromium write goes here. */
export interface RunDir {
  readonly root: string;
  readonly home: string;
  readonly tmp: string;
  readonly userData: string;
  readonly extensions: string;
  readonly browserProfile: string;
  /** A copy of the fixture workspace, so tests can edit files without touching the repository. */
  readonly workspace: string;
  /** HOME, XDG folders and TMPDIR pointing into this run. */
  readonly env: Record<string, string>;
  remove(): Promise<void>;
}

/**
 * Creates a fresh run folder under the system temp folder: its path stays short (code-server's
 * unix sockets live in TMPDIR and must stay under 108 characters) and has no `test` segment
 * (the rules spare files under test folders, and the copied workspace must be linted normally).
 */
export async function createRunDir(fixtureWorkspace: string): Promise<RunDir> {
  const root = await mkdtemp(join(tmpdir(), 'omni-vscode-'));
  const home = join(root, 'home');
  const dirs = {
    root,
    home,
    tmp: join(root, 'tmp'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    browserProfile: join(root, 'chromium'),
    workspace: join(root, 'workspace'),
  };
  await Promise.all([dirs.home, dirs.tmp, join(dirs.userData, 'User'), dirs.extensions].map((dir) => mkdir(dir, { recursive: true })));
  await writeFile(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2) + '\n');
  await cp(fixtureWorkspace, dirs.workspace, { recursive: true });
  return {
    ...dirs,
    env: {
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_DATA_HOME: join(home, '.local', 'share'),
      XDG_CACHE_HOME: join(home, '.cache'),
      TMPDIR: dirs.tmp,
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
