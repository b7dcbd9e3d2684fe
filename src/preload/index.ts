import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { callChannel, eventChannel } from '../shared/channels';

/**
 * The whole bridge between the sandboxed renderer and main: one generic invoke and one
 * subscribe. Names are checked and arguments validated on the main side.
 */
const bridge = {
  invoke: (name: string, args: unknown): Promise<unknown> => ipcRenderer.invoke(callChannel(name), args),
  on: (name: string, listener: (payload: unknown) => void): (() => void) => {
    const channel = eventChannel(name);
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => ipcRenderer.removeListener(channel, forward);
  },
};

export type PreloadBridge = typeof bridge;

contextBridge.exposeInMainWorld('indsatsmonitor', bridge);
