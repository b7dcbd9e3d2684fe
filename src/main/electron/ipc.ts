import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { callChannel, callNames, eventChannel, type Envelope } from '../../shared/api';
import { dispatch } from '../handlers';
import type { Session } from '../handlers/session';
import { isAppUrl } from './security';

/**
 * Registers the whole handler table on ipcMain in one loop, and forwards pushed events to the
 * window. A call from any frame that is not our renderer is refused.
 */
export function registerApi(ipcMain: IpcMain, session: Session, rendererUrl: string, getTarget: () => WebContents | null): () => void {
  for (const name of callNames) {
    ipcMain.handle(callChannel(name), (event: IpcMainInvokeEvent, args: unknown): Promise<Envelope<unknown>> | Envelope<unknown> => {
      const senderUrl = event.senderFrame?.url ?? '';
      if (!isAppUrl(senderUrl, rendererUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'Kaldet kom ikke fra programmets eget vindue og blev afvist.' } };
      }
      return dispatch(session, name, args);
    });
  }
  const forward = (name: string, payload: unknown) => {
    const target = getTarget();
    if (target && !target.isDestroyed()) target.send(eventChannel(name), payload);
  };
  session.events.on('event', forward);
  return () => {
    for (const name of callNames) ipcMain.removeHandler(callChannel(name));
    session.events.off('event', forward);
  };
}
