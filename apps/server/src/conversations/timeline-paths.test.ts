import type { DeskEvent } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../test/app.js';
import { testReactions } from '../../test/reactions.js';
import { queryRows } from '../db/index.js';
import { upsertEmailInboxConfig } from '../email/email-repository.js';
import { type EmailKit, startEmailKit } from '../email/email-test-kit.js';
import { answerEscalationIn } from '../escalation/answer-escalation.js';
import { escalateToClient } from '../escalation/escalate-to-client.js';
import { type PhoneKit, startPhoneKit, twilioSid } from '../phone/phone-test-kit.js';
import { agentIdentity } from '../phone/voice-adapter.js';
import { routeBacklog } from '../routing/index.js';
import { upsertSlaPolicy } from '../sla/sla-repository.js';
import { alwaysOpenPolicy, openNorthConversation } from '../sla/sla-test-kit.js';

type Clock = {
  firstResponse?: { metAt: string | null };
  resolution?: { metAt: string | null };
  pauses?: { from: string; to: string | null }[];
};
type Row = {
  status: string;
  waiting: Date | null;
  first: Date | null;
  first_due: Date | null;
  resolution_due: Date | null;
  last: Date | null;
  assignee: string | null;
  flags: string[];
  clock: Clock | null;
  document_last: Date | null;
};

/**
 * Every path that writes a conversation's timeline or state from another slice (a call answered or missed,
 * the client's answer to an escalation, routing's assignment) goes through the conversations slice, and the
 * desk, the SLA clock and the search document agree afterwards. Before, an answered call counted as the
 * first response on the desk while the SLA's first response stayed due (its warning and breach still
 * fired), and a missed call that reopened a resolved conversation left its SLA clock paused and resolved.
 */
describe('timeline entries and state changes from other slices move the desk, the SLA and search together', () => {
  let k: PhoneKit;
  const published: DeskEvent[] = [];
  let stopListening: () => void;

  beforeAll(async () => {
    k = await startPhoneKit();
    await k.goOnline(k.agency.northAgent.id);
    await upsertSlaPolicy(
      k.database.db,
      k.agency.north.id,
      alwaysOpenPolicy({ firstResponse: 60, nextResponse: 60, resolution: 600 }),
    );
    stopListening = k.events.subscribe((event) => void published.push(event));
  });
  afterAll(async () => {
    stopListening();
    await k.stop();
  });

  const state = async (conversationId: string) =>
    (
      await queryRows<Row>(
        k.database.db,
        sql`SELECT c.status::text, c.waiting_since AS waiting, c.first_response_at AS first,
            c.first_response_due_at AS first_due, c.resolution_due_at AS resolution_due, c.last_message_at AS last,
            c.assignee_id AS assignee, c.flags, c.sla_clock AS clock, s.last_message_at AS document_last
          FROM conversations c LEFT JOIN conversation_search s ON s.client_id = c.client_id AND s.conversation_id = c.id
          WHERE c.id = ${conversationId}`,
      )
    )[0]!;
  const callOf = async (sid: string) =>
    (
      await queryRows<{ id: string; state: string; conversation_id: string; answered_at: Date | null }>(
        k.database.db,
        sql`SELECT id, state::text, conversation_id, answered_at FROM phone_calls WHERE provider_call_id = ${sid}`,
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
    return { sid, ...(await callOf(sid)) };
  };
  const hangsUp = (sid: string, seconds: string) =>
    k.twilioPost('status', { CallSid: sid, CallStatus: 'completed', CallDuration: seconds, SequenceNumber: '9' });
  const eventsSince = (mark: number, conversationId: string) =>
    published
      .slice(mark)
      .filter((e) => 'conversationId' in e && e.conversationId === conversationId)
      .map((e) => e.type);
  const expectInStep = (row: Row) => {
    // The search document carries its conversation's time (migration 0011's triggers, fed by the write order).
    expect(new Date(row.document_last!).getTime(), 'search document in step').toBe(new Date(row.last!).getTime());
  };

  it('an answered call: the customer is answered on the desk and for the SLA, the agent keeps the conversation', async () => {
    const { sid, id } = await ring('+15558881001');
    const answer = await k.twilioPost(
      'agent-leg',
      {
        CallSid: twilioSid('CA'),
        CallStatus: 'in-progress',
        To: `client:${agentIdentity(k.agency.northAgent.id)}`,
        SequenceNumber: '1',
      },
      { query: { callId: id } },
    );
    expect(answer.statusCode).toBe(204);
    const mark = published.length;
    await hangsUp(sid, '65');
    const call = await callOf(sid);
    expect(call.state).toBe('completed');
    const row = await state(call.conversation_id);
    expect(row.waiting, 'no longer waiting').toBeNull();
    expect(row.first, 'the desk counts the first response').not.toBeNull();
    expect(row.clock?.firstResponse?.metAt, 'the SLA met its first response when the agent answered').toBe(
      new Date(call.answered_at!).toISOString(),
    );
    expect(row.first_due, 'no first response is due any more').toBeNull();
    expect(row.assignee).toBe(k.agency.northAgent.id);
    expectInStep(row);
    expect(eventsSince(mark, call.conversation_id)).toEqual(
      expect.arrayContaining(['message.created', 'conversation.updated']),
    );
  });

  it('a missed call on a conversation resolved meanwhile reopens it for a callback and runs its SLA clock again', async () => {
    const { sid, conversation_id: conversationId } = await ring('+15558881002');
    const agent = await signIn(k.app, k.agency.northAgent.email);
    const resolved = await agent.request({
      method: 'PATCH',
      url: `/api/v1/conversations/${conversationId}`,
      payload: { status: 'resolved' },
    });
    expect(resolved.statusCode).toBe(200);
    expect((await state(conversationId)).clock?.resolution?.metAt, 'resolved for the SLA').toBeTruthy();
    const mark = published.length;
    await hangsUp(sid, '0');
    expect((await callOf(sid)).state).not.toBe('completed');
    const row = await state(conversationId);
    expect(row.status).toBe('open');
    expect(row.flags).toContain('callback');
    expect(row.waiting, 'waiting for the callback').not.toBeNull();
    expect(row.first, 'nobody has answered yet').toBeNull();
    expect(row.clock?.resolution?.metAt ?? null, 'no longer resolved for the SLA').toBeNull();
    expect(
      row.clock?.pauses?.every((p) => p.to !== null),
      'the SLA clock runs again',
    ).toBe(true);
    expect(row.resolution_due, 'a resolution is due again').not.toBeNull();
    expect(row.first_due, 'the first response is still due').not.toBeNull();
    expectInStep(row);
    expect(eventsSince(mark, conversationId)).toEqual(
      expect.arrayContaining(['message.created', 'conversation.updated']),
    );
  });

  it('the client answers an escalation: the conversation waits for an agent again, the SLA stays as the notice left it', async () => {
    const conversationId = await openNorthConversation(k.database.db, k.agency, 'escalated', new Date());
    const { escalation } = await k.database.db.transaction((tx) =>
      escalateToClient(tx, {
        reactions: testReactions,
        clientId: k.agency.north.id,
        conversationId,
        question: 'May we refund order 88?',
        customerNotice: 'An answer follows within a day.',
        actor: {
          scope: { kind: 'agency', userId: k.agency.northAgent.id, role: 'agent', clientIds: [k.agency.north.id] },
          name: 'Nora North',
        },
        publicUrl: 'https://desk.test',
      }),
    );
    const before = await state(conversationId);
    expect(before.waiting, 'the notice answered the customer').toBeNull();
    const { events } = await k.database.db.transaction((tx) =>
      answerEscalationIn(tx, {
        reactions: testReactions,
        clientId: k.agency.north.id,
        escalationId: escalation.id,
        answer: 'Yes, refund the marmalade order.',
        clientUser: { id: k.agency.north.clientUserId, name: 'North owner' },
        via: 'portal',
      }),
    );
    const row = await state(conversationId);
    expect(row.waiting, 'back in the queue').not.toBeNull();
    expect(row.flags).toContain('client-answered');
    expect(row.flags).not.toContain('awaiting-client');
    expect(row.first).toEqual(before.first);
    expect(row.clock?.firstResponse?.metAt).toBe(before.clock?.firstResponse?.metAt);
    expect(row.first_due).toBeNull();
    expectInStep(row);
    const [found] = await queryRows<{ n: number }>(
      k.database.db,
      sql`SELECT count(*)::int AS n FROM conversation_search
        WHERE conversation_id = ${conversationId} AND search_all @@ search_query('marmalade')`,
    );
    expect(found!.n, 'the answer is found by its words').toBe(1);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['message.created', 'conversation.updated']));
  });

  it('routing assigns a waiting conversation: assignee and timeline, the customer still waits, the SLA runs on', async () => {
    const conversationId = await openNorthConversation(k.database.db, k.agency, 'routed', new Date());
    const before = await state(conversationId);
    const mark = published.length;
    await routeBacklog(k.database.db, {
      clientIds: [k.agency.north.id],
      events: { publish: async (event) => void published.push(event) },
    });
    const row = await state(conversationId);
    expect(row.assignee).toBe(k.agency.northAgent.id);
    expect(row.waiting).toEqual(before.waiting);
    expect(row.first).toBeNull();
    expect(row.first_due).toEqual(before.first_due);
    expectInStep(row);
    const [entry] = await queryRows<{ action: string }>(
      k.database.db,
      sql`SELECT activity->>'action' AS action FROM messages WHERE conversation_id = ${conversationId} AND kind = 'activity'`,
    );
    expect(entry?.action).toBe('routed');
    expect(eventsSince(mark, conversationId)).toContain('conversation.updated');
  });
});

describe('an e-mail that joins a conversation quietly (an out-of-office) leaves the desk and the SLA as they were', () => {
  let k: EmailKit;
  beforeAll(async () => {
    k = await startEmailKit();
    const { north } = k.agency;
    await upsertEmailInboxConfig(k.database.db, {
      clientId: north.id,
      inboxId: north.inboxId,
      autoAck: { en: { subject: 'We received your message', body: 'Thank you, we will answer soon.' } },
    });
    await upsertSlaPolicy(
      k.database.db,
      north.id,
      alwaysOpenPolicy({ firstResponse: 60, nextResponse: 60, resolution: 600 }),
    );
  });
  afterAll(() => k.stop());

  it('the out-of-office is on the thread and found by its words; waiting, first response and the SLA clock are untouched', async () => {
    const deliver = async (name: string) =>
      expect(
        (await k.send(await k.fixture(name), { from: 'sender@example.com', to: ['support@north.test'] })).code,
      ).toBe(250);
    await deliver('01-gmail-new.eml');
    const [first] = await k.rows<{ conversation_id: string }>(
      sql`SELECT conversation_id FROM email_messages WHERE rfc_message_id = '<CAF=alice001@mail.gmail.com>'`,
    );
    const conversationId = first!.conversation_id;
    const read = async () =>
      (
        await k.rows<Omit<Row, 'resolution_due' | 'assignee' | 'flags'>>(
          sql`SELECT c.status::text, c.waiting_since AS waiting, c.first_response_at AS first,
              c.first_response_due_at AS first_due, c.last_message_at AS last, c.sla_clock AS clock,
              s.last_message_at AS document_last
            FROM conversations c JOIN conversation_search s ON s.client_id = c.client_id AND s.conversation_id = c.id
            WHERE c.id = ${conversationId}`,
        )
      )[0]!;
    const before = await read();
    expect(before.waiting).not.toBeNull();
    const mark = k.seen.length;
    await deliver('26-out-of-office-reply.eml');
    const after = await read();
    expect(after).toEqual({ ...before, document_last: after.document_last });
    expect(new Date(after.document_last!).getTime()).toBe(new Date(after.last!).getTime());
    const [found] = await k.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM conversation_search
        WHERE conversation_id = ${conversationId} AND search_all @@ search_query('office')`,
    );
    expect(found!.n).toBe(1);
    expect(
      k.seen
        .slice(mark)
        .filter((e) => e.conversationId === conversationId)
        .map((e) => e.type),
    ).toContain('message.created');
  });
});
