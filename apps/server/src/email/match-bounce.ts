import type { UnmatchedBounceReason } from '@switchboard/contracts';
import type { ReportedRecipient } from './read-delivery-report.js';

/** An e-mail we queued, as a bounce is checked against it. */
export type SentDelivery = {
  id: string;
  toAddress: string;
  sentAt: Date | null;
  conversationId: string | null;
  messageId: string | null;
};

export type BounceMatch =
  | { matched: true; delivery: SentDelivery; recipient: ReportedRecipient }
  | { matched: false; reason: UnmatchedBounceReason };

/**
 * Whether a bounce is about an e-mail we actually sent: anyone can write a report naming a Message-ID,
 * so it counts only when its delivery-status part says a recipient failed and that recipient (final or
 * original) is the one the e-mail with that Message-ID was sent to.
 */
export function matchBounce(
  bounce: { originalMessageId: string | null; report: { recipients: ReportedRecipient[] } | null } | null,
  deliveries: SentDelivery[],
): BounceMatch {
  if (!bounce?.report) return { matched: false, reason: 'no_report' };
  const failed = bounce.report.recipients.filter((r) => r.action === 'failed');
  if (failed.length === 0) return { matched: false, reason: 'not_failed' };
  if (!bounce.originalMessageId || deliveries.length === 0) return { matched: false, reason: 'unknown_message' };
  const sent = deliveries.filter((d) => d.sentAt !== null && d.conversationId !== null);
  if (sent.length === 0) return { matched: false, reason: 'not_sent' };
  for (const delivery of sent) {
    const to = delivery.toAddress.toLowerCase();
    const recipient = failed.find((r) => r.finalRecipient === to || r.originalRecipient === to);
    if (recipient) return { matched: true, delivery, recipient };
  }
  return { matched: false, reason: 'recipient_mismatch' };
}
