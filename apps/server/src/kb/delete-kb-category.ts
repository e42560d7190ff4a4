import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import type { KbEditor } from './kb-editor.js';
import { deleteCategoryRow, findCategoryRow, reparentCategoryContents } from './kb-repository.js';

/**
 * Removes a branch of the Q&A tree without losing what hangs on it: its items and sub-categories move
 * up to its parent (items of a top-level category become uncategorised).
 */
export async function deleteKbCategory(
  db: Db,
  options: { clientId: string; categoryId: string; editor: KbEditor },
): Promise<void> {
  const { clientId, categoryId } = options;
  await db.transaction(async (tx) => {
    const category = await findCategoryRow(tx, clientId, categoryId);
    if (!category) throw notFound('Category');
    await reparentCategoryContents(tx, clientId, categoryId, category.parentId);
    await deleteCategoryRow(tx, clientId, categoryId);
    await recordAudit(tx, options.editor.scope, {
      clientId,
      action: 'kb.category_deleted',
      entity: 'kb_category',
      entityId: categoryId,
    });
  });
}
