import type { SlaCalendar, SlaPolicyInput } from '@switchboard/contracts';
import {
  bigserial,
  boolean,
  index,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clients, conversations } from './schema-core.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A client's contractual SLA: targets per priority and the calendar its clock runs on. One per client. */
export const slaPolicies = pgTable('sla_policies', {
  clientId: uuid('client_id')
    .primaryKey()
    .references(() => clients.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(true),
  targets: jsonb('targets').$type<SlaPolicyInput['targets']>().notNull(),
  warnAtPercent: smallint('warn_at_percent').notNull().default(80),
  calendar: jsonb('calendar').$type<SlaCalendar>().notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * Warnings and breaches, each recorded once per target cycle (the unique index is what makes a
 * re-delivered or stale timer harmless). The client's SLA report reads these.
 */
export const slaEvents = pgTable(
  'sla_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** first_response | next_response | resolution */
    metric: text('metric').notNull(),
    /** warning | breach */
    kind: text('kind').notNull(),
    /** When the target's clock started: one first response per conversation, one next response per customer message. */
    cycleStartedAt: ts('cycle_started_at').notNull(),
    dueAt: ts('due_at').notNull(),
    assigneeId: uuid('assignee_id'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sla_events_once_uq').on(t.clientId, t.conversationId, t.metric, t.kind, t.cycleStartedAt),
    index('sla_events_client_idx').on(t.clientId, t.kind, t.at),
  ],
);
