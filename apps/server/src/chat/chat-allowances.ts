import { networkOf } from '../platform/network/index.js';

/** A fixed-window count per key (a network, an inbox, an address): `max` per `windowMs`, memory bounded. */
export function windowCounter(max: number, windowMs: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  const room = (key: string, at: number) => {
    const w = windows.get(key);
    return !w || at - w.start >= windowMs ? max : max - w.count;
  };
  return {
    room: (key: string) => room(key, now()),
    take(key: string) {
      const at = now();
      const w = windows.get(key);
      if (!w || at - w.start >= windowMs) {
        windows.delete(key);
        windows.set(key, { start: at, count: 1 });
      } else w.count += 1;
      // Oldest windows first (insertion order): a flood of keys cannot grow the map without bound.
      if (windows.size > 50_000) {
        for (const [k, v] of windows) {
          if (windows.size <= 40_000 && at - v.start < windowMs) break;
          windows.delete(k);
        }
      }
    },
  };
}

type Counter = ReturnType<typeof windowCounter>;

/** True and counted in every window when each has room; nothing counted otherwise. */
export function takeAll(...counts: [Counter, string][]): boolean {
  if (counts.some(([counter, key]) => counter.room(key) < 1)) return false;
  for (const [counter, key] of counts) counter.take(key);
  return true;
}

export type ChatAllowanceLimits = {
  /** Visitors the chat has not seen before, per network (IP) and per inbox, per minute. */
  newVisitorsPerIp: number;
  newVisitorsPerInbox: number;
  /** Chats opened, per network and per inbox, per minute. */
  newChatsPerIp: number;
  newChatsPerInbox: number;
  /** Transcripts mailed, per visitor, per address and per network, per hour. */
  transcriptsPerVisitor: number;
  transcriptsPerAddress: number;
  transcriptsPerIp: number;
};

export const defaultChatAllowances: ChatAllowanceLimits = {
  newVisitorsPerIp: 60,
  newVisitorsPerInbox: 6000,
  newChatsPerIp: 20,
  newChatsPerInbox: 600,
  transcriptsPerVisitor: 5,
  transcriptsPerAddress: 5,
  transcriptsPerIp: 20,
};

const minute = 60_000;
const hour = 60 * minute;

/**
 * What one process lets the widgets open: new visitors, new chats, transcripts by e-mail. Counted in
 * memory per process (a restart or a second node starts afresh): they stop a flood from one place.
 */
export function chatAllowances(limits: ChatAllowanceLimits) {
  const visitorsByIp = windowCounter(limits.newVisitorsPerIp, minute);
  const visitorsByInbox = windowCounter(limits.newVisitorsPerInbox, minute);
  const chatsByIp = windowCounter(limits.newChatsPerIp, minute);
  const chatsByInbox = windowCounter(limits.newChatsPerInbox, minute);
  const transcriptsByVisitor = windowCounter(limits.transcriptsPerVisitor, hour);
  const transcriptsByAddress = windowCounter(limits.transcriptsPerAddress, hour);
  const transcriptsByIp = windowCounter(limits.transcriptsPerIp, hour);
  return {
    newVisitor: (ip: string, inboxId: string) => takeAll([visitorsByIp, networkOf(ip)], [visitorsByInbox, inboxId]),
    newChat: (ip: string, inboxId: string) => takeAll([chatsByIp, networkOf(ip)], [chatsByInbox, inboxId]),
    transcript: (visitor: string, address: string, ip: string) =>
      takeAll(
        [transcriptsByVisitor, visitor],
        [transcriptsByAddress, address.toLowerCase()],
        [transcriptsByIp, networkOf(ip)],
      ),
  };
}

export type ChatAllowances = ReturnType<typeof chatAllowances>;
