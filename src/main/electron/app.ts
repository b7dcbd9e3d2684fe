import path from 'node:path';
import type * as ElectronModule from 'electron';
import { loadDemoIfFirstStart } from '../handlers/core-handlers';
import { openSession, type Session } from '../handlers/session';
import { CorruptDatabaseError } from '../services/database-errors';
import { defaultDatabasePath } from '../services/paths';
import { appRendererUrl, devRendererUrl, handleAppProtocol, registerAppScheme } from './app-protocol';
import { recoverCorruptDatabase } from './recovery-dialog';
import { registerApi } from './ipc';
import { createSaveFile } from './save-file';
import { lockDownContents, lockDownSession, secureWebPreferences } from './security';

type Electron = typeof ElectronModule;

/** The app's start-up, with electron passed in so a test can drive it with a stand-in. */
// fast-lane (issue 15): busyTimeoutMs goes to openSession (production default 5000 ms; tests of a held lock pass a short one).
export async function startApp(electron: Electron, options: { rendererUrl?: string; databasePath?: string; rendererDir?: string; busyTimeoutMs?: number } = {}) {
  const { app, BrowserWindow, ipcMain, dialog, protocol } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  // trust-store (issue 14, item 12): app:// must be registered before the app is ready.
  registerAppScheme(protocol);
  // danish-finish (issue 11): Chromium's own texts (date fields, "udfyld dette felt") in Danish,
  // whatever the language of the operating system; must be set before the app is ready.
  app.commandLine.appendSwitch('lang', 'da');
  let mainWindow: ElectronModule.BrowserWindow | null = null;
  app.on('second-instance', () => {
    // A second start on the same database focuses the window that is already open.
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  await app.whenReady();
  // The built renderer through app:// (never file://); the dev server only in development.
  const devUrl = devRendererUrl(app.isPackaged);
  const rendererUrl = options.rendererUrl ?? devUrl ?? appRendererUrl;
  handleAppProtocol(protocol, options.rendererDir ?? path.join(__dirname, '..', 'renderer'));

  let session: Session;
  const databasePath = options.databasePath ?? defaultDatabasePath();
  try {
    session = openSession(databasePath, { busyTimeoutMs: options.busyTimeoutMs });
    loadDemoIfFirstStart(session);
  } catch (error) {
    if (error instanceof CorruptDatabaseError) {
      // No demo data after a recovery: synthetic numbers must not look like the lost ones.
      const recovered = await recoverCorruptDatabase(dialog, error);
      if (!recovered) {
        app.quit();
        return null;
      }
      session = recovered;
    } else {
      dialog.showErrorBox('Indsatsmonitor kunne ikke starte', `Databasen ${databasePath} kunne ikke åbnes:\n${(error as Error).message}`);
      app.quit();
      return null;
    }
  }

  // trust-store (issue 14, item 2): the user is told, in Danish, when the store could only be opened read-only.
  if (session.readOnly) {
    void dialog.showMessageBox({ type: 'warning', title: 'Indsatsmonitor: skrivebeskyttet', message: 'Databasen er åbnet skrivebeskyttet.', detail: session.readOnly, buttons: ['OK'], noLink: true });
  }

  // Exports are saved through the main process's save dialog (see save-file.ts).
  session.saveFile = createSaveFile(dialog, () => mainWindow, () => app.getPath('documents'));
  lockDownSession(electron.session.defaultSession, { allowDevServer: devUrl !== null && rendererUrl === devUrl, allowFile: rendererUrl.startsWith('file:') });
  registerApi(ipcMain, session, rendererUrl, () => mainWindow?.webContents ?? null);

  mainWindow = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Indsatsmonitor',
    show: false,
    webPreferences: { ...secureWebPreferences, preload: path.join(__dirname, '..', 'preload', 'index.js') },
  });
  lockDownContents(mainWindow.webContents, rendererUrl);
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  await mainWindow.loadURL(rendererUrl);

  app.on('window-all-closed', () => {
    session.close();
    app.quit();
  });
  return { window: mainWindow, session };
}
