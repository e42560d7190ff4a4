import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();
/** Every table of a client's data: the owning client, never null, gone with the client. */
const clientIdColumn = () =>
  uuid('client_id')
    .notNull()
    .references(() => clients.id, { onDelete: 'cascade' });

export const agencyRole = pgEnum('agency_role', ['owner', 'admin', 'supervisor', 'agent']);
export const channel = pgEnum('channel', ['email', 'chat', 'phone', 'api']);
export const conversationStatus = pgEnum('conversation_status', ['open', 'pending', 'snoozed', 'resolved']);
export const priority = pgEnum('priority', ['low', 'normal', 'high', 'urgent']);
export const messageKind = pgEnum('message_kind', ['incoming', 'outgoing', 'note', 'activity']);
export const authorType = pgEnum('author_type', ['contact', 'agent', 'client_user', 'system']);
export const principalKind = pgEnum('principal_kind', ['agency', 'client']);
export const agentPresence = pgEnum('agent_presence', ['online', 'away', 'offline']);

// ---- The agency -------------------------------------------------------------------------------

export const agencyUsers = pgTable('agency_users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: agencyRole('role').notNull().default('agent'),
  tier: smallint('tier').notNull().default(1),
  skills: text('skills').array().notNull().default(sql`'{}'`),
  languages: text('languages').array().notNull().default(sql`'{en}'`),
  capacity: jsonb('capacity').$type<{ email: number; chat: number; phone: number }>().notNull(),
  locale: text('locale').notNull().default('en'),
  active: boolean('active').notNull().default(true),
  /** Routing: set by the agent; `offline` again once their desk has been closed past a grace period. */
  presence: agentPresence('presence').notNull().default('offline'),
  presenceChangedAt: ts('presence_changed_at'),
  /** Last time one of the agent's desk sockets was seen alive (heartbeat); drives the offline sweep. */
  deskSeenAt: ts('desk_seen_at'),
  /** Last automatic assignment: "longest idle first" among equally loaded agents. */
  lastAssignedAt: ts('last_assigned_at'),
  createdAt: createdAt(),
});

export const clients = pgTable('clients', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  locale: text('locale').notNull().default('en'),
  timezone: text('timezone').notNull().default('UTC'),
  ticketPrefix: text('ticket_prefix').notNull(),
  /** Last display number handed out; bumped in the same transaction that creates a conversation. */
  conversationSeq: integer('conversation_seq').notNull().default(0),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

/** Which clients an agent serves. Supervisors and admins see every client without rows here. */
export const agentClients = pgTable(
  'agent_clients',
  {
    clientId: clientIdColumn(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agencyUsers.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.agentId] }), index('agent_clients_agent_idx').on(t.agentId)],
);

export const clientUsers = pgTable(
  'client_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    locale: text('locale').notNull().default('en'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('client_users_client_idx').on(t.clientId)],
);

// ---- Sign-in ----------------------------------------------------------------------------------

/** Only the SHA-256 of a session token is stored, so a database leak yields no usable session. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    principalKind: principalKind('principal_kind').notNull(),
    principalId: uuid('principal_id').notNull(),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index('sessions_principal_idx').on(t.principalKind, t.principalId)],
);

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  agencyUserId: uuid('agency_user_id')
    .notNull()
    .references(() => agencyUsers.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  lastUsedAt: ts('last_used_at'),
  expiresAt: ts('expires_at').notNull(),
  revokedAt: ts('revoked_at'),
});

// ---- A client's channels, customers and conversations -----------------------------------------

export const inboxes = pgTable(
  'inboxes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    name: text('name').notNull(),
    channel: channel('channel').notNull(),
    key: text('key').notNull().unique(),
    /** Channel-specific settings, validated by the contracts' `InboxSettings` union. */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('inboxes_client_idx').on(t.clientId)],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    locale: text('locale').notNull().default('en'),
    /** The agent who last answered this customer (a trigger keeps it): their familiar agent. */
    lastAgentId: uuid('last_agent_id').references(() => agencyUsers.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('contacts_client_email_idx').on(t.clientId, t.email),
    index('contacts_client_phone_idx').on(t.clientId, t.phone),
  ],
);

/** A contact's identity in one inbox: an e-mail address, a phone number, a widget visitor id. */
export const contactIdentities = pgTable(
  'contact_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    sourceId: text('source_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('contact_identities_source_uq').on(t.clientId, t.inboxId, t.sourceId)],
);

/** Sort key of the desk's queue: waiting conversations by when they started waiting, the rest after. */
export const waitingKey = sql`coalesce(waiting_since, 'infinity'::timestamptz)`;
const slaDueKey = sql`coalesce(sla_due_at, 'infinity'::timestamptz)`;

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    number: integer('number').notNull(),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    channel: channel('channel').notNull(),
    subject: text('subject').notNull().default(''),
    status: conversationStatus('status').notNull().default('open'),
    priority: priority('priority').notNull().default('normal'),
    tier: smallint('tier').notNull().default(1),
    assigneeId: uuid('assignee_id').references(() => agencyUsers.id, { onDelete: 'set null' }),
    team: text('team'),
    /** Since when the customer has been waiting for us; null when the ball is in their court. */
    waitingSince: ts('waiting_since'),
    firstResponseAt: ts('first_response_at'),
    resolvedAt: ts('resolved_at'),
    lastMessageAt: ts('last_message_at').notNull().defaultNow(),
    preview: text('preview').notNull().default(''),
    flags: text('flags').array().notNull().default(sql`'{}'`),
    tags: text('tags').array().notNull().default(sql`'{}'`),
    /** The customer's language when known (`en`, `fa`); routing fills it from the first message. */
    language: text('language'),
    /** Routing: an agent a rule chose for this conversation; otherwise the customer's last agent is preferred. */
    preferredAgentId: uuid('preferred_agent_id').references(() => agencyUsers.id, { onDelete: 'set null' }),
    /** When routing assigned it; an unanswered assignment is taken back after the client's timeout. */
    assignedAt: ts('assigned_at'),
    // SLA (sla/): due times of the pending targets, null when met, paused or without a policy;
    // sla_due_at is the earliest of them, the desk's default order. sla_clock holds the targets'
    // start times and the pauses they are computed from; sla_next_timer_at is the next instant a
    // warning or breach may come due (the SLA worker fires what is due; null: nothing ahead).
    firstResponseDueAt: ts('first_response_due_at'),
    nextResponseDueAt: ts('next_response_due_at'),
    resolutionDueAt: ts('resolution_due_at'),
    slaDueAt: ts('sla_due_at'),
    slaClock: jsonb('sla_clock').$type<Record<string, unknown>>(),
    slaNextTimerAt: ts('sla_next_timer_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('conversations_sla_idx').on(t.clientId, t.status, slaDueKey, t.id),
    index('conversations_assignee_sla_idx').on(t.clientId, t.assigneeId, t.status, slaDueKey, t.id),
    // The SLA worker: the rows with a warning or breach ahead, soonest first, across clients.
    index('conversations_sla_next_timer_idx').on(t.slaNextTimerAt).where(sql`sla_next_timer_at IS NOT NULL`),
    uniqueIndex('conversations_number_uq').on(t.clientId, t.number),
    // The desk's queue: per client and status, oldest waiting first (not waiting: last); id breaks ties
    // for cursors. The expression must be exactly the one the list query sorts by.
    index('conversations_queue_idx').on(t.clientId, t.status, waitingKey, t.id),
    index('conversations_assignee_idx').on(t.clientId, t.assigneeId, t.status, waitingKey, t.id),
    index('conversations_assignee_recent_idx').on(t.clientId, t.assigneeId, t.lastMessageAt, t.id),
    // Part of the subject: conversations_subject_keys_trgm_idx (client and day of last activity, trigrams), migration 0011.
    index('conversations_contact_idx').on(t.clientId, t.contactId, t.lastMessageAt),
    index('conversations_recent_idx').on(t.clientId, t.lastMessageAt, t.id),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    kind: messageKind('kind').notNull(),
    authorType: authorType('author_type').notNull(),
    authorId: uuid('author_id'),
    authorName: text('author_name').notNull(),
    bodyText: text('body_text').notNull().default(''),
    /** Sanitised before it is stored; never raw. */
    bodyHtml: text('body_html'),
    /** Internal notes are hidden from the client's portal unless an agent shares them. */
    visibleToClient: boolean('visible_to_client').notNull().default(true),
    activity: jsonb('activity').$type<Record<string, unknown>>(),
    /** The channel's own id (an e-mail's Message-ID, a provider's call sid): deduplicates redelivery. */
    sourceId: text('source_id'),
    language: text('language').notNull().default('en'),
    createdAt: createdAt(),
  },
  (t) => [
    index('messages_conversation_idx').on(t.clientId, t.conversationId, t.createdAt),
    uniqueIndex('messages_source_uq').on(t.clientId, t.sourceId).where(sql`source_id IS NOT NULL`),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_message_idx').on(t.clientId, t.messageId)],
);

/**
 * Append-only record of every change (a trigger refuses UPDATE and DELETE). Agency-wide events
 * (a user created, a client added) have no client; everything that concerns a client names it.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    clientId: uuid('client_id'),
    actorKind: text('actor_kind').notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('audit_log_client_idx').on(t.clientId, t.at), index('audit_log_entity_idx').on(t.entity, t.entityId)],
);

// ---- E-mail -----------------------------------------------------------------------------------

/** Per-inbox e-mail settings that the contracts' InboxSettings does not carry: secrets, IMAP, auto-acknowledgement. */
export const emailInboxConfigs = pgTable(
  'email_inbox_configs',
  {
    clientId: clientIdColumn(),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    /** The Standard Webhooks signing secret (`whsec_…`) of the inbound webhook, sealed (`sb1:`); none = closed. */
    webhookSecret: text('webhook_secret'),
    /** `{ host, port, secure, user, password, mailbox, moveTo? }` of the client's own mailbox. */
    imap: jsonb('imap').$type<Record<string, unknown>>(),
    /** Auto-acknowledgement templates by language (`{ en: { subject, body } }`); none = no acknowledgement. */
    autoAck: jsonb('auto_ack').$type<Record<string, { subject: string; body: string }>>(),
    signature: text('signature').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.inboxId] })],
);

/**
 * The `webhook-id`s the inbound webhook accepted lately, per inbox: a replay within the signature's
 * tolerance is answered as a duplicate. Rows older than the tolerance window (twice over) are pruned.
 */
export const emailWebhookReceipts = pgTable(
  'email_webhook_receipts',
  {
    clientId: clientIdColumn(),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    webhookId: text('webhook_id').notNull(),
    conversationId: uuid('conversation_id'),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clientId, t.inboxId, t.webhookId] }),
    index('email_webhook_receipts_received_idx').on(t.clientId, t.inboxId, t.receivedAt),
  ],
);

/**
 * Every e-mail Switchboard stored or sent, with its raw source and the headers threading needs.
 * Incoming mail that opened or continued no conversation (an unmatched bounce) still has a row.
 */
export const emailMessages = pgTable(
  'email_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    direction: text('direction').$type<'in' | 'out'>().notNull(),
    /** customer | auto_reply | bounce | reply | auto_ack */
    kind: text('kind').notNull(),
    /** The RFC 5322 Message-ID with its angle brackets. */
    rfcMessageId: text('rfc_message_id').notNull(),
    inReplyTo: text('in_reply_to'),
    references: text('references').array().notNull().default(sql`'{}'`),
    /** Hex of the first 22 bytes of Outlook's Thread-Index: the same for every message of one thread. */
    threadIndexRoot: text('thread_index_root'),
    fromAddress: text('from_address').notNull(),
    subject: text('subject').notNull().default(''),
    /** The raw source: in the row itself when small (raw), else in storage under raw_key. */
    rawKey: text('raw_key'),
    raw: bytea('raw'),
    rawSize: integer('raw_size'),
    /** Whether the HTML had remote images, which the desk shows only when the agent asks. */
    remoteImages: boolean('remote_images').notNull().default(false),
    /** The sanitised HTML with remote images left in, served on "show images". */
    htmlWithImages: text('html_with_images'),
    via: text('via').notNull().default('smtp'),
    /** Of an incoming e-mail's parsed content: the same Message-ID with the same content is a redelivery. */
    contentHash: text('content_hash'),
    /** An incoming e-mail whose Message-ID an earlier, different message already carried. */
    reusedMessageId: boolean('reused_message_id').notNull().default(false),
    /** For a bounce: what it reported and, when it concerns none of our sent mail, why (`reason`). */
    bounce: jsonb('bounce').$type<Record<string, unknown>>(),
    /** An incoming e-mail's SPF, DKIM and DMARC results (RFC 8601 words); null: never checked (sent mail, older mail). */
    spf: text('spf'),
    dkim: text('dkim'),
    dmarc: text('dmarc'),
    /** The whole check as the desk shows it: results, domains, DMARC policy, the verdict (`SenderAuthentication`). */
    senderAuth: jsonb('sender_auth').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('email_messages_rfc_idx').on(t.clientId, t.rfcMessageId),
    // An incoming e-mail is taken once per client, whichever way (SMTP, IMAP, webhook) it came; another
    // message under the same Message-ID is another row (its content differs).
    uniqueIndex('email_messages_in_uq').on(t.clientId, t.rfcMessageId, t.contentHash).where(sql`direction = 'in'`),
    index('email_messages_thread_index_idx').on(t.clientId, t.threadIndexRoot),
    index('email_messages_conversation_idx').on(t.clientId, t.conversationId, t.createdAt),
    index('email_messages_message_idx').on(t.clientId, t.messageId),
    // The admin's list of bounces that concern none of our sent mail.
    index('email_messages_unmatched_bounce_idx')
      .on(t.clientId, t.createdAt)
      .where(sql`kind = 'bounce' AND conversation_id IS NULL`),
  ],
);

/** The outbox: one row per e-mail to send, committed with the reply it carries; a job delivers it. */
export const emailDeliveries = pgTable(
  'email_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    /** reply | auto_ack */
    kind: text('kind').notNull(),
    /** queued | retrying | sent | failed */
    status: text('status').notNull().default('queued'),
    fromAddress: text('from_address').notNull(),
    fromName: text('from_name').notNull().default(''),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html').notNull(),
    rfcMessageId: text('rfc_message_id').notNull(),
    inReplyTo: text('in_reply_to'),
    references: text('references').array().notNull().default(sql`'{}'`),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: ts('sent_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('email_deliveries_status_idx').on(t.clientId, t.status, t.updatedAt),
    index('email_deliveries_to_idx').on(t.clientId, t.inboxId, t.toAddress, t.createdAt),
    index('email_deliveries_message_idx').on(t.clientId, t.messageId),
  ],
);

/** Demo mode without a relay: what would have been sent, kept for admins to open. */
export const emailCaught = pgTable(
  'email_caught',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    deliveryId: uuid('delivery_id').notNull(),
    fromAddress: text('from_address').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    rfcMessageId: text('rfc_message_id').notNull(),
    raw: text('raw').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('email_caught_client_idx').on(t.clientId, t.createdAt),
    uniqueIndex('email_caught_delivery_uq').on(t.clientId, t.deliveryId),
  ],
);

/** Where an IMAP mailbox's sync stands: the UID cursor commits with the messages it took. */
export const emailImapStates = pgTable(
  'email_imap_states',
  {
    clientId: clientIdColumn(),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    uidValidity: text('uid_validity'),
    lastUid: integer('last_uid').notNull().default(0),
    lastSyncAt: ts('last_sync_at'),
    lastError: text('last_error'),
    lastErrorAt: ts('last_error_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.inboxId] })],
);

// ---- Knowledge base ---------------------------------------------------------------------------

export const kbItemKind = pgEnum('kb_item_kind', ['answer', 'article', 'canned', 'script']);
export const kbVisibility = pgEnum('kb_visibility', ['internal', 'public']);

/** The Q&A tree's branches; names per language (`{ en, fa }`). */
export const kbCategories = pgTable(
  'kb_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    parentId: uuid('parent_id'),
    names: jsonb('names').$type<Record<string, string>>().notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('kb_categories_client_idx').on(t.clientId, t.parentId, t.position)],
);

/**
 * One knowledge-base item in one language: a question with its answer, an article, a canned reply or a
 * call script. Language variants of the same item share `group_id`. `search_title`/`search_body` hold the
 * text normalised by the application (Persian letter forms, digits), so index and query agree.
 */
export const kbItems = pgTable(
  'kb_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    groupId: uuid('group_id').notNull(),
    categoryId: uuid('category_id'),
    kind: kbItemKind('kind').notNull(),
    language: text('language').notNull(),
    visibility: kbVisibility('visibility').notNull().default('internal'),
    title: text('title').notNull(),
    /** Sanitised before it is stored; never raw. */
    bodyHtml: text('body_html').notNull(),
    bodyText: text('body_text').notNull(),
    /** Other ways customers ask the same question; searched, never shown to customers. */
    keywords: text('keywords').notNull().default(''),
    version: integer('version').notNull().default(1),
    usageCount: integer('usage_count').notNull().default(0),
    lastUsedAt: ts('last_used_at'),
    archived: boolean('archived').notNull().default(false),
    searchTitle: text('search_title').notNull(),
    searchBody: text('search_body').notNull(),
    search: tsvector('search').generatedAlwaysAs(
      sql`setweight(to_tsvector(CASE WHEN language = 'fa' THEN 'simple'::regconfig ELSE 'english'::regconfig END, search_title), 'A') || setweight(to_tsvector(CASE WHEN language = 'fa' THEN 'simple'::regconfig ELSE 'english'::regconfig END, search_body), 'D')`,
    ),
    updatedByName: text('updated_by_name').notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('kb_items_variant_uq').on(t.clientId, t.groupId, t.language),
    index('kb_items_category_idx').on(t.clientId, t.categoryId),
    // btree_gin lets client_id lead the full-text and trigram indexes.
    index('kb_items_search_idx').using('gin', t.clientId, t.search),
    index('kb_items_title_trgm_idx').using('gin', t.clientId, t.searchTitle.op('gin_trgm_ops')),
  ],
);

/** Every saved state of an item: who changed it and when. */
export const kbItemVersions = pgTable(
  'kb_item_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: clientIdColumn(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => kbItems.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    bodyHtml: text('body_html').notNull(),
    keywords: text('keywords').notNull(),
    visibility: kbVisibility('visibility').notNull(),
    editorKind: principalKind('editor_kind'),
    editorId: uuid('editor_id'),
    editorName: text('editor_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('kb_item_versions_uq').on(t.clientId, t.itemId, t.version)],
);

/** An agent inserted an item into a reply: feeds the ranking. */
export const kbItemUses = pgTable(
  'kb_item_uses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    clientId: clientIdColumn(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => kbItems.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id'),
    agentId: uuid('agent_id'),
    usedAt: ts('used_at').notNull().defaultNow(),
  },
  (t) => [index('kb_item_uses_item_idx').on(t.clientId, t.itemId, t.usedAt)],
);
