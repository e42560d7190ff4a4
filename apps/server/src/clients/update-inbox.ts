import type { Inbox, UpdateInboxRequest } from '@switchboard/contracts';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { inboxes } from '../db/schema.js';
import { AppError, notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { findInbox, toInbox } from './client-repository.js';
import { sealInboxSettings } from './seal-inbox-settings.js';

export async function updateInbox(
  db: Db,
  scope: Scope,
  clientId: string,
  inboxId: string,
  input: z.infer<typeof UpdateInboxRequest>,
): Promise<Inbox> {
  return db.transaction(async (tx) => {
    const current = await findInbox(tx, clientId, inboxId);
    if (!current) throw notFound('Inbox');
    // Conversations hang off the inbox's channel; changing the channel type would orphan their meaning.
    if (input.settings && input.settings.channel !== current.channel) {
      throw new AppError('INBOX_CHANNEL_FIXED', 'An inbox cannot change its channel type; create a new inbox.');
    }
    const sealed = input.settings && sealInboxSettings(input.settings, current.settings.identitySecret);
    const [row] = await tx
      .update(inboxes)
      .set({ ...input, ...(sealed && { settings: sealed.stored }) })
      .where(and(eq(inboxes.clientId, clientId), eq(inboxes.id, inboxId)))
      .returning();
    await recordAudit(tx, scope, {
      clientId,
      action: 'inbox.updated',
      entity: 'inbox',
      entityId: inboxId,
      data: { ...input, ...(sealed && { settings: sealed.audited }) },
    });
    return toInbox(row!);
  });
}
