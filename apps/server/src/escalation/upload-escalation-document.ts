import { createHash } from 'node:crypto';
import type { EscalationDocument } from '@switchboard/contracts';
import { recordAudit } from '../audit/index.js';
import { appendTimelineEntries } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import { AppError } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import type { Storage } from '../platform/storage/index.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { messageCreated } from './announce-escalation.js';
import { findConversationClient } from './find-conversation-client.js';

export type UploadEscalationDocumentInput = {
  scope: Scope;
  agent: { id: string; name: string };
  conversationId: string;
  filename: string;
  contentType: string;
  data: Buffer;
};

/**
 * Keeps a document an agent chose for the customer, on the conversation's client, as an internal note
 * carrying the file ("Document for the customer: …"), so the upload is on the timeline and the escalation
 * may send it (findSendableAttachments: a file of this conversation). A foreign conversation is not found.
 */
export async function uploadEscalationDocument(
  db: Db,
  storage: Storage,
  events: DeskEventPublisher,
  input: UploadEscalationDocumentInput,
): Promise<EscalationDocument> {
  const clientId = await findConversationClient(db, input.scope, input.conversationId);
  if (input.data.length === 0) throw new AppError('FILE_BODY_REQUIRED', 'Send the file as the request body.');
  const sha256 = createHash('sha256').update(input.data).digest('hex');
  // Content-addressed under the client: the same file uploaded twice is stored once.
  const storageKey = `${clientId}/documents/${sha256}`;
  await storage.put(storageKey, input.data);
  const stored = await db.transaction(async (tx) => {
    const {
      entries: [note],
    } = await appendTimelineEntries(tx, [
      {
        clientId,
        conversationId: input.conversationId,
        kind: 'note',
        author: { type: 'agent', id: input.agent.id, name: input.agent.name },
        text: `Document for the customer: ${input.filename}`,
        visibleToClient: false,
        attachments: [
          { filename: input.filename, contentType: input.contentType, size: input.data.length, storageKey, sha256 },
        ],
      },
    ]);
    const fileId = note!.attachmentIds[0]!;
    await recordAudit(tx, input.scope, {
      clientId,
      action: 'escalation.document-uploaded',
      entity: 'conversation',
      entityId: input.conversationId,
      data: { attachmentId: fileId, filename: input.filename, size: input.data.length, sha256 },
    });
    return { noteId: note!.id, fileId };
  });
  await events.publish(messageCreated(clientId, input.conversationId, stored.noteId, true));
  return { id: stored.fileId, filename: input.filename, contentType: input.contentType, size: input.data.length };
}
