import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencyUsers, clients, conversations } from './schema-core.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();
const clientIdColumn = () =>
  uuid('client_id')
    .notNull()
    .references(() => clients.id, { onDelete: 'cascade' });

/**
 * Triggers: when one of `events` happens to a conversation and every condition holds, run the actions.
 * A client's rules run in `position` order, then the agency-wide rules (`agency_wide`, with no client: the
 * agency's own configuration, not a client's data; only managers edit them). A row without a client is
 * agency-wide only when it says so (the owner check), never because a write forgot its client. Conditions and actions are
 * validated by the contracts' RuleCondition / RuleAction on the way in.
 */
export const automationRules = pgTable(
  'automation_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    agencyWide: boolean('agency_wide').notNull(),
    name: text('name').notNull(),
    events: text('events').array().notNull(),
    conditions: jsonb('conditions').$type<unknown[]>().notNull(),
    actions: jsonb('actions').$type<unknown[]>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    position: integer('position').notNull().default(0),
    stopAfter: boolean('stop_after').notNull().default(false),
    runCount: integer('run_count').notNull().default(0),
    lastRunAt: ts('last_run_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('automation_rules_client_idx').on(t.clientId, t.position),
    check('automation_rules_owner_ck', sql`${t.agencyWide} = (${t.clientId} IS NULL)`),
  ],
);

/**
 * One rule's run for one event. `event_key` names the event occurrence (a message id, an SLA due
 * time): the unique index makes a redelivered event (a retried job, a second process) run each rule once.
 */
export const automationRuns = pgTable(
  'automation_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    ruleId: uuid('rule_id').references(() => automationRules.id, { onDelete: 'set null' }),
    ruleName: text('rule_name').notNull(),
    event: text('event').notNull(),
    eventKey: text('event_key').notNull(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** applied | skipped | failed */
    outcome: text('outcome').notNull(),
    results: jsonb('results').$type<{ action: string; ok: boolean; text: string }[]>().notNull(),
    /** 0 for an outside event; 1+ for an event a rule's own action caused. */
    depth: smallint('depth').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('automation_runs_once_uq').on(t.clientId, t.ruleId, t.eventKey),
    index('automation_runs_client_idx').on(t.clientId, t.createdAt),
    index('automation_runs_conversation_idx').on(t.clientId, t.conversationId, t.createdAt),
  ],
);

/** A named set of actions and a reply template an agent applies to a conversation with one click. */
export const macros = pgTable(
  'macros',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null only on an agency-wide macro (`agency_wide`), offered for every client. */
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    agencyWide: boolean('agency_wide').notNull(),
    name: text('name').notNull(),
    actions: jsonb('actions').$type<unknown[]>().notNull(),
    replyTemplate: text('reply_template').notNull().default(''),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('macros_client_idx').on(t.clientId, t.position),
    check('macros_owner_ck', sql`${t.agencyWide} = (${t.clientId} IS NULL)`),
  ],
);

/** A desk notification for one agency user, written by a rule's `notify` action. */
export const deskNotifications = pgTable(
  'desk_notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => agencyUsers.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id'),
    text: text('text').notNull(),
    readAt: ts('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('desk_notifications_recipient_idx').on(t.recipientId, t.createdAt),
    index('desk_notifications_unread_idx').on(t.recipientId).where(sql`read_at IS NULL`),
  ],
);
