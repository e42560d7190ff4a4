import type { DbOrTx } from '../db/index.js';
import { hasAgentWithChatRoom } from '../routing/index.js';
import { isClientOpen } from '../sla/index.js';
import type { ChatSettings } from './chat-repository.js';

/**
 * Whether the widget offers live chat now (else the message form): the client is open and an agent who
 * serves it can take a chat. The inbox's own hours, if any, apply before this.
 */
export type AgentAvailability = (target: {
  clientId: string;
  inboxId: string;
  /** The inbox keeps hours of its own (already applied), so the client's calendar does not. */
  inboxHours: boolean;
}) => Promise<boolean>;

export const alwaysAvailable: AgentAvailability = async () => true;

/**
 * The real answer: inside the client's business hours (its SLA calendar, unless the inbox keeps its own)
 * and an agent online, serving the client, with chat capacity left (routing's presence and load).
 */
export function presenceAvailability(db: DbOrTx, now: () => Date = () => new Date()): AgentAvailability {
  return async ({ clientId, inboxHours }) =>
    (inboxHours || (await isClientOpen(db, clientId, now()))) && hasAgentWithChatRoom(db, clientId);
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
