import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../test/app.js';
import { queryRows } from '../../db/index.js';
import { addLine, type PhoneKit, startPhoneKit } from '../phone-test-kit.js';

describe('generic CTI: a PBX reports its calls', () => {
  let k: PhoneKit;
  const token = 'pbx-token-north-0123456789abcdef';
  const southToken = 'pbx-token-south-0123456789abcdef';
  beforeAll(async () => {
    k = await startPhoneKit();
    await addLine(k.database, k.agency.north.id, '+15550003000', 'cti', token);
    await addLine(k.database, k.agency.south.id, '+15550004000', 'cti', southToken);
    await k.goOnline(k.agency.northAgent.id);
  });
  afterAll(() => k.stop());

  const post = (body: Record<string, string>, key = token) =>
    k.app.inject({
      method: 'POST',
      url: `/api/v1/phone/cti/${key}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(body).toString(),
    });

  it('logs an answered call from newCall, answer and hangup, once each', async () => {
    const callId = 'pbx-4711';
    const start = await post({ event: 'newCall', from: '+15551112222', to: '+15550003000', direction: 'in', callId });
    expect(start.statusCode).toBe(200);
    expect(start.json()).toMatchObject({ state: 'queued', duplicate: false });
    expect(
      (await post({ event: 'newCall', from: '+15551112222', to: '+15550003000', direction: 'in', callId })).json(),
    ).toMatchObject({ duplicate: true });
    const answer = await post({ event: 'answer', callId, user: k.agency.northAgent.email, answeringNumber: '201' });
    expect(answer.json()).toMatchObject({ state: 'in_progress' });
    const hangup = await post({ event: 'hangup', callId, cause: 'normalClearing' });
    expect(hangup.json()).toMatchObject({ state: 'completed' });
    expect((await post({ event: 'hangup', callId, cause: 'normalClearing' })).json()).toMatchObject({
      duplicate: true,
    });
    const [row] = await queryRows<{ state: string; agent_id: string; ended_at: Date | null }>(
      k.database.db,
      sql`SELECT state, agent_id, ended_at FROM phone_calls WHERE provider = 'cti' AND provider_call_id = ${callId}`,
    );
    expect(row).toMatchObject({ state: 'completed', agent_id: k.agency.northAgent.id });
    expect(row!.ended_at).not.toBeNull();
    // The PBX carries the audio: Switchboard refuses call control on this line.
    const agent = await signIn(k.app, k.agency.northAgent.email);
    const id = (start.json() as { callId: string }).callId;
    const hold = await agent.request({
      method: 'POST',
      url: `/api/v1/phone/calls/${id}/hold`,
      payload: { hold: true },
    });
    expect(hold.statusCode).toBe(409);
  });

  it('opens the conversation of a Persian line in Persian', async () => {
    await queryRows(k.database.db, sql`UPDATE phone_lines SET language = 'fa' WHERE number = '+15550003000'`);
    try {
      const callId = 'pbx-fa-1';
      const start = await post({ event: 'newCall', from: '+15551119999', to: '+15550003000', direction: 'in', callId });
      expect(start.statusCode).toBe(200);
      const [row] = await queryRows<{ subject: string; body_text: string; language: string }>(
        k.database.db,
        sql`SELECT c.subject, m.body_text, m.language FROM phone_calls p
          JOIN conversations c ON c.id = p.conversation_id
          JOIN messages m ON m.conversation_id = c.id AND m.kind = 'incoming'
          WHERE p.provider_call_id = ${callId}`,
      );
      expect(row!.subject).toBe('تماس از \u2066+15551119999\u2069');
      expect(row!.body_text).toMatch(/^تماس ورودی از /);
      expect(row!.language).toBe('fa');
    } finally {
      await queryRows(k.database.db, sql`UPDATE phone_lines SET language = 'en' WHERE number = '+15550003000'`);
    }
  });

  it('turns an unanswered call into a callback task, and refuses an unknown token', async () => {
    const callId = 'pbx-4712';
    await post({ event: 'newCall', from: '+15551113333', to: '+15550003000', direction: 'in', callId });
    expect((await post({ event: 'hangup', callId, cause: 'cancel' })).json()).toMatchObject({ state: 'abandoned' });
    const tasks = await queryRows(
      k.database.db,
      sql`SELECT 1 FROM phone_callback_tasks WHERE caller_number = '+15551113333'`,
    );
    expect(tasks).toHaveLength(1);
    expect((await post({ event: 'hangup', callId, cause: 'cancel' }, 'wrong-token-0123456789abcdef')).statusCode).toBe(
      404,
    );
    expect((await post({ event: 'bogus', callId })).statusCode).toBe(400);
  });

  it("keeps two clients' PBX call ids apart: one client's token never finds or writes the other's call", async () => {
    const callId = 'pbx-shared-1';
    const north = await post({ event: 'newCall', from: '+15551114444', to: '+15550003000', direction: 'in', callId });
    expect(north.json()).toMatchObject({ duplicate: false });
    // South's PBX numbers a call of its own alike: a new call of South, not North's call answered back.
    const south = await post(
      { event: 'newCall', from: '+15552225555', to: '+15550004000', direction: 'in', callId },
      southToken,
    );
    expect(south.statusCode).toBe(200);
    expect(south.json()).toMatchObject({ duplicate: false });
    expect((south.json() as { callId: string }).callId).not.toBe((north.json() as { callId: string }).callId);
    // South's hang-up ends South's call only.
    expect((await post({ event: 'hangup', callId, cause: 'cancel' }, southToken)).json()).toMatchObject({
      state: 'abandoned',
    });
    const rows = await queryRows<{ client_id: string; state: string; from_number: string }>(
      k.database.db,
      sql`SELECT client_id, state, from_number FROM phone_calls WHERE provider_call_id = ${callId} ORDER BY from_number`,
    );
    expect(rows).toEqual([
      { client_id: k.agency.north.id, state: 'queued', from_number: '+15551114444' },
      { client_id: k.agency.south.id, state: 'abandoned', from_number: '+15552225555' },
    ]);
    // A call South never had is not found through South's token, even though North has it.
    expect((await post({ event: 'answer', callId: 'pbx-4711' }, southToken)).statusCode).toBe(404);
  });
});
