import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as ElectronModule from 'electron';
import { loadDemoIfFirstStart } from '../handlers/core-handlers';
import { openSession, type Session } from '../handlers/session';
import { defaultDatabasePath } from '../services/paths';
import { registerApi } from './ipc';
import { createSaveFile } from './save-file';
import { lockDownContents, lockDownSession, secureWebPreferences } from './security';

type Electron = typeof ElectronModule;

/** The app's start-up, with electron passed in so a test can drive it with a stand-in. */
export async function startApp(electron: Electron, options: { rendererUrl?: string; databasePath?: string } = {}) {
  const { app, BrowserWindow, ipcMain, dialog } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  let mainWindow: ElectronModule.BrowserWindow | null = null;
  app.on('second-instance', () => {
    // A second start on the same database focuses the window that is already open.
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  await app.whenReady();
  const rendererUrl =
    options.rendererUrl ?? process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(path.join(__dirname, '..', 'renderer', 'index.html')).toString();

  let session: Session;
  const databasePath = options.databasePath ?? defaultDatabasePath();
  try {
    session = openSession(databasePath);
    loadDemoIfFirstStart(session);
  } catch (error) {
    dialog.showErrorBox('Indsatsmonitor kunne ikke starte', `Databasen ${databasePath} kunne ikke åbnes:\n${(error as Error).message}`);
    app.quit();
    return null;
  }

  // Exports are saved through the main process's save dialog (see save-file.ts).
  session.saveFile = createSaveFile(dialog, () => mainWindow, () => app.getPath('documents'));
  lockDownSession(electron.session.defaultSession);
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
