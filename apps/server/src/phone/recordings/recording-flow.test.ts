import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../test/app.js';
import { queryRows } from '../../db/index.js';
import { createJobRunner, type JobRunner } from '../../platform/jobs/index.js';
import { makeWav, type PhoneKit, startPhoneKit, twilioSid } from '../phone-test-kit.js';
import { startPhoneWorker } from '../start-phone-worker.js';
import { expireRecordings } from './expire-recordings.js';

const quietLogger = { info: () => {}, warn: () => {}, error: () => {} };

describe('recordings: fetched by a durable job, stored, hashed, played back to whoever may hear them', () => {
  let k: PhoneKit;
  let runner: JobRunner;
  let worker: { stop: () => Promise<void> };
  const audio = makeWav(3);
  beforeAll(async () => {
    k = await startPhoneKit();
    runner = createJobRunner(k.database, { logger: quietLogger, pollingIntervalSeconds: 1 });
    await runner.start();
    worker = await startPhoneWorker({
      database: k.database,
      runner,
      storage: k.storage,
      deps: k.app.phone,
      sweepEveryMs: 60_000,
    });
  });
  afterAll(async () => {
    await worker.stop();
    await runner.stop();
    await k.stop();
  });

  const waitFor = async <T>(read: () => Promise<T | undefined>): Promise<T> => {
    for (let attempt = 0; attempt < 300; attempt++) {
      const value = await read();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('never happened');
  };

  it('downloads the provider recording into storage, then plays it with range support to the client only', async () => {
    const sid = twilioSid('CA');
    await k.twilioPost('voice', { CallSid: sid, From: '+15559990001', To: k.north.number, CallStatus: 'ringing' });
    const [call] = await queryRows<{ id: string }>(
      k.database.db,
      sql`SELECT id FROM phone_calls WHERE provider_call_id = ${sid}`,
    );
    const recordingSid = twilioSid('RE');
    k.twilioApi.recordings.set(recordingSid, audio);
    const ready = await k.twilioPost(
      'recording',
      {
        CallSid: sid,
        RecordingSid: recordingSid,
        RecordingUrl: `${k.twilioApi.baseUrl}/2010-04-01/Accounts/${k.north.accountSid}/Recordings/${recordingSid}`,
        RecordingStatus: 'completed',
        RecordingDuration: '3',
      },
      { query: { callId: call!.id, kind: 'call' } },
    );
    expect(ready.statusCode).toBe(204);
    const stored = await waitFor(async () => {
      const [row] = await queryRows<{
        id: string;
        status: string;
        size: number;
        sha256: string;
        duration_seconds: number;
        expires_at: Date | null;
      }>(
        k.database.db,
        sql`SELECT id, status, size, sha256, duration_seconds, expires_at FROM phone_recordings WHERE provider_recording_id = ${recordingSid}`,
      );
      return row?.status === 'stored' ? row : undefined;
    });
    expect(stored).toMatchObject({
      size: audio.length,
      sha256: createHash('sha256').update(audio).digest('hex'),
      duration_seconds: 3,
    });
    expect(stored.expires_at).not.toBeNull();
    const fetch = k.twilioApi.requests.find((r) => r.method === 'GET' && r.path.includes(recordingSid))!;
    expect(fetch.auth).toBe(`Basic ${Buffer.from(`${k.north.accountSid}:${k.north.authToken}`).toString('base64')}`);

    const url = `/api/v1/phone/recordings/${stored.id}/audio`;
    const clientUser = await signIn(k.app, k.agency.north.clientUserEmail);
    const whole = await clientUser.request({ method: 'GET', url });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(createHash('sha256').update(whole.rawPayload).digest('hex')).toBe(stored.sha256);
    const part = await clientUser.request({ method: 'GET', url, headers: { range: 'bytes=40-1039' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 40-1039/${audio.length}`);
    expect(Buffer.compare(part.rawPayload, audio.subarray(40, 1040))).toBe(0);
    const tail = await clientUser.request({ method: 'GET', url, headers: { range: 'bytes=-4' } });
    expect(Buffer.compare(tail.rawPayload, audio.subarray(audio.length - 4))).toBe(0);
    expect(
      (await clientUser.request({ method: 'GET', url, headers: { range: `bytes=${audio.length}-` } })).statusCode,
    ).toBe(416);
    const supervisor = await signIn(k.app, k.agency.supervisor.email);
    expect((await supervisor.request({ method: 'GET', url })).statusCode).toBe(200);
    const listed = (
      await supervisor.request({
        method: 'GET',
        url: `/api/v1/phone/calls?clientId=${k.agency.north.id}&withRecording=true`,
      })
    ).json() as { recordings: { audioUrl: string }[] }[];
    expect(listed[0]!.recordings[0]!.audioUrl).toBe(url);
    for (const email of [k.agency.south.clientUserEmail, k.agency.southAgent.email]) {
      const other = await signIn(k.app, email);
      expect((await other.request({ method: 'GET', url })).statusCode).toBe(404);
    }

    // An agent of the client hears the calls they were on, not a colleague's.
    const agent = await signIn(k.app, k.agency.northAgent.email);
    expect((await agent.request({ method: 'GET', url })).statusCode).toBe(404);
    const unheard = (await agent.request({ method: 'GET', url: `/api/v1/phone/calls/${call!.id}` })).json() as {
      recordings: { id: string; audioUrl: string | null }[];
    };
    expect(unheard.recordings).toMatchObject([{ id: stored.id, audioUrl: null }]);
    await queryRows(
      k.database.db,
      sql`UPDATE phone_calls SET agent_id = ${k.agency.northAgent.id}::uuid WHERE id = ${call!.id}::uuid`,
    );
    expect((await agent.request({ method: 'GET', url })).statusCode).toBe(200);

    // Retention: once expired, the audio is deleted and the route answers 404.
    expect(
      await expireRecordings(
        { db: k.database.db, storage: k.storage },
        k.agency.north.id,
        new Date(Date.now() + 31 * 86_400_000),
      ),
    ).toBe(1);
    expect((await clientUser.request({ method: 'GET', url })).statusCode).toBe(404);
  });
});
