import { createHash } from 'node:crypto';
import type { ParsedEmail } from './parse-email.js';

/**
 * What makes two deliveries of one Message-ID the same message: sender, subject, date, text, HTML and
 * attachment bytes, as parsed. Trace headers (Received, Delivered-To) are left out, so the same mail
 * by SMTP and by IMAP, or resent by a relay, is still recognised as one.
 */
export function fingerprintEmailContent(email: ParsedEmail): string {
  const hash = createHash('sha256').update(
    JSON.stringify([
      email.from.address,
      email.subject,
      email.date?.toISOString() ?? null,
      email.latestText,
      email.quotedText,
      email.html,
    ]),
  );
  for (const file of email.attachments) hash.update(createHash('sha256').update(file.content).digest());
  return hash.digest('hex');
}

/** The desk message's source id for a message that reuses a Message-ID: unique beside the first one's. */
export const reusedMessageSourceId = (rfcMessageId: string, contentHash: string) => `${rfcMessageId}#${contentHash}`;
