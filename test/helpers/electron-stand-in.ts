import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * Electron's binary cannot be downloaded on the build machines, so the main-process wiring is
 * driven with a stand-in for the `electron` module that records what the shell asks of it.
 */
export function electronStandIn() {
  const handlers = new Map<string, (event: unknown, args: unknown) => unknown>();
  const windows: FakeWindow[] = [];
  const sessionHandlers: Record<string, unknown> = {};
  // trust-store (issue 14, item 12): the app:// protocol.
  const protocolHandlers = new Map<string, (request: { url: string }) => Response | Promise<Response>>();
  const order: string[] = [];

  class FakeContents extends EventEmitter {
    windowOpenHandler: ((details: unknown) => { action: string }) | null = null;
    sent: [string, unknown][] = [];
    setWindowOpenHandler(handler: (details: unknown) => { action: string }) {
      this.windowOpenHandler = handler;
    }
    isDestroyed() {
      return false;
    }
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
  }
  class FakeWindow extends EventEmitter {
    webContents = new FakeContents();
    loadedUrl: string | null = null;
    minimized = false;
    restore = vi.fn(() => {
      this.minimized = false;
    });
    focus = vi.fn();
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      super();
      windows.push(this);
    }
    async loadURL(url: string) {
      this.loadedUrl = url;
    }
    isMinimized() {
      return this.minimized;
    }
    show() {}
  }
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(async () => {
      order.push('ready');
    }),
    quit: vi.fn(),
    isPackaged: false,
    commandLine: { appendSwitch: vi.fn() },
  });
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, args: unknown) => unknown) => handlers.set(channel, handler),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn((_schemes: unknown) => {
        order.push('registerSchemesAsPrivileged');
      }),
      handle: vi.fn((scheme: string, handler: (request: { url: string }) => Response | Promise<Response>) => {
        protocolHandlers.set(scheme, handler);
      }),
    },
    dialog: {
      showErrorBox: vi.fn(),
      /** Answers with the first button unless a test says otherwise. */
      showMessageBox: vi.fn(async (_options: { buttons: string[] }) => ({ response: 0, checkboxChecked: false })),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: unknown) => (sessionHandlers.permissionRequest = handler),
        setPermissionCheckHandler: (handler: unknown) => (sessionHandlers.permissionCheck = handler),
        webRequest: {
          onHeadersReceived: (handler: unknown) => (sessionHandlers.headers = handler),
          onBeforeRequest: (handler: unknown) => (sessionHandlers.beforeRequest = handler),
        },
      },
    },
  };
  return { electron, handlers, windows, sessionHandlers, protocolHandlers, order };
}
