import type { ChatAvailability } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/index.js';
import { isClientOpen } from '../sla/index.js';
import type { ChatSettings } from './chat-repository.js';

/**
 * What the widget offers now. `online`: an agent can take the chat at once. `busy`: agents of the client
 * are online but every one is at their chat capacity: the chat is accepted and waits in the queue until
 * routing hands it to the first who frees up (the widget says so, promising no instant answer). `offline`:
 * outside business hours, or nobody who serves the client is online for chat: the message form, which
 * becomes an e-mail conversation. The inbox's own hours, if any, apply before this.
 */
export type AgentAvailability = (target: {
  clientId: string;
  inboxId: string;
  /** The inbox keeps hours of its own (already applied), so the client's calendar does not. */
  inboxHours: boolean;
}) => Promise<ChatAvailability>;

export const alwaysAvailable: AgentAvailability = async () => 'online';

/**
 * The product's answer: inside the client's business hours (its SLA calendar, unless the inbox keeps its
 * own), then routing's presence and load: agents online, serving the client, with a chat capacity above 0;
 * `online` if one of them has a chat place left, else `busy`.
 */
export function presenceAvailability(db: DbOrTx, now: () => Date = () => new Date()): AgentAvailability {
  return async ({ clientId, inboxHours }) => {
    if (!inboxHours && !(await isClientOpen(db, clientId, now()))) return 'offline';
    return chatStaffing(db, clientId);
  };
}

/** One statement: whether any agent of the client is online for chat, and whether one has a place left. */
export async function chatStaffing(db: DbOrTx, clientId: string): Promise<ChatAvailability> {
  const [row] = await queryRows<{ staffed: boolean; room: boolean }>(
    db,
    sql`SELECT count(*) > 0 AS staffed, coalesce(bool_or(s.open_chats < s.capacity), false) AS room
      FROM (
        SELECT coalesce((u.capacity->>'chat')::int, 0) AS capacity,
          (SELECT count(*) FROM conversations c
            WHERE c.client_id IN (SELECT mine.client_id FROM agent_clients mine WHERE mine.agent_id = u.id)
              AND c.assignee_id = u.id AND c.channel = 'chat' AND c.status = 'open') AS open_chats
        FROM agent_clients ac JOIN agency_users u ON u.id = ac.agent_id
        WHERE ac.client_id = ${clientId} AND u.active AND u.presence = 'online'
          AND coalesce((u.capacity->>'chat')::int, 0) > 0
      ) s`,
  );
  return !row?.staffed ? 'offline' : row.room ? 'online' : 'busy';
}

/** Inside the inbox's business hours at `now`; an inbox without hours is always open. */
export function withinBusinessHours(settings: Pick<ChatSettings, 'businessHours'>, now: Date): boolean {
  const hours = settings.businessHours;
  if (!hours) return true;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: hours.timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(now);
  } catch {
    return true; // an unknown time zone must not close the chat for good
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(part('weekday'));
  const today = hours.days[day];
  if (!today) return false;
  const minutes = Number(part('hour')) * 60 + Number(part('minute'));
  const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  const open = toMinutes(today.open);
  const close = toMinutes(today.close);
  // A day that closes before it opens runs past midnight (e.g. 20:00–02:00).
  return close > open ? minutes >= open && minutes < close : minutes >= open || minutes < close;
}
