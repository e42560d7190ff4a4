import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/index.js';
import { type PhoneKit, startPhoneKit, twilioSid } from './phone-test-kit.js';

describe('Twilio webhooks: signatures, TwiML, status callbacks, dial results, recordings', () => {
  let k: PhoneKit;
  beforeAll(async () => {
    k = await startPhoneKit();
    await k.goOnline(k.agency.northAgent.id);
  });
  afterAll(() => k.stop());

  const callRow = async (sid: string) =>
    (
      await queryRows<{ id: string; state: string; agent_id: string | null; duration_seconds: number | null }>(
        k.database.db,
        sql`SELECT id, state, agent_id, duration_seconds FROM phone_calls WHERE provider_call_id = ${sid}`,
      )
    )[0]!;
  const inbound = (sid: string, from = '+15557770001') =>
    k.twilioPost('voice', {
      CallSid: sid,
      From: from,
      To: k.north.number,
      CallStatus: 'ringing',
      Direction: 'inbound',
    });

  it('answers an inbound call with the consent notice, greeting and the queue, and offers it to a connected agent', async () => {
    const sid = twilioSid('CA');
    const response = await inbound(sid);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/xml');
    const call = await callRow(sid);
    expect(response.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response>' +
        '<Say language="en-US">This call may be recorded for quality.</Say>' +
        '<Say language="en-US">Thanks for calling.</Say>' +
        `<Enqueue waitUrl="https://switchboard.test/api/v1/phone/twilio/wait?callId=${call.id}" waitUrlMethod="POST" ` +
        `action="https://switchboard.test/api/v1/phone/twilio/queue-result?callId=${call.id}" method="POST">q-${k.north.queueId}</Enqueue>` +
        '</Response>',
    );
    expect(call).toMatchObject({ state: 'queued', agent_id: k.agency.northAgent.id });
  });

  it('refuses a forged signature, a replay and another line’s token with 403, storing nothing', async () => {
    const sid = twilioSid('CA');
    const params = {
      CallSid: sid,
      From: '+15557770002',
      To: k.north.number,
      CallStatus: 'ringing',
      Direction: 'inbound',
    };
    expect((await k.twilioPost('voice', params, { signature: 'bm90IGEgc2lnbmF0dXJl' })).statusCode).toBe(403);
    expect((await k.twilioPost('voice', params, { signature: '' })).statusCode).toBe(403);
    // Signed with South's token (and account) for North's number.
    expect(
      (
        await k.twilioPost(
          'voice',
          { ...params, AccountSid: k.north.accountSid },
          { line: { ...k.south, accountSid: k.north.accountSid } },
        )
      ).statusCode,
    ).toBe(403);
    expect(await queryRows(k.database.db, sql`SELECT 1 FROM phone_calls WHERE provider_call_id = ${sid}`)).toHaveLength(
      0,
    );
    const first = await k.twilioPost('voice', params);
    expect(first.statusCode).toBe(200);
    const replay = await k.twilioPost('voice', params);
    expect(replay.statusCode).toBe(403);
    expect(replay.headers['content-type']).toContain('application/problem+json');
  });

  it('applies status callbacks once, and a late event never overwrites the final state', async () => {
    const sid = twilioSid('CA');
    await inbound(sid, '+15557770003');
    const { id } = await callRow(sid);
    const leg = twilioSid('CA');
    const answered = await k.twilioPost(
      'agent-leg',
      {
        CallSid: leg,
        ParentCallSid: sid,
        CallStatus: 'in-progress',
        To: `client:agent_${k.agency.northAgent.id.replaceAll('-', '')}`,
        SequenceNumber: '0',
      },
      { query: { callId: id } },
    );
    expect(answered.statusCode).toBe(204);
    expect(await callRow(sid)).toMatchObject({ state: 'in_progress', agent_id: k.agency.northAgent.id });
    const done = await k.twilioPost('status', {
      CallSid: sid,
      CallStatus: 'completed',
      CallDuration: '42',
      SequenceNumber: '3',
      Timestamp: new Date().toUTCString(),
    });
    expect(done.statusCode).toBe(204);
    expect(await callRow(sid)).toMatchObject({ state: 'completed', duration_seconds: 42 });
    const late = await k.twilioPost('status', { CallSid: sid, CallStatus: 'ringing', SequenceNumber: '1' });
    expect(late.statusCode).toBe(204);
    const busy = await k.twilioPost('status', { CallSid: sid, CallStatus: 'busy', SequenceNumber: '4' });
    expect(busy.statusCode).toBe(204);
    expect(await callRow(sid)).toMatchObject({ state: 'completed', duration_seconds: 42 });
    const events = await queryRows<{ type: string; state: string; applied: boolean }>(
      k.database.db,
      sql`SELECT type, state, applied FROM phone_call_events WHERE call_id = ${id} AND type = 'status' ORDER BY at, state`,
    );
    expect(events.map((e) => `${e.state}:${e.applied}`).sort()).toEqual([
      'busy:false',
      'completed:true',
      'ringing:false',
    ]);
  });

  it('puts the caller back in the queue when the agent lets the dial ring out, and hangs up after a completed dial', async () => {
    const sid = twilioSid('CA');
    await inbound(sid, '+15557770004');
    const { id } = await callRow(sid);
    const noAnswer = await k.twilioPost(
      'dial-result',
      { CallSid: sid, DialCallSid: twilioSid('CA'), DialCallStatus: 'no-answer' },
      { query: { callId: id } },
    );
    expect(noAnswer.statusCode).toBe(200);
    expect(noAnswer.body).toContain(
      `<Enqueue waitUrl="https://switchboard.test/api/v1/phone/twilio/wait?callId=${id}"`,
    );
    expect((await callRow(sid)).state).toBe('queued');
    const completed = await k.twilioPost(
      'dial-result',
      { CallSid: sid, DialCallSid: twilioSid('CA'), DialCallStatus: 'completed', DialCallDuration: '30' },
      { query: { callId: id } },
    );
    expect(completed.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>');
  });

  it('tells a waiting caller their position over hold audio, and sends them to voicemail after the longest wait', async () => {
    const sid = twilioSid('CA');
    await inbound(sid, '+15557770005');
    const { id } = await callRow(sid);
    const wait = await k.twilioPost(
      'wait',
      { CallSid: sid, QueuePosition: '2', QueueTime: '15', QueueSid: twilioSid('QU') },
      { query: { callId: id } },
    );
    expect(wait.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say language="en-US">You are number 2 in line. Thank you for waiting.</Say><Play>https://cdn.example.com/hold.mp3</Play></Response>',
    );
    const tooLong = await k.twilioPost(
      'wait',
      { CallSid: sid, QueuePosition: '1', QueueTime: '121', QueueSid: twilioSid('QU') },
      { query: { callId: id } },
    );
    expect(tooLong.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Leave/></Response>');
    const left = await k.twilioPost(
      'queue-result',
      { CallSid: sid, QueueResult: 'leave', QueueSid: twilioSid('QU'), QueueTime: '121' },
      { query: { callId: id } },
    );
    expect(left.body).toContain('<Record maxLength="120" playBeep="true"');
    expect(left.body).toContain(
      `recordingStatusCallback="https://switchboard.test/api/v1/phone/twilio/recording?callId=${id}&amp;kind=voicemail"`,
    );
    expect((await callRow(sid)).state).toBe('voicemail');
  });

  it('takes a recording-ready callback once, pending a download job', async () => {
    const sid = twilioSid('CA');
    await inbound(sid, '+15557770006');
    const { id } = await callRow(sid);
    const recordingSid = twilioSid('RE');
    const params = {
      CallSid: sid,
      RecordingSid: recordingSid,
      RecordingUrl: `${k.twilioApi.baseUrl}/2010-04-01/Accounts/${k.north.accountSid}/Recordings/${recordingSid}`,
      RecordingStatus: 'completed',
      RecordingDuration: '3',
      RecordingChannels: '2',
      RecordingSource: 'DialVerb',
    };
    expect((await k.twilioPost('recording', params, { query: { callId: id, kind: 'call' } })).statusCode).toBe(204);
    const rows = await queryRows<{ status: string; kind: string; duration_seconds: number }>(
      k.database.db,
      sql`SELECT status, kind, duration_seconds FROM phone_recordings WHERE provider_recording_id = ${recordingSid}`,
    );
    expect(rows).toEqual([{ status: 'pending', kind: 'call', duration_seconds: 3 }]);
  });

  it('answers 404 for a number no client owns', async () => {
    const response = await k.twilioPost('voice', {
      CallSid: twilioSid('CA'),
      From: '+15550000000',
      To: '+15559999999',
      CallStatus: 'ringing',
    });
    expect(response.statusCode).toBe(404);
  });
});
