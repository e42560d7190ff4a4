import { networkOf } from '../platform/network/index.js';

type Session = { remoteAddress: string };

/**
 * Per-sender limits of the SMTP listener that smtp-server does not keep itself: sessions open at once
 * from one address (an IPv6 /64 counts as one address: a host usually holds the whole prefix) and
 * unknown recipients named in one session (a directory harvest).
 */
export function createSmtpSessionLimits(limits: { sessionsPerAddress: number; failedRecipients: number }) {
  const openByAddress = new Map<string, number>();
  // The address a session was counted under; only sessions let in are counted, so only they are released.
  const counted = new WeakMap<Session, string>();
  const failedRecipients = new WeakMap<Session, number>();
  return {
    /** On connect: false when the session's address already has its fill of open sessions. */
    admit(session: Session): boolean {
      const key = networkOf(session.remoteAddress);
      const open = openByAddress.get(key) ?? 0;
      if (open >= limits.sessionsPerAddress) return false;
      openByAddress.set(key, open + 1);
      counted.set(session, key);
      return true;
    },
    release(session: Session) {
      const key = counted.get(session);
      if (key === undefined) return;
      counted.delete(session);
      const open = (openByAddress.get(key) ?? 1) - 1;
      if (open > 0) openByAddress.set(key, open);
      else openByAddress.delete(key);
    },
    /** Counts an unknown recipient; true once the session has named more than it may. */
    refusedRecipient(session: Session): boolean {
      const failed = (failedRecipients.get(session) ?? 0) + 1;
      failedRecipients.set(session, failed);
      return failed > limits.failedRecipients;
    },
  };
}
