import type { KbItem, UpdateKbItemRequest } from '@switchboard/contracts';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import { itemText } from './create-kb-item.js';
import { toKbItem } from './kb-dto.js';
import { editorColumns, type KbEditor } from './kb-editor.js';
import { findCategoryRow, findItemRow, insertVersionRow, updateItemRow } from './kb-repository.js';

/** Saves a change as the item's next version; the previous versions stay readable. */
export async function updateKbItem(
  db: Db,
  options: { clientId: string; itemId: string; editor: KbEditor; input: UpdateKbItemRequest },
): Promise<KbItem> {
  const { clientId, itemId, editor, input } = options;
  return db.transaction(async (tx) => {
    const current = await findItemRow(tx, clientId, itemId, { forUpdate: true });
    if (!current) throw notFound('Item');
    if (input.categoryId && !(await findCategoryRow(tx, clientId, input.categoryId))) throw notFound('Category');
    const title = input.title ?? current.title;
    const keywords = input.keywords ?? current.keywords;
    const textChanged = input.title !== undefined || input.body !== undefined || input.keywords !== undefined;
    const text = textChanged ? itemText({ title, keywords, body: input.body ?? current.bodyHtml }) : {};
    const version = current.version + 1;
    const row = await updateItemRow(tx, clientId, itemId, {
      title,
      keywords,
      ...text,
      ...(input.visibility ? { visibility: input.visibility } : {}),
      ...(input.categoryId !== undefined ? { categoryId: input.categoryId } : {}),
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.archived !== undefined ? { archived: input.archived } : {}),
      version,
      updatedByName: editor.name,
    });
    await insertVersionRow(tx, {
      clientId,
      itemId,
      version,
      title: row.title,
      bodyHtml: row.bodyHtml,
      keywords: row.keywords,
      visibility: row.visibility,
      ...editorColumns(editor),
    });
    await recordAudit(tx, editor.scope, {
      clientId,
      action: 'kb.item_updated',
      entity: 'kb_item',
      entityId: itemId,
      data: { version, fields: Object.keys(input) },
    });
    return toKbItem(row);
  });
}
