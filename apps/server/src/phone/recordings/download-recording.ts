import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { defineJob } from '../../platform/jobs/index.js';
import type { Storage } from '../../platform/storage/index.js';
import type { DeskEventPublisher } from '../../realtime/index.js';
import { findCall, findLine, findRecording, phoneSettingsOf, updateRecording } from '../phone-repository.js';
import type { VoiceAdapter } from '../voice-adapter.js';
import { wavDurationSeconds } from './wav-duration.js';

export type DownloadRecordingDeps = {
  db: Db;
  storage: Storage;
  events: DeskEventPublisher;
  adapters: { twilio: VoiceAdapter; cti: VoiceAdapter };
};

/**
 * Fetches a recording from the provider into Switchboard's storage: size and SHA-256 as stored,
 * the duration read from the audio when it is WAV, the expiry from the client's retention. Idempotent:
 * a stored recording is left alone, a retry after a partial attempt overwrites the same key.
 */
export function defineDownloadRecordingJob(deps: DownloadRecordingDeps) {
  return defineJob({
    name: 'phone.download-recording',
    payload: z.object({ clientId: z.uuid(), recordingId: z.uuid() }),
    retry: { limit: 8, delaySeconds: 10 },
    expireInSeconds: 300,
    queuePolicy: 'stately',
    async handler({ clientId, recordingId }, context) {
      const recording = await findRecording(deps.db, [clientId], recordingId);
      if (recording?.status !== 'pending') return;
      const call = await findCall(deps.db, [clientId], recording.callId);
      const line = call && (await findLine(deps.db, clientId, call.lineId));
      if (!call || !line) return;
      try {
        const response = await deps.adapters[line.provider].fetchRecording(line, recording.sourceUrl, context.signal);
        if (!response.ok || !response.body) throw new Error(`Provider answered ${response.status}`);
        const contentType = response.headers.get('content-type')?.split(';')[0]?.trim() || 'audio/wav';
        const key = `${clientId}/recordings/${recording.id}.${contentType === 'audio/mpeg' ? 'mp3' : 'wav'}`;
        const stored = await deps.storage.put(key, Readable.fromWeb(response.body as WebReadableStream<Uint8Array>));
        const measured = contentType.includes('wav') ? await wavDurationSeconds(deps.storage, key) : null;
        const settings = await phoneSettingsOf(deps.db, clientId);
        const storedAt = new Date();
        await updateRecording(deps.db, recording, {
          status: 'stored',
          storageKey: key,
          contentType,
          size: stored.size,
          sha256: stored.sha256,
          durationSeconds: measured ?? recording.durationSeconds,
          storedAt,
          attempts: recording.attempts + 1,
          lastError: null,
          expiresAt:
            settings.retentionDays === null ? null : new Date(storedAt.getTime() + settings.retentionDays * 86_400_000),
        });
        await deps.events.publish({
          type: 'call.updated',
          clientId,
          callId: call.id,
          conversationId: call.conversationId,
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const lastTry = context.retryCount >= 8;
        await updateRecording(deps.db, recording, {
          attempts: recording.attempts + 1,
          lastError: message.slice(0, 500),
          ...(lastTry && { status: 'failed' }),
        });
        if (!lastTry) throw error;
      }
    },
  });
}
