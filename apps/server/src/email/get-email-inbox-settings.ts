import type { EmailInboxSettings } from '@switchboard/contracts';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import { assertClientInScope, type Scope } from '../platform/scope.js';
import { findEmailInbox } from './email-repository.js';

type StoredImap = {
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  password?: string;
  mailbox?: string;
  allowSelfSignedCertificate?: boolean;
};

/** An e-mail inbox's settings as the admin form shows them: whether a secret or password is set, never its value. */
export async function getEmailInboxSettings(
  db: Db,
  options: { scope: Scope; clientId: string; inboxId: string },
): Promise<EmailInboxSettings> {
  assertClientInScope(options.scope, options.clientId);
  const inbox = await findEmailInbox(db, options.clientId, options.inboxId);
  if (!inbox) throw notFound('Inbox');
  const imap = inbox.imap as StoredImap | null;
  return {
    signature: inbox.signature,
    webhookSecretSet: inbox.webhookSecret !== null,
    imap: imap
      ? {
          host: imap.host ?? '',
          port: imap.port ?? 993,
          secure: imap.secure ?? true,
          user: imap.user ?? '',
          mailbox: imap.mailbox ?? 'INBOX',
          passwordSet: Boolean(imap.password),
          allowSelfSignedCertificate: imap.allowSelfSignedCertificate === true,
        }
      : null,
    autoAck: inbox.autoAck,
  };
}
