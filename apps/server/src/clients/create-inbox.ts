import { randomBytes } from 'node:crypto';
import type { CreateInboxRequest, Inbox } from '@switchboard/contracts';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { inboxes } from '../db/schema.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { findClient, toInbox } from './client-repository.js';
import { sealInboxSettings } from './seal-inbox-settings.js';

/** The inbox key is public (it sits in the widget snippet); secrets for webhooks live in settings later. */
export const newInboxKey = () => randomBytes(18).toString('base64url');

export async function createInbox(
  db: Db,
  scope: Scope,
  clientId: string,
  input: z.infer<typeof CreateInboxRequest>,
): Promise<Inbox> {
  return db.transaction(async (tx) => {
    if (!(await findClient(tx, clientId))) throw notFound('Client');
    const sealed = sealInboxSettings(input.settings);
    const [row] = await tx
      .insert(inboxes)
      .values({
        clientId,
        name: input.name,
        channel: input.settings.channel,
        key: newInboxKey(),
        settings: sealed.stored,
      })
      .returning();
    await recordAudit(tx, scope, {
      clientId,
      action: 'inbox.created',
      entity: 'inbox',
      entityId: row!.id,
      data: { ...input, settings: sealed.audited },
    });
    const inbox = toInbox(row!);
    // Shown this once, to the manager who set it; redacted in every later response.
    if (inbox.settings.channel === 'chat' && input.settings.channel === 'chat' && input.settings.identitySecret) {
      return { ...inbox, settings: { ...inbox.settings, identitySecret: input.settings.identitySecret } };
    }
    return inbox;
  });
}
