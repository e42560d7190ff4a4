import type { Database } from '../db/index.js';
import type { JobRunner } from '../platform/jobs/index.js';
import type { Storage } from '../platform/storage/index.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { defineDeliverEmailJob } from './deliver-email.js';
import { listStaleDeliveries } from './email-repository.js';
import { outboxChannel } from './queue-email-delivery.js';

export type EmailWorkerOptions = {
  database: Database;
  /** Where the raw source of sent mail is kept, and files attached to outgoing messages are read from. */
  storage: Storage;
  runner: JobRunner;
  events: DeskEventPublisher;
  relayUrl?: string | undefined;
  retry?: { limit: number; delaySeconds: number };
  sweepEveryMs?: number;
  onError?: (error: unknown) => void;
};

/**
 * Sends what the outbox holds: each committed delivery's NOTIFY becomes a durable job at once; a
 * periodic sweep re-sends deliveries whose wake-up was lost (the process died between commit and send).
 */
export async function startEmailWorker(options: EmailWorkerOptions): Promise<{ stop: () => Promise<void> }> {
  const { database, runner } = options;
  const job = defineDeliverEmailJob({
    db: database.db,
    storage: options.storage,
    events: options.events,
    relayUrl: options.relayUrl,
    retry: options.retry,
  });
  await runner.register(job);
  const enqueue = (clientId: string, deliveryId: string) =>
    runner
      .send(job, { clientId, deliveryId }, { singletonKey: deliveryId })
      .catch((error: unknown) => options.onError?.(error));
  const unlisten = await database.listen(outboxChannel, (payload) => {
    const [clientId, deliveryId] = payload.split('/');
    if (clientId && deliveryId) void enqueue(clientId, deliveryId);
  });
  const sweep = async () => {
    const stale = await listStaleDeliveries(database.db, new Date(Date.now() - 30_000)).catch(() => []);
    for (const row of stale) await enqueue(row.clientId, row.id);
  };
  void sweep();
  const timer = setInterval(() => void sweep(), options.sweepEveryMs ?? 15_000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await unlisten();
    },
  };
}
