import type { DeskEvent } from '@switchboard/contracts';
import { CreateAutomationRuleRequest, CreateMacroRequest } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { type Agency, createAgency } from '../../test/fixtures.js';
import { testReactions } from '../../test/reactions.js';
import { applyMacro } from '../automation/apply-macro.js';
import { createAutomationRule } from '../automation/create-automation-rule.js';
import { createMacro } from '../automation/manage-macros.js';
import { receiveIncomingMessage } from '../conversations/index.js';
import { listMessages } from '../conversations/message-repository.js';
import { updateConversation } from '../conversations/update-conversation.js';
import { type Database, queryRows } from '../db/index.js';
import type { DeskEventPublisher } from '../realtime/desk-events.js';
import { upsertSlaPolicy } from './sla-repository.js';
import { alwaysOpenPolicy } from './sla-test-kit.js';

// 24/7, resolution within one hour for every priority.
const policy = alwaysOpenPolicy({ firstResponse: 600, nextResponse: 600, resolution: 60 });

describe('a change that meets an SLA target late (applyConversationChanges)', () => {
  let database: Database;
  let agency: Agency;
  const published: DeskEvent[] = [];
  const events: DeskEventPublisher = { publish: async (event) => void published.push(event) };
  const scope = () => ({
    kind: 'agency' as const,
    userId: agency.northAgent.id,
    role: 'agent' as const,
    clientIds: [agency.north.id],
  });
  const open = (subject: string, receivedAt: Date) =>
    database.db.transaction(async (tx) => {
      const received = await receiveIncomingMessage(
        tx,
        {
          clientId: agency.north.id,
          inboxId: agency.north.inboxId,
          channel: 'email',
          sender: { sourceId: `${subject}@example.com`, name: subject, email: `${subject}@example.com` },
          subject,
          bodyText: `Hello from ${subject}`,
          receivedAt,
        },
        testReactions,
      );
      return received.conversationId;
    });

  beforeAll(async () => {
    database = await openTestDatabase();
    agency = await createAgency(database.db);
    await upsertSlaPolicy(database.db, agency.north.id, policy);
    const ownerScope = {
      kind: 'agency' as const,
      userId: agency.owner.id,
      role: 'owner' as const,
      clientIds: [agency.north.id, agency.south.id],
    };
    await createAutomationRule(
      database.db,
      ownerScope,
      CreateAutomationRuleRequest.parse({
        clientId: agency.north.id,
        name: 'Tag late resolutions',
        events: ['sla.breached'],
        actions: [{ type: 'add_tags', tags: ['late'] }],
      }),
    );
  });
  afterAll(() => database.close());

  it('resolving after the resolution due time records the breach, runs sla.breached rules and alerts the desk', async () => {
    const conversationId = await open('overdue', new Date(Date.now() - 2 * 3_600_000));
    published.length = 0;
    await updateConversation(database.db, {
      reactions: testReactions,
      scope: scope(),
      actorName: 'Nora North',
      conversationId,
      input: { status: 'resolved' },
      events,
    });

    // Recorded once, with its timeline entry and audit record.
    const recorded = await queryRows<{ metric: string; kind: string; assignee_id: string | null }>(
      database.db,
      sql`SELECT metric, kind, assignee_id FROM sla_events WHERE conversation_id = ${conversationId}`,
    );
    expect(recorded).toEqual([{ metric: 'resolution', kind: 'breach', assignee_id: null }]);
    const timeline = await listMessages(database.db, agency.north.id, conversationId);
    expect(timeline.filter((m) => m.activity?.action === 'sla.breach')).toHaveLength(1);
    const audit = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'sla.breach' AND entity_id = ${conversationId}`,
    );
    expect(audit[0]!.n).toBe(1);

    // The client's `sla.breached` rule ran in the same transaction.
    const [row] = await queryRows<{ tags: string[] }>(
      database.db,
      sql`SELECT tags FROM conversations WHERE id = ${conversationId}`,
    );
    expect(row!.tags).toContain('late');

    // And the desk heard it live: the breach (for the assignee and supervisors) and the rule's change.
    const breach = published.find((e) => e.type === 'sla.breach');
    expect(breach).toMatchObject({
      type: 'sla.breach',
      clientId: agency.north.id,
      conversationId,
      metric: 'resolution',
    });
    expect(published.filter((e) => e.type === 'sla.breach')).toHaveLength(1);
  });

  it('resolving in time records nothing and publishes no breach', async () => {
    const conversationId = await open('on-time', new Date(Date.now() - 10 * 60_000));
    published.length = 0;
    await updateConversation(database.db, {
      reactions: testReactions,
      scope: scope(),
      actorName: 'Nora North',
      conversationId,
      input: { status: 'resolved' },
      events,
    });
    const recorded = await queryRows(
      database.db,
      sql`SELECT id FROM sla_events WHERE conversation_id = ${conversationId}`,
    );
    expect(recorded).toEqual([]);
    expect(published.some((e) => e.type === 'sla.breach')).toBe(false);
    expect(published).toContainEqual({ type: 'conversation.updated', clientId: agency.north.id, conversationId });
  });

  it('a macro that resolves late announces the breach, and the rule it triggers runs', async () => {
    const ownerScope = {
      kind: 'agency' as const,
      userId: agency.owner.id,
      role: 'owner' as const,
      clientIds: [agency.north.id, agency.south.id],
    };
    const macro = await createMacro(
      database.db,
      ownerScope,
      CreateMacroRequest.parse({
        clientId: agency.north.id,
        name: 'Close',
        actions: [{ type: 'set_status', status: 'resolved' }],
      }),
    );
    const conversationId = await open('macro-late', new Date(Date.now() - 2 * 3_600_000));
    published.length = 0;
    await applyMacro(database.db, {
      reactions: testReactions,
      scope: scope(),
      agentName: 'Nora North',
      conversationId,
      macroId: macro.id,
      events,
    });
    const [row] = await queryRows<{ status: string; tags: string[] }>(
      database.db,
      sql`SELECT status, tags FROM conversations WHERE id = ${conversationId}`,
    );
    expect(row).toMatchObject({ status: 'resolved' });
    expect(row!.tags).toContain('late');
    expect(published.filter((e) => e.type === 'sla.breach' && e.conversationId === conversationId)).toHaveLength(1);
  });
});
