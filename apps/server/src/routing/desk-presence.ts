import type { Db } from '../db/index.js';
import type { DeskSocketWatcher } from '../realtime/index.js';
import { touchDesks } from './presence-repository.js';

/**
 * Counts each agent's open desk sockets in this process and tells the database, every `heartbeatMs`,
 * which agents still have one. The database, not this process, decides when an agent is gone
 * (sweepPresence), so several web nodes agree and a crashed node's agents go offline too.
 */
export function createDeskPresence(db: Db, options: { heartbeatMs?: number; onError?: (error: unknown) => void } = {}) {
  const sockets = new Map<string, number>();
  const report = (ids: string[]) => touchDesks(db, ids, new Date()).catch((error) => options.onError?.(error));
  const timer = setInterval(() => void report([...sockets.keys()]), options.heartbeatMs ?? 20_000);
  timer.unref();
  const watchSocket: DeskSocketWatcher = (agentId) => {
    sockets.set(agentId, (sockets.get(agentId) ?? 0) + 1);
    void report([agentId]);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      const left = (sockets.get(agentId) ?? 1) - 1;
      if (left > 0) sockets.set(agentId, left);
      else sockets.delete(agentId);
      // The last moment this desk was seen: the grace period counts from here.
      void report([agentId]);
    };
  };
  return { watchSocket, stop: () => clearInterval(timer) };
}
