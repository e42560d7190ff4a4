import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../test/app.js';
import { queryRows } from '../db/index.js';
import { type PhoneKit, startPhoneKit, twilioSid } from './phone-test-kit.js';
import { sweepCall } from './sweep-call.js';
import { agentIdentity } from './voice-adapter.js';

/** A fake provider drives whole calls through the real webhook endpoints, signed like Twilio. */
describe('complete calls through the webhooks', () => {
  let k: PhoneKit;
  beforeAll(async () => {
    k = await startPhoneKit();
    await k.goOnline(k.agency.northAgent.id);
  });
  afterAll(() => k.stop());

  const call = async (sid: string) =>
    (
      await queryRows<Record<string, unknown> & { id: string; state: string; conversation_id: string }>(
        k.database.db,
        sql`SELECT * FROM phone_calls WHERE provider_call_id = ${sid}`,
      )
    )[0]!;
  const ring = async (from: string) => {
    const sid = twilioSid('CA');
    const response = await k.twilioPost('voice', {
      CallSid: sid,
      From: from,
      To: k.north.number,
      CallStatus: 'ringing',
      Direction: 'inbound',
    });
    expect(response.statusCode).toBe(200);
    return { sid, id: (await call(sid)).id };
  };
  const agentAnswers = async (id: string, agentId = k.agency.northAgent.id) =>
    k.twilioPost(
      'agent-leg',
      {
        CallSid: twilioSid('CA'),
        CallStatus: 'in-progress',
        To: `client:${agentIdentity(agentId)}`,
        SequenceNumber: '1',
      },
      { query: { callId: id } },
    );
  const hangsUp = (sid: string, seconds: string) =>
    k.twilioPost('status', { CallSid: sid, CallStatus: 'completed', CallDuration: seconds, SequenceNumber: '9' });

  it('answered: screen-pop data, the agent answers through the provider, the result lands on the record the client sees', async () => {
    const agent = await signIn(k.app, k.agency.northAgent.email);
    const { sid, id } = await ring('+15558880001');
    const pop = await agent.request({ method: 'GET', url: `/api/v1/phone/calls/${id}/screen-pop` });
    expect(pop.statusCode).toBe(200);
    expect(pop.json()).toMatchObject({
      call: { state: 'queued', fromNumber: '+15558880001', agent: { id: k.agency.northAgent.id } },
    });
    expect((await agent.request({ method: 'POST', url: `/api/v1/phone/calls/${id}/answer` })).statusCode).toBe(204);
    const redirect = k.twilioApi.requests.at(-1)!;
    expect(redirect.path).toBe(`/2010-04-01/Accounts/${k.north.accountSid}/Calls/${sid}.json`);
    expect(redirect.form.Twiml).toContain(
      `<Client statusCallback="https://switchboard.test/api/v1/phone/twilio/agent-leg?callId=${id}"`,
    );
    expect(redirect.form.Twiml).toContain(`>${agentIdentity(k.agency.northAgent.id)}</Client>`);
    expect(redirect.form.Twiml).toContain('record="record-from-answer-dual"');
    await agentAnswers(id);
    expect(
      (
        await agent.request({
          method: 'POST',
          url: `/api/v1/phone/calls/${id}/result`,
          payload: { resultCode: 'order_taken', notes: 'Too early', nextAction: 'x' },
        })
      ).statusCode,
    ).toBe(409);
    await hangsUp(sid, '65');
    expect(await call(sid)).toMatchObject({
      state: 'completed',
      duration_seconds: 65,
      agent_id: k.agency.northAgent.id,
    });
    const filed = await agent.request({
      method: 'POST',
      url: `/api/v1/phone/calls/${id}/result`,
      payload: { resultCode: 'order_taken', notes: 'Ordered two tents.', nextAction: 'Send the invoice' },
    });
    expect(filed.statusCode).toBe(204);
    const south = await signIn(k.app, k.agency.southAgent.email);
    expect(
      (
        await south.request({
          method: 'POST',
          url: `/api/v1/phone/calls/${id}/result`,
          payload: { resultCode: 'resolved' },
        })
      ).statusCode,
    ).toBe(404);
    const portal = await signIn(k.app, k.agency.north.clientUserEmail);
    const calls = (await portal.request({ method: 'GET', url: '/api/v1/phone/calls' })).json() as {
      id: string;
      resultCode: string;
      durationSeconds: number;
    }[];
    expect(calls.find((c) => c.id === id)).toMatchObject({ resultCode: 'order_taken', durationSeconds: 65 });
    const thread = await queryRows<{ body_text: string }>(
      k.database.db,
      sql`SELECT body_text FROM messages WHERE conversation_id = ${(await call(sid)).conversation_id} ORDER BY created_at, id`,
    );
    expect(thread.map((m) => m.body_text).join('\n')).toContain(
      'Call result: Order taken.\nOrdered two tents.\nNext: Send the invoice',
    );
    const southPortal = await signIn(k.app, k.agency.south.clientUserEmail);
    expect(
      ((await southPortal.request({ method: 'GET', url: '/api/v1/phone/calls' })).json() as unknown[]).length,
    ).toBe(0);
  });

  it('missed: an abandoned call opens ONE callback task, a repeat call joins it, calling back closes it', async () => {
    const first = await ring('+15558880002');
    await k.twilioPost(
      'queue-result',
      { CallSid: first.sid, QueueResult: 'hangup', QueueSid: twilioSid('QU'), QueueTime: '20' },
      { query: { callId: first.id } },
    );
    await hangsUp(first.sid, '20');
    expect((await call(first.sid)).state).toBe('abandoned');
    const second = await ring('+15558880002');
    await hangsUp(second.sid, '5');
    expect((await call(second.sid)).state).toBe('abandoned');
    const tasks = await queryRows<{
      id: string;
      missed_calls: number;
      status: string;
      conversation_id: string;
      due_at: Date;
      last_missed_at: Date;
    }>(k.database.db, sql`SELECT * FROM phone_callback_tasks WHERE caller_number = '+15558880002'`);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      missed_calls: 2,
      status: 'open',
      conversation_id: (await call(second.sid)).conversation_id,
    });
    const [conversation] = await queryRows<{ flags: string[]; waiting_since: Date | null }>(
      k.database.db,
      sql`SELECT flags, waiting_since FROM conversations WHERE id = ${tasks[0]!.conversation_id}`,
    );
    expect(conversation!.flags).toContain('callback');
    expect(conversation!.waiting_since).not.toBeNull();
    const agent = await signIn(k.app, k.agency.northAgent.email);
    const listed = (await agent.request({ method: 'GET', url: '/api/v1/phone/callbacks' })).json() as {
      id: string;
      missedCalls: number;
    }[];
    expect(listed.find((t) => t.id === tasks[0]!.id)).toMatchObject({ missedCalls: 2 });
    // The agent calls back from the task: Twilio rings their softphone, then the customer from the client's number.
    const placed = await agent.request({
      method: 'POST',
      url: '/api/v1/phone/calls',
      payload: { callbackTaskId: tasks[0]!.id },
    });
    expect(placed.statusCode).toBe(201);
    const create = k.twilioApi.requests.at(-1)!;
    expect(create.path).toBe(`/2010-04-01/Accounts/${k.north.accountSid}/Calls.json`);
    expect(create.form).toMatchObject({ From: k.north.number, To: `client:${agentIdentity(k.agency.northAgent.id)}` });
    const { callId } = placed.json() as { callId: string };
    const outbound = await k.twilioPost(
      'outbound',
      { CallSid: twilioSid('CA'), CallStatus: 'in-progress' },
      { query: { callId } },
    );
    expect(outbound.body).toContain('<Dial callerId="+15550001000"');
    expect(outbound.body).toContain('+15558880002</Number>');
    await agentAnswers(callId);
    const [placedRow] = await queryRows<{ provider_call_id: string }>(
      k.database.db,
      sql`SELECT provider_call_id FROM phone_calls WHERE id = ${callId}`,
    );
    await hangsUp(placedRow!.provider_call_id, '90');
    const [task] = await queryRows<{ status: string }>(
      k.database.db,
      sql`SELECT status FROM phone_callback_tasks WHERE id = ${tasks[0]!.id}`,
    );
    expect(task!.status).toBe('done');
  });

  it('voicemail: the caller leaves a message, the task carries it', async () => {
    const { sid, id } = await ring('+15558880003');
    const left = await k.twilioPost(
      'queue-result',
      { CallSid: sid, QueueResult: 'leave', QueueSid: twilioSid('QU'), QueueTime: '130' },
      { query: { callId: id } },
    );
    expect(left.body).toContain('<Record');
    const recordingSid = twilioSid('RE');
    await k.twilioPost(
      'voicemail',
      { CallSid: sid, RecordingSid: recordingSid, RecordingDuration: '4', RecordingUrl: `${k.twilioApi.baseUrl}/x` },
      { query: { callId: id } },
    );
    await k.twilioPost(
      'recording',
      {
        CallSid: sid,
        RecordingSid: recordingSid,
        RecordingStatus: 'completed',
        RecordingDuration: '4',
        RecordingUrl: `${k.twilioApi.baseUrl}/2010-04-01/Accounts/${k.north.accountSid}/Recordings/${recordingSid}`,
      },
      { query: { callId: id, kind: 'voicemail' } },
    );
    await hangsUp(sid, '140');
    expect((await call(sid)).state).toBe('voicemail');
    const agent = await signIn(k.app, k.agency.northAgent.email);
    const tasks = (await agent.request({ method: 'GET', url: '/api/v1/phone/callbacks' })).json() as {
      callerNumber: string;
      voicemails: { kind: string }[];
    }[];
    expect(tasks.find((t) => t.callerNumber === '+15558880003')?.voicemails).toMatchObject([{ kind: 'voicemail' }]);
  });

  it('transfer: blind to a number and to a queue, warm to another agent', async () => {
    const agent = await signIn(k.app, k.agency.northAgent.email);
    const { sid, id } = await ring('+15558880004');
    await agent.request({ method: 'POST', url: `/api/v1/phone/calls/${id}/answer` });
    await agentAnswers(id);
    expect(
      (await agent.request({ method: 'POST', url: `/api/v1/phone/calls/${id}/hold`, payload: { hold: true } }))
        .statusCode,
    ).toBe(204);
    expect((await call(sid)).state).toBe('on_hold');
    expect(k.twilioApi.requests.at(-1)!.form.Twiml).toContain('<Play loop="0">https://cdn.example.com/hold.mp3</Play>');
    const blind = await agent.request({
      method: 'POST',
      url: `/api/v1/phone/calls/${id}/transfer`,
      payload: { mode: 'blind', target: { kind: 'number', number: '+15553334444' } },
    });
    expect(blind.statusCode).toBe(204);
    expect(k.twilioApi.requests.at(-1)!.form.Twiml).toContain('+15553334444</Number>');
    expect((await call(sid)).state).toBe('transferring');
    await k.twilioPost(
      'agent-leg',
      { CallSid: twilioSid('CA'), CallStatus: 'in-progress', To: '+15553334444', SequenceNumber: '1' },
      { query: { callId: id } },
    );
    expect((await call(sid)).state).toBe('in_progress');
    const toQueue = await agent.request({
      method: 'POST',
      url: `/api/v1/phone/calls/${id}/transfer`,
      payload: { mode: 'blind', target: { kind: 'queue', queueId: k.north.queueId } },
    });
    expect(toQueue.statusCode).toBe(204);
    expect(k.twilioApi.requests.at(-1)!.form.Twiml).toContain(`>q-${k.north.queueId}</Enqueue>`);
    expect((await call(sid)).state).toBe('queued');
    // Back with the agent, then a warm transfer to a colleague who also serves North.
    await agent.request({ method: 'POST', url: `/api/v1/phone/calls/${id}/answer` });
    await agentAnswers(id);
    await k.database.db.execute(
      sql`INSERT INTO agent_clients (client_id, agent_id) VALUES (${k.agency.north.id}, ${k.agency.southAgent.id})`,
    );
    const warm = await agent.request({
      method: 'POST',
      url: `/api/v1/phone/calls/${id}/transfer`,
      payload: { mode: 'warm', target: { kind: 'agent', agentId: k.agency.southAgent.id } },
    });
    expect(warm.statusCode).toBe(204);
    expect((await call(sid)).state).toBe('transferring');
    expect(
      (await agent.request({ method: 'POST', url: `/api/v1/phone/calls/${id}/transfer/complete` })).statusCode,
    ).toBe(204);
    expect(k.twilioApi.requests.at(-1)!.form.Twiml).toContain(`>${agentIdentity(k.agency.southAgent.id)}</Client>`);
    await agentAnswers(id, k.agency.southAgent.id);
    expect(await call(sid)).toMatchObject({ state: 'in_progress', agent_id: k.agency.southAgent.id });
    await hangsUp(sid, '200');
    expect((await call(sid)).state).toBe('completed');
  });

  it('lost end event: the sweeper ends a quiet call once, and the late end event does not change it', async () => {
    const { sid, id } = await ring('+15558880005');
    await agentAnswers(id);
    const early = await sweepCall(k.app.phone, {
      clientId: k.agency.north.id,
      callId: id,
      quietSince: new Date(Date.now() - 3_600_000),
    });
    expect(early).toBe(false);
    const swept = await sweepCall(k.app.phone, {
      clientId: k.agency.north.id,
      callId: id,
      quietSince: new Date(Date.now() + 1000),
    });
    expect(swept).toBe(true);
    expect(await call(sid)).toMatchObject({ state: 'completed', end_cause: 'no-end-event' });
    expect(
      await sweepCall(k.app.phone, {
        clientId: k.agency.north.id,
        callId: id,
        quietSince: new Date(Date.now() + 1000),
      }),
    ).toBe(false);
    await k.twilioPost('status', { CallSid: sid, CallStatus: 'failed', SequenceNumber: '7' });
    expect((await call(sid)).state).toBe('completed');
  });
});
