import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../test/app.js';
import { queryRows } from '../db/index.js';
import { agencyUsers, automationRules, contacts } from '../db/schema.js';
import { type PhoneKit, startPhoneKit, twilioSid } from './phone-test-kit.js';
import { pickAgentByPresence } from './pick-agent.js';

type ConversationRow = { waiting_since: Date | null; sla_clock: unknown; id: string };

/** Who is offered a call (routing's presence), and what an inbound or outbound call starts on its conversation. */
describe('the phone and the rest of the desk', () => {
  let k: PhoneKit;
  beforeAll(async () => {
    k = await startPhoneKit();
    // A rule on every customer message: it must run for a caller, never for a call the agent places.
    await k.database.db.insert(automationRules).values({
      clientId: k.agency.north.id,
      agencyWide: false,
      name: 'Tag what customers send',
      events: ['conversation.created', 'message.received'],
      conditions: [],
      actions: [{ type: 'add_tags', tags: ['customer-wrote'] }],
    });
  });
  afterAll(() => k.stop());

  const setPresence = (presence: 'online' | 'away' | 'offline', capacity = { email: 8, chat: 3, phone: 1 }) =>
    k.database.db.update(agencyUsers).set({ presence, capacity }).where(eq(agencyUsers.id, k.agency.northAgent.id));
  const pick = () => pickAgentByPresence(k.database.db, { clientId: k.agency.north.id, queueId: k.north.queueId });
  const conversationOf = async (callId: string) =>
    (
      await queryRows<ConversationRow & { tags: string[] }>(
        k.database.db,
        sql`SELECT c.id, c.waiting_since, c.sla_clock, c.tags FROM conversations c
          JOIN phone_calls p ON p.conversation_id = c.id WHERE p.id = ${callId}`,
      )
    )[0]!;
  const runsOn = async (conversationId: string) =>
    (
      await queryRows<{ n: number }>(
        k.database.db,
        sql`SELECT count(*)::int AS n FROM automation_runs WHERE conversation_id = ${conversationId}`,
      )
    )[0]!.n;

  it('offers calls only to an agent routing marks online, who serves the client and has phone capacity left', async () => {
    await setPresence('offline');
    expect(await pick()).toBeNull();
    await setPresence('away');
    expect(await pick()).toBeNull();
    await setPresence('online', { email: 8, chat: 3, phone: 0 });
    expect(await pick()).toBeNull();
    await setPresence('online');
    expect(await pick()).toBe(k.agency.northAgent.id);
    // South's agent is online too, but does not serve North.
    await k.database.db
      .update(agencyUsers)
      .set({ presence: 'online' })
      .where(eq(agencyUsers.id, k.agency.southAgent.id));
    expect(
      await pickAgentByPresence(k.database.db, {
        clientId: k.agency.north.id,
        queueId: null,
        excludeAgentIds: [k.agency.northAgent.id],
      }),
    ).toBeNull();
  });

  it('an inbound call starts the waiting and SLA clocks and runs "customer wrote" automation', async () => {
    const sid = twilioSid('CA');
    const response = await k.twilioPost('voice', {
      CallSid: sid,
      From: '+15557770001',
      To: k.north.number,
      CallStatus: 'ringing',
      Direction: 'inbound',
    });
    expect(response.statusCode).toBe(200);
    const [call] = await queryRows<{ id: string }>(
      k.database.db,
      sql`SELECT id FROM phone_calls WHERE provider_call_id = ${sid}`,
    );
    const conversation = await conversationOf(call!.id);
    expect(conversation.waiting_since).not.toBeNull();
    expect(conversation.sla_clock).not.toBeNull();
    expect(conversation.tags).toContain('customer-wrote');
    expect(await runsOn(conversation.id)).toBe(1);
  });

  it('an outbound call starts no customer-waiting clock and runs no "customer wrote" automation', async () => {
    const [contact] = await k.database.db
      .insert(contacts)
      .values({ clientId: k.agency.north.id, name: 'Olga Outbound', phone: '+15557770002' })
      .returning();
    const agent = await signIn(k.app, k.agency.northAgent.email);
    const placed = await agent.request({
      method: 'POST',
      url: '/api/v1/phone/calls',
      payload: { contactId: contact!.id },
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const conversation = await conversationOf((placed.json() as { callId: string }).callId);
    expect(conversation.waiting_since).toBeNull();
    expect(conversation.sla_clock).toBeNull();
    expect(conversation.tags).not.toContain('customer-wrote');
    expect(await runsOn(conversation.id)).toBe(0);
    const [opening] = await queryRows<{ kind: string; author_type: string; author_id: string }>(
      k.database.db,
      sql`SELECT kind, author_type, author_id FROM messages WHERE conversation_id = ${conversation.id}`,
    );
    expect(opening).toMatchObject({ kind: 'outgoing', author_type: 'agent', author_id: k.agency.northAgent.id });
  });
});
