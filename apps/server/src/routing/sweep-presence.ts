import type { Db } from '../db/index.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { listStalePresence } from './presence-repository.js';
import { setPresence } from './set-presence.js';

/** Agents whose last desk closed (or whose node died) more than `graceSeconds` ago become offline. */
export async function sweepPresence(
  db: Db,
  options: { graceSeconds: number; events: DeskEventPublisher; now?: Date },
): Promise<string[]> {
  const now = options.now ?? new Date();
  const staleBefore = new Date(now.getTime() - options.graceSeconds * 1000);
  const stale = await listStalePresence(db, staleBefore);
  for (const agentId of stale) {
    await setPresence(db, { agentId, presence: 'offline', actor: 'system', events: options.events, now, staleBefore });
  }
  return stale;
}
