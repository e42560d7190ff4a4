import type { KbItem, Locale, SaveReplyAsAnswerRequest } from '@switchboard/contracts';
import { SaveReplyAsAnswerRequest as SaveSchema } from '@switchboard/contracts';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import { assertClientInScope, type Scope } from '../platform/scope.js';
import { createKbItem } from './create-kb-item.js';
import type { KbEditor } from './kb-editor.js';
import { findOutgoingMessage } from './kb-repository.js';

/** "Save this reply as an answer": a reply an agent sent becomes a knowledge-base answer of that client. */
export async function saveReplyAsAnswer(
  db: Db,
  options: { clientId: string; scope: Scope; editor: KbEditor; input: SaveReplyAsAnswerRequest },
): Promise<KbItem> {
  const input = SaveSchema.parse(options.input);
  assertClientInScope(options.scope, options.clientId);
  const message = await findOutgoingMessage(db, [options.clientId], input.messageId);
  if (!message) throw notFound('Message');
  return db.transaction((tx) =>
    createKbItem(tx, {
      clientId: options.clientId,
      editor: options.editor,
      input: {
        kind: 'answer',
        language: (message.language === 'fa' ? 'fa' : 'en') as Locale,
        visibility: input.visibility,
        categoryId: input.categoryId,
        title: input.title,
        body: message.body_text,
      },
    }),
  );
}
