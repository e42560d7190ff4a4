import { type UnmatchedBounceList, UnmatchedBounceReason } from '@switchboard/contracts';
import { z } from 'zod';
import type { DbOrTx } from '../db/index.js';
import { decodeCursor, encodeCursor } from '../platform/cursor.js';
import { readableClientIds, type Scope } from '../platform/scope.js';
import { listUnmatchedBounces as listUnmatchedBounceRows } from './email-repository.js';

/** What `receiveEmail` keeps in `email_messages.bounce` for a bounce it could not match (read back leniently). */
const StoredBounce = z.object({
  originalMessageId: z.string().nullable().catch(null),
  recipients: z
    .array(z.object({ finalRecipient: z.string().nullable(), originalRecipient: z.string().nullable() }))
    .catch([]),
  status: z.string().nullable().catch(null),
  diagnostic: z.string().nullable().catch(null),
  reason: UnmatchedBounceReason.catch('no_report'),
});

/** The bounces that marked no delivery failed, newest first, one page after the cursor, for the agency's managers. */
export async function listUnmatchedBounces(
  db: DbOrTx,
  options: { scope: Scope; cursor?: string | undefined; limit: number },
): Promise<UnmatchedBounceList> {
  const after = decodeCursor(options.cursor);
  const rows = await listUnmatchedBounceRows(db, readableClientIds(options.scope), after, options.limit + 1);
  const shown = rows.slice(0, options.limit);
  const last = shown.at(-1);
  return {
    items: shown.map((row) => {
      const reported = StoredBounce.parse(row.bounce ?? {});
      return {
        id: row.id,
        clientId: row.clientId,
        inboxId: row.inboxId,
        inboxName: row.inboxName,
        inboxAddress: row.inboxAddress,
        rfcMessageId: row.rfcMessageId,
        from: row.fromAddress,
        subject: row.subject,
        originalMessageId: reported.originalMessageId,
        recipients: reported.recipients
          .map((r) => r.finalRecipient ?? r.originalRecipient)
          .filter((address) => address !== null),
        status: reported.status,
        diagnostic: reported.diagnostic,
        reason: reported.reason,
        createdAt: row.createdAt.toISOString(),
      };
    }),
    nextCursor:
      rows.length > options.limit && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
  };
}
