import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, jsonRows, queryRows } from '../db/index.js';
import { automationRules, automationRuns, deskNotifications, macros } from '../db/schema.js';
import { type ClientReach, isEveryClient } from '../platform/scope.js';

export type RuleRow = typeof automationRules.$inferSelect;
export type RunRow = typeof automationRuns.$inferSelect;
export type MacroRow = typeof macros.$inferSelect;

/** A client's rows, or (no client named) the agency-wide ones, which say so in `agency_wide`. */
const ownedBy = (table: typeof automationRules | typeof macros, clientId: string | null): SQL =>
  clientId ? eq(table.clientId, clientId) : eq(table.agencyWide, true);

// ---- Rules ---------------------------------------------------------------------------------------

export async function listRules(db: DbOrTx, clientId: string | null): Promise<RuleRow[]> {
  return db
    .select()
    .from(automationRules)
    .where(ownedBy(automationRules, clientId))
    .orderBy(asc(automationRules.position), asc(automationRules.createdAt));
}

/** The enabled rules for an event: the client's own in order, then the agency-wide ones. */
export async function listRulesForEvent(db: DbOrTx, clientId: string, event: string): Promise<RuleRow[]> {
  return db
    .select()
    .from(automationRules)
    .where(
      and(
        or(eq(automationRules.clientId, clientId), eq(automationRules.agencyWide, true)),
        eq(automationRules.enabled, true),
        sql`${event} = ANY(${automationRules.events})`,
      ),
    )
    .orderBy(asc(automationRules.agencyWide), asc(automationRules.position), asc(automationRules.createdAt));
}

export async function findRule(db: DbOrTx, clientId: string | null, ruleId: string): Promise<RuleRow | undefined> {
  const [row] = await db
    .select()
    .from(automationRules)
    .where(and(ownedBy(automationRules, clientId), eq(automationRules.id, ruleId)));
  return row;
}

/** Which owner a rule has (null = agency-wide), or undefined when there is no such rule. */
export async function findRuleOwner(db: DbOrTx, ruleId: string): Promise<{ clientId: string | null } | undefined> {
  const [row] = await db
    .select({ clientId: automationRules.clientId })
    .from(automationRules)
    .where(eq(automationRules.id, ruleId));
  return row;
}

export async function insertRule(db: DbOrTx, values: typeof automationRules.$inferInsert): Promise<RuleRow> {
  const [row] = await db
    .insert(automationRules)
    .values({
      ...values,
      position: sql`(SELECT coalesce(max(position) + 1, 0) FROM automation_rules WHERE ${ownedBy(automationRules, values.clientId ?? null)})`,
    })
    .returning();
  return row!;
}

export async function updateRule(
  db: DbOrTx,
  clientId: string | null,
  ruleId: string,
  patch: Partial<typeof automationRules.$inferInsert>,
): Promise<RuleRow | undefined> {
  const [row] = await db
    .update(automationRules)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(ownedBy(automationRules, clientId), eq(automationRules.id, ruleId)))
    .returning();
  return row;
}

export async function deleteRule(db: DbOrTx, clientId: string | null, ruleId: string): Promise<boolean> {
  const rows = await db
    .delete(automationRules)
    .where(and(ownedBy(automationRules, clientId), eq(automationRules.id, ruleId)))
    .returning({ id: automationRules.id });
  return rows.length > 0;
}

export async function setRulePositions(db: DbOrTx, clientId: string | null, ruleIds: readonly string[]) {
  for (const [position, id] of ruleIds.entries()) {
    await db
      .update(automationRules)
      .set({ position })
      .where(and(ownedBy(automationRules, clientId), eq(automationRules.id, id)));
  }
}

// ---- Runs ----------------------------------------------------------------------------------------

/** Claims the run of one rule for one event; null when it already ran (another process, a redelivery). */
export async function claimRun(
  db: DbOrTx,
  values: Pick<
    typeof automationRuns.$inferInsert,
    'clientId' | 'ruleId' | 'ruleName' | 'event' | 'eventKey' | 'conversationId' | 'depth'
  >,
): Promise<string | null> {
  const [row] = await db
    .insert(automationRuns)
    .values({ ...values, outcome: 'applied', results: [], createdAt: sql`clock_timestamp()` })
    .onConflictDoNothing()
    .returning({ id: automationRuns.id });
  return row?.id ?? null;
}

export async function finishRun(
  db: DbOrTx,
  run: { clientId: string; runId: string; ruleId: string; outcome: string; results: RunRow['results'] },
) {
  await db
    .update(automationRuns)
    .set({ outcome: run.outcome, results: run.results })
    .where(and(eq(automationRuns.clientId, run.clientId), eq(automationRuns.id, run.runId)));
  await db
    .update(automationRules)
    .set({ runCount: sql`${automationRules.runCount} + 1`, lastRunAt: sql`now()` })
    .where(eq(automationRules.id, run.ruleId));
}

export type RunListRow = RunRow & { conversationNumber: number; conversationSubject: string };

export async function listRuns(
  db: DbOrTx,
  clientIds: ClientReach,
  filter: { clientId?: string | undefined; ruleId?: string | undefined; limit: number },
): Promise<RunListRow[]> {
  const where: SQL[] = [];
  if (!isEveryClient(clientIds)) {
    if (clientIds.length === 0) return [];
    where.push(inArray(automationRuns.clientId, [...clientIds]));
  }
  if (filter.clientId) where.push(eq(automationRuns.clientId, filter.clientId));
  if (filter.ruleId) where.push(eq(automationRuns.ruleId, filter.ruleId));
  const rows = await db
    .select({
      run: automationRuns,
      conversationNumber: sql<number>`c.number`,
      conversationSubject: sql<string>`c.subject`,
    })
    .from(automationRuns)
    .innerJoin(
      sql`conversations c`,
      sql`c.client_id = ${automationRuns.clientId} AND c.id = ${automationRuns.conversationId}`,
    )
    .where(and(...where))
    .orderBy(desc(automationRuns.createdAt), desc(automationRuns.id))
    .limit(filter.limit);
  return rows.map((row) => ({
    ...row.run,
    conversationNumber: row.conversationNumber,
    conversationSubject: row.conversationSubject,
  }));
}

/** When this rule last answered the customer in this conversation (a rule's reply is sent at most hourly). */
export async function ruleRepliedSince(
  db: DbOrTx,
  clientId: string,
  conversationId: string,
  ruleId: string,
  since: Date,
): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`SELECT 1 AS one FROM messages WHERE client_id = ${clientId} AND conversation_id = ${conversationId}
      AND kind = 'outgoing' AND author_type = 'system' AND activity->>'ruleId' = ${ruleId}
      AND created_at > ${since.toISOString()}::timestamptz LIMIT 1`,
  );
  return rows.length > 0;
}

// ---- What conditions read ------------------------------------------------------------------------

export type FactsRow = {
  timezone: string;
  client_name: string;
  message_text: string | null;
};

/** The client's time zone and name, and the text of the event's message (else the customer's latest). */
export async function findFactsContext(
  db: DbOrTx,
  clientId: string,
  conversationId: string,
  messageId: string | null,
): Promise<FactsRow | undefined> {
  const message = messageId
    ? sql`SELECT body_text FROM messages WHERE client_id = ${clientId} AND id = ${messageId}`
    : sql`SELECT body_text FROM messages WHERE client_id = ${clientId} AND conversation_id = ${conversationId}
        AND kind = 'incoming' ORDER BY created_at DESC LIMIT 1`;
  const [row] = await queryRows<FactsRow>(
    db,
    sql`SELECT cl.timezone, cl.name AS client_name, (${message}) AS message_text FROM clients cl WHERE cl.id = ${clientId}`,
  );
  return row;
}

/** What rule conditions read about one event's conversation: the row's facts, the client's zone, the message. */
export type RuleFactsRow = {
  client_id: string;
  channel: string;
  priority: string;
  tier: number;
  tags: string[];
  flags: string[];
  assignee_id: string | null;
  created_at: Date | string;
  subject: string;
  contact_name: string;
  contact_email: string | null;
  timezone: string;
  message_text: string | null;
};

/** What a batch needs of a rule to tell whether it may run: whom it belongs to, when, in what order, on what. */
export type RuleToCheck = Pick<RuleRow, 'clientId' | 'agencyWide' | 'events' | 'position' | 'createdAt' | 'conditions'>;

/**
 * For a batch of events, ONE statement: the enabled rules of their clients (and the agency-wide ones)
 * that listen to any of their types, in no particular order (the caller picks each event's rules and
 * orders them as `listRulesForEvent` does), and per event (by index) its conversation, locked in id
 * order, with what conditions read (`findConversationRow(…, { forUpdate })` and `findFactsContext`). An
 * event whose conversation is not found is absent.
 */
export async function findRulesAndLockFacts(
  db: DbOrTx,
  events: readonly { type: string; clientId: string; conversationId: string; messageId: string | null }[],
): Promise<{ rules: RuleToCheck[]; facts: Map<number, RuleFactsRow> }> {
  if (events.length === 0) return { rules: [], facts: new Map() };
  const input = events.map((e, i) => ({
    i,
    client_id: e.clientId,
    conversation_id: e.conversationId,
    message_id: e.messageId,
  }));
  const [row] = await queryRows<{
    rules: (RuleToCheck & { createdAt: string })[];
    facts: (RuleFactsRow & { i: number })[];
  }>(
    db,
    sql`WITH q AS (
        SELECT * FROM jsonb_to_recordset(${jsonRows(input)}) AS q(i int, client_id uuid, conversation_id uuid, message_id uuid)
      ), rules AS (
        SELECT jsonb_build_object('clientId', r.client_id, 'agencyWide', r.agency_wide, 'events', r.events, 'position', r.position,
          'createdAt', r.created_at, 'conditions', r.conditions) AS rule
        FROM automation_rules r
        WHERE r.enabled AND (r.agency_wide OR r.client_id IN (SELECT client_id FROM q))
          AND r.events && ARRAY(SELECT jsonb_array_elements_text(${jsonRows([...new Set(events.map((e) => e.type))])}))
      ), facts AS (
        SELECT q.i, c.client_id, c.channel, c.priority, c.tier, c.tags, c.flags, c.assignee_id, c.created_at,
          c.subject, ct.name AS contact_name, ct.email AS contact_email, cl.timezone,
          CASE WHEN q.message_id IS NOT NULL
            THEN (SELECT body_text FROM messages m WHERE m.client_id = q.client_id AND m.id = q.message_id)
            ELSE (SELECT body_text FROM messages m WHERE m.client_id = q.client_id AND m.conversation_id = q.conversation_id
              AND m.kind = 'incoming' ORDER BY m.created_at DESC LIMIT 1)
          END AS message_text
        FROM q
        JOIN conversations c ON c.client_id = q.client_id AND c.id = q.conversation_id
        JOIN clients cl ON cl.id = c.client_id
        JOIN contacts ct ON ct.id = c.contact_id
        ORDER BY c.id
        FOR UPDATE OF c
      )
      SELECT (SELECT coalesce(jsonb_agg(rule), '[]') FROM rules) AS rules,
        (SELECT coalesce(jsonb_agg(to_jsonb(facts)), '[]') FROM facts) AS facts`,
  );
  return {
    rules: (row?.rules ?? []).map((rule) => ({ ...rule, createdAt: new Date(rule.createdAt) })),
    facts: new Map((row?.facts ?? []).map((fact) => [Number(fact.i), fact])),
  };
}

// ---- Notifications -------------------------------------------------------------------------------

export type RecipientRow = { id: string; name: string };

/**
 * Agency users a rule may notify about a client: the conversation's assignee, the managers
 * (owner, admin, supervisor), or named users — only those who may read the client.
 */
export async function findRecipients(
  db: DbOrTx,
  clientId: string,
  wanted: { assigneeId: string | null; supervisors: boolean; ids: string[] },
): Promise<RecipientRow[]> {
  const ids = [...wanted.ids, ...(wanted.assigneeId ? [wanted.assigneeId] : [])];
  const idList = ids.length
    ? sql`u.id IN (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql`FALSE`;
  const managers = wanted.supervisors ? sql`u.role IN ('owner', 'admin', 'supervisor')` : sql`FALSE`;
  return queryRows<RecipientRow>(
    db,
    sql`SELECT u.id, u.name FROM agency_users u
      WHERE u.active AND (${idList} OR ${managers})
        AND (u.role IN ('owner', 'admin', 'supervisor')
          OR EXISTS (SELECT 1 FROM agent_clients ac WHERE ac.agent_id = u.id AND ac.client_id = ${clientId}))
      ORDER BY u.name`,
  );
}

export async function insertNotifications(db: DbOrTx, rows: (typeof deskNotifications.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(deskNotifications).values(rows);
}

export type NotificationRow = typeof deskNotifications.$inferSelect & {
  conversationNumber: number;
  conversationSubject: string;
};

export async function listNotifications(
  db: DbOrTx,
  recipientId: string,
  clientIds: ClientReach,
  limit: number,
): Promise<NotificationRow[]> {
  const where: SQL[] = [eq(deskNotifications.recipientId, recipientId)];
  if (!isEveryClient(clientIds)) {
    if (clientIds.length === 0) return [];
    where.push(inArray(deskNotifications.clientId, [...clientIds]));
  }
  const rows = await db
    .select({
      notification: deskNotifications,
      conversationNumber: sql<number>`c.number`,
      conversationSubject: sql<string>`c.subject`,
    })
    .from(deskNotifications)
    .innerJoin(
      sql`conversations c`,
      sql`c.client_id = ${deskNotifications.clientId} AND c.id = ${deskNotifications.conversationId}`,
    )
    .where(and(...where))
    .orderBy(desc(deskNotifications.createdAt))
    .limit(limit);
  return rows.map((row) => ({
    ...row.notification,
    conversationNumber: row.conversationNumber,
    conversationSubject: row.conversationSubject,
  }));
}

export async function markNotificationsRead(
  db: DbOrTx,
  recipientId: string,
  clientIds: ClientReach,
  ids: readonly string[] | 'all',
) {
  const where: SQL[] = [eq(deskNotifications.recipientId, recipientId), isNull(deskNotifications.readAt)];
  if (!isEveryClient(clientIds)) {
    if (clientIds.length === 0) return;
    where.push(inArray(deskNotifications.clientId, [...clientIds]));
  }
  if (ids !== 'all') where.push(inArray(deskNotifications.id, [...ids]));
  await db
    .update(deskNotifications)
    .set({ readAt: sql`now()` })
    .where(and(...where));
}

// ---- Macros --------------------------------------------------------------------------------------

/** The macros offered for a client: its own, then the agency-wide ones; or only the agency-wide ones. */
export async function listMacros(
  db: DbOrTx,
  clientId: string | null,
  options: { withAgency: boolean },
): Promise<MacroRow[]> {
  const where = clientId
    ? options.withAgency
      ? or(eq(macros.clientId, clientId), eq(macros.agencyWide, true))
      : eq(macros.clientId, clientId)
    : eq(macros.agencyWide, true);
  return db.select().from(macros).where(where).orderBy(asc(macros.agencyWide), asc(macros.position), asc(macros.name));
}

export async function findMacroOwner(db: DbOrTx, macroId: string): Promise<{ clientId: string | null } | undefined> {
  const [row] = await db.select({ clientId: macros.clientId }).from(macros).where(eq(macros.id, macroId));
  return row;
}

export async function findMacro(db: DbOrTx, clientId: string | null, macroId: string): Promise<MacroRow | undefined> {
  const [row] = await db
    .select()
    .from(macros)
    .where(and(ownedBy(macros, clientId), eq(macros.id, macroId)));
  return row;
}

export async function insertMacro(db: DbOrTx, values: typeof macros.$inferInsert): Promise<MacroRow> {
  const [row] = await db
    .insert(macros)
    .values({
      ...values,
      position: sql`(SELECT coalesce(max(position) + 1, 0) FROM macros WHERE ${ownedBy(macros, values.clientId ?? null)})`,
    })
    .returning();
  return row!;
}

export async function updateMacro(
  db: DbOrTx,
  clientId: string | null,
  macroId: string,
  patch: Partial<typeof macros.$inferInsert>,
): Promise<MacroRow | undefined> {
  const [row] = await db
    .update(macros)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(ownedBy(macros, clientId), eq(macros.id, macroId)))
    .returning();
  return row;
}

export async function deleteMacro(db: DbOrTx, clientId: string | null, macroId: string): Promise<boolean> {
  const rows = await db
    .delete(macros)
    .where(and(ownedBy(macros, clientId), eq(macros.id, macroId)))
    .returning({ id: macros.id });
  return rows.length > 0;
}
