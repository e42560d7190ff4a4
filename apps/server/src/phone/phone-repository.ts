import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/index.js';
import {
  agencyUsers,
  agentClients,
  phoneCallbackTasks,
  phoneCallEvents,
  phoneCalls,
  phoneClientSettings,
  phoneLines,
  phoneQueues,
  phoneRecordings,
  phoneWebhookReceipts,
} from '../db/schema.js';
import { type ClientReach, isEveryClient } from '../platform/scope.js';
import type { CallEvent } from './voice-adapter.js';

export type LineRow = typeof phoneLines.$inferSelect;
export type CallRow = typeof phoneCalls.$inferSelect;
export type QueueRow = typeof phoneQueues.$inferSelect;
export type RecordingRow = typeof phoneRecordings.$inferSelect;
export type CallbackTaskRow = typeof phoneCallbackTasks.$inferSelect;
export type PhoneSettingsRow = typeof phoneClientSettings.$inferSelect;

export const sha256Hex = (value: string | Buffer) => createHash('sha256').update(value).digest('hex');

// ---- Lines, queues, settings: looked up by what a provider sends (no scope: the webhook is the caller) ----

export async function findLineByNumber(db: DbOrTx, number: string): Promise<LineRow | undefined> {
  const [row] = await db
    .select()
    .from(phoneLines)
    .where(and(eq(phoneLines.number, number), eq(phoneLines.active, true)))
    .limit(1);
  return row;
}

export async function findLineByCtiToken(db: DbOrTx, token: string): Promise<LineRow | undefined> {
  const [row] = await db
    .select()
    .from(phoneLines)
    .where(and(eq(phoneLines.ctiTokenHash, sha256Hex(token)), eq(phoneLines.active, true)))
    .limit(1);
  return row;
}

export async function findLine(db: DbOrTx, clientId: string, lineId: string): Promise<LineRow | undefined> {
  const [row] = await db
    .select()
    .from(phoneLines)
    .where(and(eq(phoneLines.clientId, clientId), eq(phoneLines.id, lineId)))
    .limit(1);
  return row;
}

export async function listLines(db: DbOrTx, clientIds: ClientReach): Promise<LineRow[]> {
  if (!isEveryClient(clientIds) && clientIds.length === 0) return [];
  return db
    .select()
    .from(phoneLines)
    .where(isEveryClient(clientIds) ? undefined : inArray(phoneLines.clientId, [...clientIds]))
    .orderBy(phoneLines.name);
}

export async function findQueue(db: DbOrTx, clientId: string, queueId: string): Promise<QueueRow | undefined> {
  const [row] = await db
    .select()
    .from(phoneQueues)
    .where(and(eq(phoneQueues.clientId, clientId), eq(phoneQueues.id, queueId)))
    .limit(1);
  return row;
}

export async function phoneSettingsOf(db: DbOrTx, clientId: string): Promise<PhoneSettingsRow> {
  const [row] = await db.select().from(phoneClientSettings).where(eq(phoneClientSettings.clientId, clientId));
  return row ?? { clientId, consentNotice: '', retentionDays: null, callbackDueMinutes: 60, updatedAt: new Date(0) };
}

/** A signature seen before is a replay; the first sight is recorded in the caller's transaction. */
export async function takeWebhookSignature(db: DbOrTx, clientId: string, signature: string): Promise<boolean> {
  const rows = await db
    .insert(phoneWebhookReceipts)
    .values({ clientId, signatureHash: sha256Hex(signature) })
    .onConflictDoNothing()
    .returning({ at: phoneWebhookReceipts.at });
  return rows.length === 1;
}

export async function pruneWebhookReceipts(db: DbOrTx, clientId: string, before: Date): Promise<void> {
  await db
    .delete(phoneWebhookReceipts)
    .where(and(eq(phoneWebhookReceipts.clientId, clientId), lt(phoneWebhookReceipts.at, before)));
}

// ---- Calls --------------------------------------------------------------------------------------

/**
 * A call by the id its provider gave it, on one line. Provider ids are only unique per PBX (two clients'
 * PBXs may both number a call 4711), so a line never finds another line's call.
 */
export async function findCallOnLine(
  db: DbOrTx,
  line: { clientId: string; id: string },
  providerCallId: string,
  lock = false,
): Promise<CallRow | undefined> {
  const query = db
    .select()
    .from(phoneCalls)
    .where(
      and(
        eq(phoneCalls.clientId, line.clientId),
        eq(phoneCalls.lineId, line.id),
        eq(phoneCalls.providerCallId, providerCallId),
      ),
    )
    .limit(1);
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/**
 * A Twilio call by its CallSid, among the lines of the Twilio account that signs the request. The
 * signature is then checked with that line's token, so another account cannot reach the call.
 */
export async function findTwilioCall(db: DbOrTx, accountSid: string, callSid: string): Promise<CallRow | undefined> {
  const [row] = await db
    .select({ call: phoneCalls })
    .from(phoneCalls)
    .innerJoin(phoneLines, and(eq(phoneLines.clientId, phoneCalls.clientId), eq(phoneLines.id, phoneCalls.lineId)))
    .where(
      and(
        eq(phoneCalls.provider, 'twilio'),
        eq(phoneCalls.providerCallId, callSid),
        eq(phoneLines.accountSid, accountSid),
      ),
    )
    .limit(1);
  return row?.call;
}

export async function findCall(db: DbOrTx, clientIds: ClientReach, callId: string, lock = false) {
  if (!isEveryClient(clientIds) && clientIds.length === 0) return undefined;
  const query = db
    .select()
    .from(phoneCalls)
    .where(
      and(
        eq(phoneCalls.id, callId),
        isEveryClient(clientIds) ? undefined : inArray(phoneCalls.clientId, [...clientIds]),
      ),
    )
    .limit(1);
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function insertCall(db: DbOrTx, values: typeof phoneCalls.$inferInsert): Promise<CallRow> {
  const [row] = await db.insert(phoneCalls).values(values).returning();
  return row!;
}

export async function updateCall(db: DbOrTx, call: CallRow, changes: Partial<typeof phoneCalls.$inferInsert>) {
  const [row] = await db
    .update(phoneCalls)
    .set(changes)
    .where(and(eq(phoneCalls.clientId, call.clientId), eq(phoneCalls.id, call.id)))
    .returning();
  return row!;
}

/** Stores the event unless its id was seen; false = a redelivery. */
export async function insertCallEvent(db: DbOrTx, call: CallRow, event: CallEvent, applied: boolean): Promise<boolean> {
  const rows = await db
    .insert(phoneCallEvents)
    .values({
      clientId: call.clientId,
      callId: call.id,
      providerEventId: event.providerEventId,
      type: event.type,
      state: event.state,
      applied,
      data: { ...(event.data ?? {}), ...(event.cause && { cause: event.cause }) },
      at: event.at,
    })
    .onConflictDoNothing()
    .returning({ id: phoneCallEvents.id });
  return rows.length === 1;
}

export async function callEventSeen(db: DbOrTx, clientId: string, providerEventId: string): Promise<boolean> {
  const rows = await db
    .select({ id: phoneCallEvents.id })
    .from(phoneCallEvents)
    .where(and(eq(phoneCallEvents.clientId, clientId), eq(phoneCallEvents.providerEventId, providerEventId)))
    .limit(1);
  return rows.length > 0;
}

/** The caller's open phone conversation with this client, which a new call continues. */
export async function findOpenPhoneConversation(db: DbOrTx, clientId: string, inboxId: string, number: string) {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`SELECT c.id FROM conversations c
        JOIN contact_identities i ON i.client_id = c.client_id AND i.contact_id = c.contact_id
        WHERE c.client_id = ${clientId} AND i.inbox_id = ${inboxId} AND i.source_id = ${number}
          AND c.channel = 'phone' AND c.status <> 'resolved'
        ORDER BY c.last_message_at DESC LIMIT 1`,
  );
  return row?.id ?? null;
}

/** Live calls whose provider has gone quiet: the sweeper's work list. */
export async function listQuietCalls(db: DbOrTx, quietSince: Date, limit = 500) {
  return db
    .select({ id: phoneCalls.id, clientId: phoneCalls.clientId })
    .from(phoneCalls)
    .where(and(isNull(phoneCalls.endedAt), lt(phoneCalls.lastEventAt, quietSince)))
    .limit(limit);
}

/** Live calls offered to or taken by each agent, across every client (phone capacity is the agent's). */
export async function countBusyCallsByAgent(db: DbOrTx, agentIds: string[]): Promise<Map<string, number>> {
  if (agentIds.length === 0) return new Map();
  const rows = await db
    .select({ agentId: phoneCalls.agentId, n: sql<number>`count(*)::int` })
    .from(phoneCalls)
    .where(and(inArray(phoneCalls.agentId, agentIds), isNull(phoneCalls.endedAt)))
    .groupBy(phoneCalls.agentId);
  return new Map(rows.map((row) => [row.agentId!, row.n]));
}

// ---- Recordings ---------------------------------------------------------------------------------

export async function insertRecording(db: DbOrTx, values: typeof phoneRecordings.$inferInsert) {
  const rows = await db.insert(phoneRecordings).values(values).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

export async function findRecording(db: DbOrTx, clientIds: ClientReach, recordingId: string) {
  if (!isEveryClient(clientIds) && clientIds.length === 0) return undefined;
  const [row] = await db
    .select()
    .from(phoneRecordings)
    .where(
      and(
        eq(phoneRecordings.id, recordingId),
        isEveryClient(clientIds) ? undefined : inArray(phoneRecordings.clientId, [...clientIds]),
      ),
    )
    .limit(1);
  return row;
}

export async function updateRecording(db: DbOrTx, row: RecordingRow, changes: Partial<RecordingRow>) {
  await db
    .update(phoneRecordings)
    .set(changes)
    .where(and(eq(phoneRecordings.clientId, row.clientId), eq(phoneRecordings.id, row.id)));
}

export async function listRecordingsOfCalls(db: DbOrTx, clientIds: string[], callIds: string[]) {
  if (callIds.length === 0) return [];
  return db
    .select()
    .from(phoneRecordings)
    .where(and(inArray(phoneRecordings.clientId, clientIds), inArray(phoneRecordings.callId, callIds)))
    .orderBy(phoneRecordings.createdAt);
}

export async function listPendingRecordings(db: DbOrTx, olderThan: Date) {
  return db
    .select({ id: phoneRecordings.id, clientId: phoneRecordings.clientId })
    .from(phoneRecordings)
    .where(and(eq(phoneRecordings.status, 'pending'), lt(phoneRecordings.createdAt, olderThan)))
    .limit(500);
}

export async function listExpiredRecordings(db: DbOrTx, clientId: string, now: Date) {
  return db
    .select()
    .from(phoneRecordings)
    .where(
      and(
        eq(phoneRecordings.clientId, clientId),
        eq(phoneRecordings.status, 'stored'),
        lt(phoneRecordings.expiresAt, now),
      ),
    )
    .limit(500);
}

export async function listClientsWithRetention(db: DbOrTx) {
  return db
    .select({ clientId: phoneClientSettings.clientId })
    .from(phoneClientSettings)
    .where(sql`${phoneClientSettings.retentionDays} IS NOT NULL`);
}

// ---- Callback tasks -----------------------------------------------------------------------------

export async function findOpenCallbackTask(db: DbOrTx, clientId: string, callerNumber: string) {
  const [row] = await db
    .select()
    .from(phoneCallbackTasks)
    .where(
      and(
        eq(phoneCallbackTasks.clientId, clientId),
        eq(phoneCallbackTasks.callerNumber, callerNumber),
        eq(phoneCallbackTasks.status, 'open'),
      ),
    )
    .for('update')
    .limit(1);
  return row;
}

export async function findCallbackTask(db: DbOrTx, clientIds: ClientReach, taskId: string) {
  if (!isEveryClient(clientIds) && clientIds.length === 0) return undefined;
  const [row] = await db
    .select()
    .from(phoneCallbackTasks)
    .where(
      and(
        eq(phoneCallbackTasks.id, taskId),
        isEveryClient(clientIds) ? undefined : inArray(phoneCallbackTasks.clientId, [...clientIds]),
      ),
    )
    .limit(1);
  return row;
}

/** The agent a PBX names by e-mail, if they serve the line's client. */
export async function findAgentServingClientByEmail(db: DbOrTx, clientId: string, email: string) {
  const [agent] = await db
    .select({ id: agencyUsers.id })
    .from(agencyUsers)
    .innerJoin(agentClients, and(eq(agentClients.agentId, agencyUsers.id), eq(agentClients.clientId, clientId)))
    .where(eq(agencyUsers.email, email.toLowerCase()));
  return agent?.id;
}

/** A call's events in the order they happened. */
export async function listCallEvents(db: DbOrTx, clientId: string, callId: string) {
  return db
    .select()
    .from(phoneCallEvents)
    .where(and(eq(phoneCallEvents.clientId, clientId), eq(phoneCallEvents.callId, callId)))
    .orderBy(phoneCallEvents.at);
}

/** An agent closed a callback task by hand. */
export async function closeCallbackTask(db: DbOrTx, task: { clientId: string; id: string }, doneById: string) {
  await db
    .update(phoneCallbackTasks)
    .set({ status: 'done', doneAt: new Date(), doneById })
    .where(and(eq(phoneCallbackTasks.clientId, task.clientId), eq(phoneCallbackTasks.id, task.id)));
}

/** Wakes whoever listens on `channel` (the recording worker) once the transaction commits. */
export async function notifyAfterCommit(db: DbOrTx, channel: string, payload: string) {
  await db.execute(sql`SELECT pg_notify(${channel}, ${payload})`);
}
