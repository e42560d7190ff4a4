import type { CallbackTask } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/index.js';
import { type ClientReach, isEveryClient } from '../platform/scope.js';
import { recordingDto } from './list-calls.js';
import type { RecordingRow } from './phone-repository.js';

type Row = {
  id: string;
  client_id: string;
  client_name: string;
  conversation_id: string;
  conversation_number: number;
  contact_id: string;
  contact_name: string;
  contact_phone: string | null;
  caller_number: string;
  status: 'open' | 'done';
  missed_calls: number;
  last_missed_at: string | Date;
  due_at: string | Date;
  voicemails: RecordingRow[] | null;
};

/** Callback tasks of the clients in scope, the most urgent first, each with its voicemails. */
export async function listCallbackTasks(
  db: DbOrTx,
  clientIds: ClientReach,
  status: 'open' | 'done',
): Promise<CallbackTask[]> {
  if (!isEveryClient(clientIds) && clientIds.length === 0) return [];
  const scoped = isEveryClient(clientIds)
    ? sql`true`
    : sql`t.client_id IN (${sql.join(
        clientIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`;
  const rows = await queryRows<Row>(
    db,
    sql`SELECT t.id, t.client_id, cl.name AS client_name, t.conversation_id, cv.number AS conversation_number,
          t.contact_id, ct.name AS contact_name, ct.phone AS contact_phone, t.caller_number, t.status,
          t.missed_calls, t.last_missed_at, t.due_at,
          (SELECT json_agg(r ORDER BY r.created_at) FROM phone_recordings r
             JOIN phone_calls pc ON pc.client_id = r.client_id AND pc.id = r.call_id
            WHERE r.client_id = t.client_id AND pc.callback_task_id = t.id AND r.kind = 'voicemail') AS voicemails
        FROM phone_callback_tasks t
        JOIN clients cl ON cl.id = t.client_id
        JOIN conversations cv ON cv.client_id = t.client_id AND cv.id = t.conversation_id
        JOIN contacts ct ON ct.client_id = t.client_id AND ct.id = t.contact_id
        WHERE ${scoped} AND t.status = ${status}
        ORDER BY t.due_at, t.id
        LIMIT 200`,
  );
  return rows.map((row) => ({
    id: row.id,
    clientId: row.client_id,
    clientName: row.client_name,
    conversationId: row.conversation_id,
    conversationNumber: row.conversation_number,
    contact: { id: row.contact_id, name: row.contact_name, phone: row.contact_phone },
    callerNumber: row.caller_number,
    status: row.status,
    missedCalls: row.missed_calls,
    lastMissedAt: new Date(row.last_missed_at).toISOString(),
    dueAt: new Date(row.due_at).toISOString(),
    voicemails: (row.voicemails ?? []).map((raw) => recordingDto(fromJson(raw))),
  }));
}

/** json_agg gives snake_case columns and string dates. */
function fromJson(raw: RecordingRow): RecordingRow {
  const r = raw as unknown as Record<string, unknown>;
  const date = (value: unknown) => (value ? new Date(value as string) : null);
  return {
    id: r.id as string,
    clientId: r.client_id as string,
    callId: r.call_id as string,
    providerRecordingId: r.provider_recording_id as string,
    kind: r.kind as 'call' | 'voicemail',
    sourceUrl: r.source_url as string,
    status: r.status as string,
    storageKey: r.storage_key as string | null,
    contentType: r.content_type as string | null,
    size: r.size as number | null,
    durationSeconds: r.duration_seconds as number | null,
    sha256: r.sha256 as string | null,
    attempts: r.attempts as number,
    lastError: r.last_error as string | null,
    expiresAt: date(r.expires_at),
    storedAt: date(r.stored_at),
    createdAt: date(r.created_at)!,
  };
}
