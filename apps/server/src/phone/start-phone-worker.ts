import type { Database } from '../db/index.js';
import type { JobRunner } from '../platform/jobs/index.js';
import type { Storage } from '../platform/storage/index.js';
import type { PhoneDeps } from './phone-context.js';
import { listClientsWithRetention, listPendingRecordings, listQuietCalls } from './phone-repository.js';
import { defineDownloadRecordingJob } from './recordings/download-recording.js';
import { defineExpireRecordingsJob } from './recordings/expire-recordings.js';
import { recordingWorkChannel } from './recordings/recording-work.js';
import { defaultQuietSeconds, defineSweepCallJob } from './sweep-call.js';

export type PhoneWorkerOptions = {
  database: Database;
  runner: JobRunner;
  storage: Storage;
  deps: PhoneDeps;
  quietSeconds?: number;
  sweepEveryMs?: number;
  onError?: (error: unknown) => void;
};

/**
 * The phone's durable work: recordings are fetched as soon as their webhook commits (NOTIFY → job);
 * a periodic sweep re-sends what a lost wake-up left pending, sends quiet calls to the sweeper and
 * clients with a retention period to the expiry job. The rows are the truth; jobs only act on them.
 */
export async function startPhoneWorker(options: PhoneWorkerOptions) {
  const { database, runner, deps } = options;
  const download = defineDownloadRecordingJob({
    db: database.db,
    storage: options.storage,
    events: deps.events,
    adapters: deps.adapters,
  });
  const quietSeconds = options.quietSeconds ?? defaultQuietSeconds;
  const sweep = defineSweepCallJob(deps, quietSeconds);
  const expire = defineExpireRecordingsJob({ db: database.db, storage: options.storage });
  await runner.register(download);
  await runner.register(sweep);
  await runner.register(expire);
  const fail = (error: unknown) => options.onError?.(error);
  const fetchRecording = (clientId: string, recordingId: string) =>
    runner.send(download, { clientId, recordingId }, { singletonKey: recordingId }).catch(fail);
  const unlisten = await database.listen(recordingWorkChannel, (payload) => {
    const [clientId, recordingId] = payload.split('/');
    if (clientId && recordingId) void fetchRecording(clientId, recordingId);
  });
  const tick = async () => {
    const now = Date.now();
    for (const row of await listPendingRecordings(database.db, new Date(now - 30_000)))
      await fetchRecording(row.clientId, row.id);
    for (const row of await listQuietCalls(database.db, new Date(now - quietSeconds * 1000)))
      await runner.send(sweep, { clientId: row.clientId, callId: row.id }, { singletonKey: row.id }).catch(fail);
    for (const row of await listClientsWithRetention(database.db))
      await runner.send(expire, { clientId: row.clientId }, { singletonKey: row.clientId }).catch(fail);
  };
  const timer = setInterval(() => void tick().catch(fail), options.sweepEveryMs ?? 60_000);
  timer.unref();
  void tick().catch(fail);
  return {
    stop: async () => {
      clearInterval(timer);
      await unlisten();
    },
  };
}
