import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencyUsers, clients, contacts, conversations, inboxes } from './schema-core.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();
const clientIdColumn = () =>
  uuid('client_id')
    .notNull()
    .references(() => clients.id, { onDelete: 'cascade' });

/** Per-client phone settings: the recording consent notice, recording retention, the callback target. */
export const phoneClientSettings = pgTable('phone_client_settings', {
  clientId: clientIdColumn().primaryKey(),
  /** Said to every caller before a recorded call; empty = calls are not recorded. */
  consentNotice: text('consent_notice').notNull().default(''),
  /** Recordings are deleted this many days after the call; null keeps them. */
  retentionDays: integer('retention_days'),
  /** Until the SLA slice owns it: how long a missed caller may wait for the callback. */
  callbackDueMinutes: integer('callback_due_minutes').notNull().default(60),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** A client's call queue: where callers wait (hold audio, position message) until an agent answers. */
export const phoneQueues = pgTable(
  'phone_queues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    name: text('name').notNull(),
    holdAudioUrl: text('hold_audio_url'),
    /** After this long in the queue the caller is offered voicemail. */
    maxWaitSeconds: integer('max_wait_seconds').notNull().default(300),
    createdAt: createdAt(),
  },
  (t) => [index('phone_queues_client_idx').on(t.clientId)],
);

/**
 * A client's phone number: the phone inbox it belongs to, the provider that carries it, an optional
 * IVR, the default queue and the call script. The number called selects the client.
 */
export const phoneLines = pgTable(
  'phone_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    name: text('name').notNull(),
    /** twilio | cti */
    provider: text('provider').$type<'twilio' | 'cti'>().notNull(),
    /** Twilio: the account the number lives in; its auth token signs every webhook. */
    accountSid: text('account_sid'),
    authToken: text('auth_token'),
    /** Generic CTI: SHA-256 of the token in the PBX's webhook URL. */
    ctiTokenHash: text('cti_token_hash'),
    greeting: text('greeting').notNull().default(''),
    /** Menu digits → queue; empty = straight to the default queue. */
    ivr: jsonb('ivr').$type<{ prompt: string; options: { digit: string; queueId: string }[] } | null>(),
    queueId: uuid('queue_id')
      .notNull()
      .references(() => phoneQueues.id),
    /** The knowledge-base script (kb_items.group_id, kind 'script') agents read on this line. */
    scriptGroupId: uuid('script_group_id'),
    record: boolean('record').notNull().default(true),
    language: text('language').notNull().default('en'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('phone_lines_number_uq').on(t.number),
    uniqueIndex('phone_lines_cti_token_uq').on(t.ctiTokenHash),
    index('phone_lines_client_idx').on(t.clientId),
  ],
);

/** One phone call, inbound or outbound, and where it stands. Every call belongs to a desk conversation. */
export const phoneCalls = pgTable(
  'phone_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    lineId: uuid('line_id')
      .notNull()
      .references(() => phoneLines.id),
    queueId: uuid('queue_id'),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    direction: text('direction').$type<'inbound' | 'outbound'>().notNull(),
    provider: text('provider').$type<'twilio' | 'cti'>().notNull(),
    providerCallId: text('provider_call_id').notNull(),
    fromNumber: text('from_number').notNull(),
    toNumber: text('to_number').notNull(),
    state: text('state').notNull(),
    /** The agent the call is offered to or connected with. */
    agentId: uuid('agent_id').references(() => agencyUsers.id, { onDelete: 'set null' }),
    /** Warm transfer: the agent or number being consulted. */
    transferTarget: jsonb('transfer_target').$type<Record<string, string> | null>(),
    callbackTaskId: uuid('callback_task_id'),
    startedAt: ts('started_at').notNull(),
    queuedAt: ts('queued_at'),
    answeredAt: ts('answered_at'),
    endedAt: ts('ended_at'),
    durationSeconds: integer('duration_seconds'),
    endCause: text('end_cause'),
    resultCode: text('result_code'),
    resultNotes: text('result_notes'),
    nextAction: text('next_action'),
    resultAt: ts('result_at'),
    lastEventAt: ts('last_event_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // Provider call ids are unique per line (a PBX numbers its own calls); Twilio's signed webhooks find a
    // call by its CallSid alone, through the second index.
    uniqueIndex('phone_calls_line_call_uq').on(t.clientId, t.lineId, t.providerCallId),
    index('phone_calls_provider_call_idx').on(t.provider, t.providerCallId),
    index('phone_calls_client_idx').on(t.clientId, t.startedAt),
    index('phone_calls_conversation_idx').on(t.clientId, t.conversationId),
    index('phone_calls_live_idx').on(t.lastEventAt).where(sql`ended_at IS NULL`),
  ],
);

/** Every provider event, stored once (its id is unique per client): the call's own timeline. */
export const phoneCallEvents = pgTable(
  'phone_call_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    callId: uuid('call_id')
      .notNull()
      .references(() => phoneCalls.id, { onDelete: 'cascade' }),
    providerEventId: text('provider_event_id').notNull(),
    type: text('type').notNull(),
    /** The state the event reported, even when a final state kept it from applying. */
    state: text('state'),
    applied: boolean('applied').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('phone_call_events_uq').on(t.clientId, t.providerEventId),
    index('phone_call_events_call_idx').on(t.clientId, t.callId, t.at),
  ],
);

/** A signed webhook already taken: the same signature again is a replay. */
export const phoneWebhookReceipts = pgTable(
  'phone_webhook_receipts',
  {
    signatureHash: text('signature_hash').notNull(),
    clientId: clientIdColumn(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.signatureHash] }), index('phone_webhook_receipts_at_idx').on(t.clientId, t.at)],
);

/** A call recording or voicemail: fetched from the provider by a job, kept in storage until retention ends. */
export const phoneRecordings = pgTable(
  'phone_recordings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    callId: uuid('call_id')
      .notNull()
      .references(() => phoneCalls.id, { onDelete: 'cascade' }),
    providerRecordingId: text('provider_recording_id').notNull(),
    kind: text('kind').$type<'call' | 'voicemail'>().notNull(),
    sourceUrl: text('source_url').notNull(),
    /** pending | stored | failed | deleted */
    status: text('status').notNull().default('pending'),
    storageKey: text('storage_key'),
    contentType: text('content_type'),
    size: integer('size'),
    durationSeconds: integer('duration_seconds'),
    sha256: text('sha256'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    expiresAt: ts('expires_at'),
    storedAt: ts('stored_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('phone_recordings_provider_uq').on(t.clientId, t.providerRecordingId),
    index('phone_recordings_call_idx').on(t.clientId, t.callId),
    index('phone_recordings_status_idx').on(t.status, t.createdAt),
  ],
);

/** ONE open callback task per client and caller: every unanswered call from them joins it. */
export const phoneCallbackTasks = pgTable(
  'phone_callback_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    lineId: uuid('line_id')
      .notNull()
      .references(() => phoneLines.id),
    callerNumber: text('caller_number').notNull(),
    /** open | done */
    status: text('status').notNull().default('open'),
    missedCalls: integer('missed_calls').notNull().default(1),
    lastMissedAt: ts('last_missed_at').notNull(),
    dueAt: ts('due_at').notNull(),
    doneAt: ts('done_at'),
    doneById: uuid('done_by_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('phone_callback_open_uq').on(t.clientId, t.callerNumber).where(sql`status = 'open'`),
    index('phone_callback_due_idx').on(t.clientId, t.status, t.dueAt),
  ],
);
