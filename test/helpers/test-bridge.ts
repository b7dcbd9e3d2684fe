import fs from 'node:fs';
import path from 'node:path';
import { startBridge, type Bridge, type BridgeOptions } from '../../src/main/bridge/server';
import type { Session } from '../../src/main/handlers/session';
import { tempSession } from './temp-store';

const running: (() => Promise<void>)[] = [];

/** A bridge on a fresh temp store, serving a one-line stand-in renderer; `stopTestBridges` ends them all. */
export async function startTestBridge(options: Pick<BridgeOptions, 'maxBodyBytes' | 'idleTimeoutMs' | 'maxConnections'> = {}): Promise<{ bridge: Bridge; session: Session; dir: string }> {
  const made = tempSession();
  const rendererDir = path.join(made.dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head></head><body>x</body></html>');
  const bridge = await startBridge({ session: made.session, rendererDir, ...options });
  running.push(async () => {
    await bridge.close();
    made.cleanup();
  });
  return { bridge, session: made.session, dir: made.dir };
}

export async function stopTestBridges(): Promise<void> {
  for (const stop of running.splice(0)) await stop();
}
