import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { defineJob } from '../../platform/jobs/index.js';
import type { Storage } from '../../platform/storage/index.js';
import { listExpiredRecordings, pruneWebhookReceipts, updateRecording } from '../phone-repository.js';

/** Deletes a client's recordings past their retention: the audio goes, the row stays marked `deleted`. */
export async function expireRecordings(deps: { db: Db; storage: Storage }, clientId: string, now = new Date()) {
  const expired = await listExpiredRecordings(deps.db, clientId, now);
  for (const recording of expired) {
    if (recording.storageKey) await deps.storage.delete(recording.storageKey);
    await updateRecording(deps.db, recording, { status: 'deleted', storageKey: null });
  }
  // Replay protection only needs to remember signatures for as long as a provider would retry.
  await pruneWebhookReceipts(deps.db, clientId, new Date(now.getTime() - 7 * 86_400_000));
  return expired.length;
}

export function defineExpireRecordingsJob(deps: { db: Db; storage: Storage }) {
  return defineJob({
    name: 'phone.expire-recordings',
    payload: z.object({ clientId: z.uuid() }),
    queuePolicy: 'stately',
    async handler({ clientId }) {
      await expireRecordings(deps, clientId);
    },
  });
}
