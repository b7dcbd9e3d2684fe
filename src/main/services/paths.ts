import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { storeWords } from '../../shared/store-words-da';

const appFolderName = 'indsatsmonitor';

/**
 * The folder Electron calls `userData` for this app, computed without Electron so the CLI
 * and the app open the same database by default.
 */
function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.INDSATSMONITOR_DATA_DIR) return env.INDSATSMONITOR_DATA_DIR;
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), appFolderName);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', appFolderName);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), appFolderName);
}

export function defaultDatabasePath(): string {
  return path.join(defaultDataDir(), 'indsatsmonitor.db');
}

let cachedResourcesDir: string | null = null;

/** `resources/` of the checkout: found by walking up, so it works from src (tsx, vitest) and out (built). */
function resourcesDir(): string {
  if (cachedResourcesDir) return cachedResourcesDir;
  const starts = [__dirname, process.cwd()];
  for (const start of starts) {
    let dir = start;
    for (let depth = 0; depth < 6; depth++) {
      const candidate = path.join(dir, 'resources');
      if (fs.existsSync(path.join(candidate, 'kommuner.csv'))) {
        cachedResourcesDir = candidate;
        return candidate;
      }
      dir = path.dirname(dir);
    }
  }
  throw new Error(storeWords.noResources);
}

export function resourcePath(name: string): string {
  return path.join(resourcesDir(), name);
}
