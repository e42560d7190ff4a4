import type { Call, CallListQuery, CallRecording } from '@switchboard/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/index.js';
import type { Scope } from '../platform/scope.js';
import { type ClientReach, isEveryClient } from '../platform/scope.js';
import { listRecordingsOfCalls, type RecordingRow } from './phone-repository.js';
import { mayHearRecording } from './recordings/may-hear-recording.js';

type CallJoinRow = {
  id: string;
  client_id: string;
  client_name: string;
  conversation_id: string;
  conversation_number: number;
  line_id: string;
  line_name: string;
  line_number: string;
  direction: 'inbound' | 'outbound';
  state: Call['state'];
  from_number: string;
  to_number: string;
  contact_id: string;
  contact_name: string;
  contact_phone: string | null;
  agent_id: string | null;
  agent_name: string | null;
  started_at: string | Date;
  answered_at: string | Date | null;
  ended_at: string | Date | null;
  duration_seconds: number | null;
  end_cause: string | null;
  result_code: Call['resultCode'];
  result_notes: string | null;
  next_action: string | null;
  callback_task_id: string | null;
};

const iso = (value: string | Date) => new Date(value).toISOString();
const isoOrNull = (value: string | Date | null) => (value === null ? null : iso(value));

/** `audible: false` keeps the recording's facts but not the way to play it (see mayHearRecording). */
export function recordingDto(row: RecordingRow, audible = true): CallRecording {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as CallRecording['status'],
    size: row.size,
    durationSeconds: row.durationSeconds,
    sha256: row.sha256,
    contentType: row.contentType,
    audioUrl: audible && row.status === 'stored' ? `/api/v1/phone/recordings/${row.id}/audio` : null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Calls of the clients in scope, newest first, filtered for the recordings panel (client, agent,
 * dates, result). The scope's client ids lead the query, so a client user only ever sees their own.
 */
export async function listCalls(
  db: DbOrTx,
  clientIds: ClientReach,
  query: Partial<CallListQuery> & { callIds?: string[] },
  /** Whose ears: recordings this scope may not hear come without their audio. */
  listener: Scope,
): Promise<Call[]> {
  if (!isEveryClient(clientIds) && clientIds.length === 0) return [];
  const where: SQL[] = [];
  if (!isEveryClient(clientIds))
    where.push(
      sql`pc.client_id IN (${sql.join(
        clientIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  if (query.clientId) where.push(sql`pc.client_id = ${query.clientId}::uuid`);
  if (query.agentId) where.push(sql`pc.agent_id = ${query.agentId}::uuid`);
  if (query.resultCode) where.push(sql`pc.result_code = ${query.resultCode}`);
  if (query.state) where.push(sql`pc.state = ${query.state}`);
  if (query.conversationId) where.push(sql`pc.conversation_id = ${query.conversationId}::uuid`);
  if (query.callIds)
    where.push(
      sql`pc.id IN (${sql.join(
        query.callIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  if (query.from) where.push(sql`pc.started_at >= ${query.from}::date`);
  if (query.to) where.push(sql`pc.started_at < ${query.to}::date + 1`);
  if (query.withRecording === 'true')
    where.push(
      sql`EXISTS (SELECT 1 FROM phone_recordings r WHERE r.client_id = pc.client_id AND r.call_id = pc.id AND r.status = 'stored')`,
    );
  const rows = await queryRows<CallJoinRow>(
    db,
    sql`SELECT pc.id, pc.client_id, cl.name AS client_name, pc.conversation_id, cv.number AS conversation_number,
          pc.line_id, pl.name AS line_name, pl.number AS line_number, pc.direction, pc.state, pc.from_number,
          pc.to_number, pc.contact_id, ct.name AS contact_name, ct.phone AS contact_phone, pc.agent_id,
          au.name AS agent_name, pc.started_at, pc.answered_at, pc.ended_at, pc.duration_seconds, pc.end_cause,
          pc.result_code, pc.result_notes, pc.next_action, pc.callback_task_id
        FROM phone_calls pc
        JOIN clients cl ON cl.id = pc.client_id
        JOIN conversations cv ON cv.client_id = pc.client_id AND cv.id = pc.conversation_id
        JOIN phone_lines pl ON pl.client_id = pc.client_id AND pl.id = pc.line_id
        JOIN contacts ct ON ct.client_id = pc.client_id AND ct.id = pc.contact_id
        LEFT JOIN agency_users au ON au.id = pc.agent_id
        ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
        ORDER BY pc.started_at DESC, pc.id
        LIMIT ${query.limit ?? 50}`,
  );
  const recordings = await listRecordingsOfCalls(
    db,
    [...new Set(rows.map((row) => row.client_id))],
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    clientId: row.client_id,
    clientName: row.client_name,
    conversationId: row.conversation_id,
    conversationNumber: row.conversation_number,
    lineId: row.line_id,
    lineName: row.line_name,
    lineNumber: row.line_number,
    direction: row.direction,
    state: row.state,
    fromNumber: row.from_number,
    toNumber: row.to_number,
    contact: { id: row.contact_id, name: row.contact_name, phone: row.contact_phone },
    agent: row.agent_id ? { id: row.agent_id, name: row.agent_name ?? '' } : null,
    startedAt: iso(row.started_at),
    answeredAt: isoOrNull(row.answered_at),
    endedAt: isoOrNull(row.ended_at),
    durationSeconds: row.duration_seconds,
    endCause: row.end_cause,
    resultCode: row.result_code,
    resultNotes: row.result_notes,
    nextAction: row.next_action,
    callbackTaskId: row.callback_task_id,
    recordings: recordings
      .filter((recording) => recording.callId === row.id)
      .map((recording) => recordingDto(recording, mayHearRecording(listener, recording, { agentId: row.agent_id }))),
  }));
}
