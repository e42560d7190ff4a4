import type { ConversationDetail, ConversationSummary, SlaPolicy, SlaPolicyInput } from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn } from '../../test/app.js';
import { testReactions } from '../../test/reactions.js';
import { receiveIncomingMessage } from '../conversations/index.js';
import { upsertEmailInboxConfig } from '../email/email-repository.js';
import { type EmailKit, sql, startEmailKit } from '../email/email-test-kit.js';
import type { StoredSlaClock } from '../platform/business-time/sla-clock.js';
import { defaultSlaPolicy } from './default-sla-policy.js';

type DueRow = {
  first_response_due_at: Date | null;
  next_response_due_at: Date | null;
  resolution_due_at: Date | null;
  sla_due_at: Date | null;
  sla_clock: StoredSlaClock;
  created_at: Date;
  priority: string;
};

const minutes = (n: number) => n * 60_000;
// 24/7 so the expectations do not depend on the hour the suite runs.
const policy: SlaPolicyInput = {
  ...defaultSlaPolicy('UTC'),
  targets: {
    low: { firstResponse: 240, nextResponse: 240, resolution: 4320 },
    normal: { firstResponse: 60, nextResponse: 120, resolution: 1440 },
    high: { firstResponse: 30, nextResponse: 60, resolution: 480 },
    urgent: { firstResponse: 15, nextResponse: 30, resolution: 240 },
  },
  calendar: { ...defaultSlaPolicy('UTC').calendar, mode: 'always' },
};

describe('SLA due times through the real use cases', () => {
  let k: EmailKit;
  let owner: Session;
  let agent: Session;
  let southAgent: Session;
  let conversationId: string;

  const dueRow = async (id: string) =>
    (
      await k.rows<DueRow>(
        sql`SELECT first_response_due_at, next_response_due_at, resolution_due_at, sla_due_at, sla_clock, created_at, priority
          FROM conversations WHERE id = ${id}`,
      )
    )[0]!;
  const time = (value: Date | string | null) => (value === null ? null : new Date(value).getTime());
  const post = (body: Record<string, unknown>) =>
    agent.request({ method: 'POST', url: `/api/v1/conversations/${conversationId}/messages`, payload: body });
  const patch = (body: Record<string, unknown>) =>
    agent.request({ method: 'PATCH', url: `/api/v1/conversations/${conversationId}`, payload: body });
  const deliver = async (name: string) => {
    const result = await k.send(await k.fixture(name), { from: 'alice.walker@gmail.com', to: ['support@north.test'] });
    expect(result.code, result.response).toBe(250);
  };

  beforeAll(async () => {
    k = await startEmailKit();
    owner = await signIn(k.app, k.agency.owner.email);
    agent = await signIn(k.app, k.agency.northAgent.email);
    southAgent = await signIn(k.app, k.agency.southAgent.email);
    await upsertEmailInboxConfig(k.database.db, {
      clientId: k.agency.north.id,
      inboxId: k.agency.north.inboxId,
      autoAck: { en: { subject: 'We received your message', body: 'Thank you, we will answer soon.' } },
    });
  });
  afterAll(() => k.stop());

  it('offers defaults in the client time zone until a policy is saved; only managers save', async () => {
    const url = `/api/v1/clients/${k.agency.north.id}/sla-policy`;
    const before = (await agent.request({ method: 'GET', url })).json() as SlaPolicy;
    expect(before).toMatchObject({ saved: false, calendar: { timezone: 'UTC', mode: 'business_hours' } });
    expect((await agent.request({ method: 'PUT', url, payload: policy })).statusCode).toBe(403);
    expect((await southAgent.request({ method: 'GET', url })).statusCode).toBe(404);

    const saved = await owner.request({ method: 'PUT', url, payload: policy });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ saved: true, warnAtPercent: 80, calendar: { mode: 'always' } });
  });

  it('refuses a policy with an unknown time zone or overlapping hours, as problem+json', async () => {
    const url = `/api/v1/clients/${k.agency.north.id}/sla-policy`;
    const badZone = { ...policy, calendar: { ...policy.calendar, timezone: 'Mars/Olympus_Mons' } };
    const response = await owner.request({ method: 'PUT', url, payload: badZone });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(response.json())).toContain('IANA');
    const overlapping = {
      ...policy,
      calendar: {
        ...defaultSlaPolicy('UTC').calendar,
        weekly: {
          ...defaultSlaPolicy('UTC').calendar.weekly,
          mon: [
            { from: '09:00', to: '13:00' },
            { from: '12:00', to: '17:00' },
          ],
        },
      },
    };
    expect((await owner.request({ method: 'PUT', url, payload: overlapping })).statusCode).toBe(400);
  });

  it('starts first response and resolution when an e-mail opens a conversation; the auto-acknowledgement does not answer it', async () => {
    await deliver('01-gmail-new.eml');
    const [row] = await k.rows<{ conversation_id: string }>(
      sql`SELECT conversation_id FROM email_messages WHERE rfc_message_id = '<CAF=alice001@mail.gmail.com>'`,
    );
    conversationId = row!.conversation_id;
    const acks = await k.rows(
      sql`SELECT id FROM email_deliveries WHERE kind = 'auto_ack' AND conversation_id = ${conversationId}`,
    );
    expect(acks).toHaveLength(1);

    const due = await dueRow(conversationId);
    const opened = time(due.sla_clock.firstResponse.startedAt)!;
    expect(time(due.first_response_due_at)).toBe(opened + minutes(60));
    expect(time(due.resolution_due_at)).toBe(opened + minutes(1440));
    expect(due.next_response_due_at).toBeNull();
    expect(time(due.sla_due_at)).toBe(opened + minutes(60));
    expect(due.sla_clock.firstResponse.metAt).toBeNull();
  });

  it('an internal note does not satisfy the first response', async () => {
    const before = await dueRow(conversationId);
    expect((await post({ kind: 'note', body: 'Checking the warehouse first.' })).statusCode).toBe(201);
    const after = await dueRow(conversationId);
    expect(after.sla_clock.firstResponse.metAt).toBeNull();
    expect(time(after.first_response_due_at)).toBe(time(before.first_response_due_at));
  });

  it('waiting on the customer pauses the clock; reopening moves the due time by exactly the pause', async () => {
    const before = await dueRow(conversationId);
    expect((await patch({ status: 'pending' })).statusCode).toBe(200);
    const paused = await dueRow(conversationId);
    expect(paused.first_response_due_at).toBeNull();
    expect(paused.sla_due_at).toBeNull();
    expect(paused.sla_clock.summary).toMatchObject({ metric: 'first_response', paused: true, dueAt: null });

    expect((await patch({ status: 'open' })).statusCode).toBe(200);
    const resumed = await dueRow(conversationId);
    const pause = resumed.sla_clock.pauses.at(-1)!;
    const length = time(pause.to)! - time(pause.from)!;
    expect(length).toBeGreaterThanOrEqual(0);
    expect(time(resumed.first_response_due_at)).toBe(time(before.first_response_due_at)! + length);
    expect(time(resumed.resolution_due_at)).toBe(time(before.resolution_due_at)! + length);
  });

  it('a new priority brings its own targets from the original start', async () => {
    const before = await dueRow(conversationId);
    expect((await patch({ priority: 'urgent' })).statusCode).toBe(200);
    const after = await dueRow(conversationId);
    expect(time(after.first_response_due_at)).toBe(time(before.first_response_due_at)! - minutes(60 - 15));
    expect(time(after.resolution_due_at)).toBe(time(before.resolution_due_at)! - minutes(1440 - 240));
  });

  it("an agent's reply satisfies the first response; the customer's next e-mail owes a next response", async () => {
    expect((await post({ kind: 'reply', body: 'Your order left the warehouse today.' })).statusCode).toBe(201);
    const answered = await dueRow(conversationId);
    expect(answered.sla_clock.firstResponse.metAt).not.toBeNull();
    expect(answered.first_response_due_at).toBeNull();
    expect(time(answered.sla_due_at)).toBe(time(answered.resolution_due_at));

    await deliver('02-gmail-reply.eml');
    const asked = await dueRow(conversationId);
    const next = asked.sla_clock.nextResponse!;
    expect(next.metAt).toBeNull();
    expect(time(asked.next_response_due_at)).toBe(time(next.startedAt)! + minutes(30));
    expect(time(asked.sla_due_at)).toBe(time(asked.next_response_due_at));
  });

  it('shows the countdown on the desk list and every target in the conversation', async () => {
    const page = (await agent.request({ method: 'GET', url: '/api/v1/conversations?status=open' })).json() as {
      items: ConversationSummary[];
    };
    const row = page.items.find((c) => c.id === conversationId)!;
    expect(row.sla).toMatchObject({ metric: 'next_response', paused: false });
    expect(Date.parse(row.sla!.warnAt!)).toBeLessThan(Date.parse(row.sla!.dueAt!));
    const detail = (
      await agent.request({ method: 'GET', url: `/api/v1/conversations/${conversationId}` })
    ).json() as ConversationDetail;
    expect(detail.slaTargets.map((t) => [t.metric, t.metAt !== null, t.breached])).toEqual([
      ['first_response', true, false],
      ['next_response', false, false],
      ['resolution', false, false],
    ]);
  });

  it('sorts unresolved lists by SLA due by default, and by waiting time or recency on request', async () => {
    // Three more conversations, received long enough ago that their due times differ from the one above.
    const { db } = k.database;
    const ids: string[] = [];
    for (const [i, ago] of [30, 50, 10].entries()) {
      const received = await db.transaction((tx) =>
        receiveIncomingMessage(
          tx,
          {
            clientId: k.agency.north.id,
            inboxId: k.agency.north.inboxId,
            channel: 'email',
            sender: { sourceId: `sort${i}@example.com`, name: `Sort ${i}`, email: `sort${i}@example.com` },
            subject: `Sort ${i}`,
            bodyText: 'Hello',
            receivedAt: new Date(Date.now() - minutes(ago)),
          },
          testReactions,
        ),
      );
      ids.push(received.conversationId);
    }
    const list = async (query: string) =>
      (
        (await agent.request({ method: 'GET', url: `/api/v1/conversations?${query}` })).json() as {
          items: ConversationSummary[];
        }
      ).items;
    const bySla = await list('status=open');
    const dues = bySla.map((c) => (c.sla?.dueAt ? Date.parse(c.sla.dueAt) : Number.POSITIVE_INFINITY));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(bySla.map((c) => c.id).filter((id) => ids.includes(id))).toEqual([ids[1], ids[0], ids[2]]);
    // Keyset paging over the SLA order visits every row once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (
        await agent.request({
          method: 'GET',
          url: `/api/v1/conversations?status=open&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        })
      ).json() as { items: ConversationSummary[]; nextCursor: string | null };
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(bySla.map((c) => c.id));
    const byWaiting = await list('status=open&sort=waiting');
    const waits = byWaiting.map((c) => (c.waitingSince ? Date.parse(c.waitingSince) : Number.POSITIVE_INFINITY));
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    expect((await agent.request({ method: 'GET', url: '/api/v1/conversations?sort=soonest' })).statusCode).toBe(400);
  });

  it('a reply after the due time records one breach, on the timeline and in sla_events', async () => {
    const received = await k.database.db.transaction((tx) =>
      receiveIncomingMessage(
        tx,
        {
          clientId: k.agency.north.id,
          inboxId: k.agency.north.inboxId,
          channel: 'email',
          sender: { sourceId: 'late@example.com', name: 'Late', email: 'late@example.com' },
          subject: 'Still waiting',
          bodyText: 'Hello?',
          receivedAt: new Date(Date.now() - minutes(90)),
        },
        testReactions,
      ),
    );
    conversationId = received.conversationId;
    expect((await post({ kind: 'reply', body: 'Sorry for the wait.' })).statusCode).toBe(201);
    const events = await k.rows<{ metric: string; kind: string }>(
      sql`SELECT metric, kind FROM sla_events WHERE conversation_id = ${conversationId}`,
    );
    expect(events).toEqual([{ metric: 'first_response', kind: 'breach' }]);
    const detail = (
      await agent.request({ method: 'GET', url: `/api/v1/conversations/${conversationId}` })
    ).json() as ConversationDetail;
    expect(detail.messages.filter((m) => m.activity?.action === 'sla.breach')).toHaveLength(1);
    expect(detail.slaTargets.find((t) => t.metric === 'first_response')).toMatchObject({ breached: true });
  });

  it('resolving stops the clocks and takes the conversation off the SLA order', async () => {
    expect((await patch({ status: 'resolved' })).statusCode).toBe(200);
    const resolved = await dueRow(conversationId);
    expect(resolved.sla_due_at).toBeNull();
    expect(resolved.sla_clock.resolution.metAt).not.toBeNull();
    expect(resolved.sla_clock.summary).toBeNull();
  });
});
