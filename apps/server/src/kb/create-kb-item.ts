import { randomUUID } from 'node:crypto';
import type { CreateKbItemRequest, KbItem } from '@switchboard/contracts';
import { CreateKbItemRequest as CreateSchema } from '@switchboard/contracts';
import { recordAudit } from '../audit/index.js';
import type { DbOrTx } from '../db/index.js';
import { AppError, notFound } from '../platform/errors.js';
import { toKbItem } from './kb-dto.js';
import { editorColumns, type KbEditor } from './kb-editor.js';
import { findCategoryRow, findItemRow, insertItemRow, insertVersionRow, listVariantRows } from './kb-repository.js';
import { normaliseText } from './normalise-text.js';
import { kbHtmlToText, sanitizeKbHtml } from './sanitize-kb-html.js';

/** The stored, searchable form of an item's text: sanitised HTML, its plain text, normalised search columns. */
export function itemText(input: { title: string; body: string; keywords: string }) {
  const bodyHtml = sanitizeKbHtml(input.body);
  const bodyText = kbHtmlToText(bodyHtml);
  return {
    bodyHtml,
    bodyText,
    searchTitle: normaliseText(`${input.title} ${input.keywords}`),
    searchBody: normaliseText(bodyText),
  };
}

/** A new item (or a new language variant of one), with its first version. Runs inside the caller's transaction. */
export async function createKbItem(
  tx: DbOrTx,
  options: { clientId: string; editor: KbEditor; input: CreateKbItemRequest },
): Promise<KbItem> {
  const input = CreateSchema.parse(options.input);
  const { clientId, editor } = options;
  if (input.categoryId && !(await findCategoryRow(tx, clientId, input.categoryId))) throw notFound('Category');
  let groupId: string = randomUUID();
  if (input.variantOf) {
    const original = await findItemRow(tx, clientId, input.variantOf);
    if (!original) throw notFound('Item');
    const variants = await listVariantRows(tx, clientId, original.groupId);
    if (variants.some((variant) => variant.language === input.language)) {
      throw new AppError('KB_VARIANT_EXISTS', `This item already has a ${input.language} variant.`);
    }
    groupId = original.groupId;
  }
  const row = await insertItemRow(tx, {
    clientId,
    groupId,
    categoryId: input.categoryId,
    kind: input.kind,
    language: input.language,
    visibility: input.visibility,
    title: input.title,
    keywords: input.keywords,
    ...itemText(input),
    updatedByName: editor.name,
  });
  await insertVersionRow(tx, {
    clientId,
    itemId: row.id,
    version: 1,
    title: row.title,
    bodyHtml: row.bodyHtml,
    keywords: row.keywords,
    visibility: row.visibility,
    ...editorColumns(editor),
  });
  await recordAudit(tx, editor.scope, {
    clientId,
    action: 'kb.item_created',
    entity: 'kb_item',
    entityId: row.id,
    data: { kind: row.kind, language: row.language },
  });
  return toKbItem(row);
}
