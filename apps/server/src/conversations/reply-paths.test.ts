import type { DeskEvent } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { type Agency, createAgency } from '../../test/fixtures.js';
import { testReactions } from '../../test/reactions.js';
import { type Database, queryRows } from '../db/index.js';
import { escalateToClient } from '../escalation/escalate-to-client.js';
import { updateEscalation } from '../escalation/escalation-repository.js';
import { relayEscalationAnswerIn } from '../escalation/relay-escalation-answer.js';
import type { DeskEventPublisher } from '../realtime/desk-events.js';
import { upsertSlaPolicy } from '../sla/sla-repository.js';
import { alwaysOpenPolicy, openNorthConversation } from '../sla/sla-test-kit.js';
import {
  createReactions,
  findConversationRow,
  type OutgoingReply,
  postMessage,
  type Reactions,
  receiveIncomingMessage,
  writeMessage,
} from './index.js';

type Row = { waiting: Date | null; first: Date | null; clock: { firstResponse?: { metAt: string | null } } | null };

/**
 * Every way a message leaves a conversation for its customer (or stays inside as a note) keeps the desk and
 * the SLA in agreement: whenever the desk counts a first response, the SLA clock has met it, and the
 * other way round. Before, the escalation notice marked the conversation answered while the SLA's first
 * response stayed due (its warning and breach still fired).
 */
describe('a reply moves the desk and the SLA together, whichever path writes it', () => {
  let database: Database;
  let agency: Agency;
  const published: DeskEvent[] = [];
  const events: DeskEventPublisher = { publish: async (event) => void published.push(event) };
  const agentScope = () => ({
    kind: 'agency' as const,
    userId: agency.northAgent.id,
    role: 'agent' as const,
    clientIds: [agency.north.id],
  });
  const agentActor = () => ({ scope: agentScope(), name: 'Nora North' });
  const rule = { system: true as const, name: 'Rule: escalate refunds' };

  beforeAll(async () => {
    database = await openTestDatabase();
    agency = await createAgency(database.db);
    await upsertSlaPolicy(
      database.db,
      agency.north.id,
      alwaysOpenPolicy({ firstResponse: 60, nextResponse: 60, resolution: 600 }),
    );
  });
  afterAll(() => database.close());

  const escalate = (
    conversationId: string,
    actor: Parameters<typeof escalateToClient>[1]['actor'],
    notice: string | null,
  ) =>
    database.db.transaction((tx) =>
      escalateToClient(tx, {
        reactions: testReactions,
        clientId: agency.north.id,
        conversationId,
        question: 'Can we refund order 77?',
        customerNotice: notice,
        actor,
        publicUrl: 'https://desk.test',
      }),
    );
  const relay = async (conversationId: string, by: 'agent' | 'system') => {
    const { escalation } = await escalate(conversationId, agentActor(), null);
    await database.db.transaction(async (tx) => {
      const answered = await updateEscalation(tx, agency.north.id, escalation.id, {
        status: 'answered',
        answer: 'Yes, refund it.',
        answeredAt: new Date(),
      });
      await relayEscalationAnswerIn(tx, {
        reactions: testReactions,
        escalation: answered!,
        body: 'Good news: your refund is on its way.',
        actor:
          by === 'agent'
            ? { type: 'agent', id: agency.northAgent.id, name: 'Nora North' }
            : { type: 'system', id: null, name: 'Switchboard' },
        auditActor: by === 'agent' ? agentScope() : 'system',
      });
    });
  };
  const ruleReply = (conversationId: string) =>
    database.db.transaction(async (tx) => {
      const conversation = await findConversationRow(tx, [agency.north.id], conversationId, { forUpdate: true });
      await writeMessage(tx, conversation!, {
        reactions: testReactions,
        input: { kind: 'reply', body: 'We got your message and answer within a day.', visibleToClient: true },
        author: { type: 'system', id: null, name: 'Rule: acknowledge' },
        audit: 'system',
      });
    });
  const post = (conversationId: string, kind: 'reply' | 'note') =>
    postMessage(database.db, {
      reactions: testReactions,
      scope: agentScope(),
      authorName: 'Nora North',
      conversationId,
      input: {
        kind,
        body: kind === 'reply' ? 'Your parcel left today.' : 'Checked the warehouse.',
        visibleToClient: false,
      },
      events,
    });

  const paths: [name: string, run: (conversationId: string) => Promise<unknown>, answered: boolean, queued: boolean][] =
    [
      ['an agent’s reply', (id) => post(id, 'reply'), true, false],
      ['an agent’s internal note', (id) => post(id, 'note'), false, true],
      ['a rule’s automatic reply', ruleReply, false, true],
      [
        'the escalation notice an agent sends',
        (id) => escalate(id, agentActor(), 'An answer follows within a day.'),
        true,
        false,
      ],
      [
        'the escalation notice a rule sends',
        (id) => escalate(id, rule, 'An answer follows within a day.'),
        false,
        false,
      ],
      ['an escalation with no notice to the customer', (id) => escalate(id, agentActor(), null), false, true],
      ['the client’s answer relayed by an agent', (id) => relay(id, 'agent'), true, false],
      ['the client’s answer relayed automatically', (id) => relay(id, 'system'), true, false],
    ];

  it.each(paths.map(([name, run, answered, queued]) => ({ name, run, answered, queued })))(
    '$name: answered $answered, still in the queue $queued',
    async ({ name, run, answered, queued }) => {
      const conversationId = await openNorthConversation(database.db, agency, name.replaceAll(/\W/g, ''), new Date());
      await run(conversationId);
      const [row] = await queryRows<Row>(
        database.db,
        sql`SELECT waiting_since AS waiting, first_response_at AS first, sla_clock AS clock FROM conversations WHERE id = ${conversationId}`,
      );
      expect(row!.first !== null, 'the desk counts a first response').toBe(answered);
      expect(Boolean(row!.clock?.firstResponse?.metAt), 'the SLA has met its first response').toBe(answered);
      expect(row!.waiting !== null, 'waiting in the queue').toBe(queued);
    },
  );

  it('refuses a written reply on a phone conversation before storing anything; a note, and the escalation notice as a note, are kept', async () => {
    const conversationId = await database.db.transaction(
      async (tx) =>
        (
          await receiveIncomingMessage(
            tx,
            {
              clientId: agency.north.id,
              inboxId: agency.north.inboxId,
              channel: 'phone',
              sender: { sourceId: '+4930111222', name: 'Caller', phone: '+4930111222' },
              subject: 'Call from +4930111222',
              bodyText: 'Missed call',
              receivedAt: new Date(),
            },
            testReactions,
          )
        ).conversationId,
    );
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          database.db,
          sql`SELECT count(*)::int AS n FROM messages WHERE conversation_id = ${conversationId}`,
        )
      )[0]!.n;
    const before = await count();
    await expect(post(conversationId, 'reply')).rejects.toMatchObject({ code: 'CHANNEL_TAKES_NO_REPLY', status: 409 });
    expect(await count()).toBe(before);
    const [row] = await queryRows<Row>(
      database.db,
      sql`SELECT waiting_since AS waiting, first_response_at AS first, sla_clock AS clock FROM conversations WHERE id = ${conversationId}`,
    );
    expect(row!.first).toBeNull();
    await post(conversationId, 'note');
    expect(await count()).toBe(before + 1);
    // The escalation goes ahead; its notice stays on the timeline as a note for the call back.
    const { escalation } = await escalate(conversationId, agentActor(), 'An answer follows within a day.');
    const [notice] = await queryRows<{ kind: string; visible: boolean }>(
      database.db,
      sql`SELECT kind::text, visible_to_client AS visible FROM messages WHERE id = ${escalation.noticeMessageId}`,
    );
    expect(notice).toEqual({ kind: 'note', visible: true });
  });

  it('hands a reply to the channel registered for it, and refuses one no channel carries before storing it', async () => {
    const handed: OutgoingReply[] = [];
    const recording = createReactions([], { email: { deliver: async (_tx, reply) => void handed.push(reply) } });
    const conversationId = await openNorthConversation(database.db, agency, 'Rana', new Date());
    const write = (reactions: Reactions) =>
      database.db.transaction(async (tx) => {
        const conversation = await findConversationRow(tx, [agency.north.id], conversationId, { forUpdate: true });
        return writeMessage(tx, conversation!, {
          reactions,
          input: { kind: 'reply', body: 'Your parcel left today.', visibleToClient: true },
          author: { type: 'agent', id: agency.northAgent.id, name: 'Nora North' },
          audit: agentScope(),
        });
      });
    const { message } = await write(recording);
    expect(handed).toEqual([
      expect.objectContaining({ messageId: message.id, body: 'Your parcel left today.', purpose: 'reply' }),
    ]);
    expect(handed[0]!.conversation.id).toBe(conversationId);
    const stored = async () =>
      (
        await queryRows<{ n: number }>(
          database.db,
          sql`SELECT count(*)::int AS n FROM messages WHERE conversation_id = ${conversationId}`,
        )
      )[0]!.n;
    const before = await stored();
    await expect(write(createReactions([], {}))).rejects.toMatchObject({ code: 'CHANNEL_TAKES_NO_REPLY' });
    expect(await stored()).toBe(before);
  });
});
