import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencyUsers, clients, conversations, messages } from './schema-core.js';

// Escalation to the client: an agent asks the client a question the desk cannot answer.
// Defined here (not in schema.ts) so branches merge; the client_id column is the same as everywhere.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const clientId = () =>
  uuid('client_id')
    .notNull()
    .references(() => clients.id, { onDelete: 'cascade' });

/** open: waiting for the client (overdue once `due_at` passed); answered: waiting for the agent to relay. */
export const escalationStatus = pgEnum('escalation_status', ['open', 'answered', 'relayed', 'cancelled']);

export const escalations = pgTable(
  'escalations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientId(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** Random, per client: the token in the e-mail subject that lets a reply find its escalation. */
    ref: text('ref').notNull(),
    status: escalationStatus('status').notNull().default('open'),
    question: text('question').notNull(),
    askedById: uuid('asked_by_id').references(() => agencyUsers.id, { onDelete: 'set null' }),
    askedByName: text('asked_by_name').notNull(),
    /** The message that told the customer an update follows; null when none was sent. */
    noticeMessageId: uuid('notice_message_id').references(() => messages.id, { onDelete: 'set null' }),
    dueAt: ts('due_at').notNull(),
    /** Set once the timers are queued as durable jobs; a sweep queues those a crash left unset. */
    timersQueuedAt: ts('timers_queued_at'),
    firstReminderAt: ts('first_reminder_at'),
    secondReminderAt: ts('second_reminder_at'),
    overdueAt: ts('overdue_at'),
    answer: text('answer'),
    answeredAt: ts('answered_at'),
    answeredById: uuid('answered_by_id'),
    answeredByName: text('answered_by_name'),
    /** portal | email */
    answeredVia: text('answered_via'),
    relayedAt: ts('relayed_at'),
    relayedByName: text('relayed_by_name'),
    relayMessageId: uuid('relay_message_id').references(() => messages.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('escalations_ref_uq').on(t.clientId, t.ref),
    index('escalations_client_status_idx').on(t.clientId, t.status, t.dueAt),
    index('escalations_conversation_idx').on(t.clientId, t.conversationId, t.createdAt),
    index('escalations_unqueued_idx').on(t.createdAt).where(sql`timers_queued_at IS NULL AND status = 'open'`),
  ],
);

/** Every e-mail sent to the client about an escalation: a reply quoting one of these ids answers it. */
export const escalationEmails = pgTable(
  'escalation_emails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientId(),
    escalationId: uuid('escalation_id')
      .notNull()
      .references(() => escalations.id, { onDelete: 'cascade' }),
    rfcMessageId: text('rfc_message_id').notNull(),
    toAddress: text('to_address').notNull(),
    /** request | reminder | overdue */
    kind: text('kind').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('escalation_emails_rfc_idx').on(t.clientId, t.rfcMessageId)],
);

/** Per client: whether answers go to the customer without an agent, and the customer notice per language. */
export const escalationSettings = pgTable('escalation_settings', {
  clientId: clientId().primaryKey(),
  autoRelay: boolean('auto_relay').notNull().default(false),
  /** `{ en: "…", fa: "…" }`; a language without one uses the built-in text. */
  noticeTemplates: jsonb('notice_templates').$type<Record<string, string>>().notNull().default({}),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
