import type { CreateKbCategoryRequest, KbCategory, UpdateKbCategoryRequest } from '@switchboard/contracts';
import { CreateKbCategoryRequest as CreateSchema } from '@switchboard/contracts';
import { recordAudit } from '../audit/index.js';
import type { DbOrTx } from '../db/index.js';
import { AppError, notFound } from '../platform/errors.js';
import { toKbCategory } from './kb-dto.js';
import type { KbEditor } from './kb-editor.js';
import { findCategoryRow, insertCategoryRow, updateCategoryRow } from './kb-repository.js';

/** A new branch of the Q&A tree; its parent must be the same client's. */
export async function createKbCategory(
  db: DbOrTx,
  options: { clientId: string; editor: KbEditor; input: CreateKbCategoryRequest },
): Promise<KbCategory> {
  const input = CreateSchema.parse(options.input);
  if (input.parentId && !(await findCategoryRow(db, options.clientId, input.parentId))) throw notFound('Category');
  const row = await insertCategoryRow(db, { clientId: options.clientId, ...input });
  await recordAudit(db, options.editor.scope, {
    clientId: options.clientId,
    action: 'kb.category_created',
    entity: 'kb_category',
    entityId: row.id,
  });
  return toKbCategory(row);
}

/** Renames or moves a category; a category never becomes its own parent. */
export async function updateKbCategory(
  db: DbOrTx,
  options: { clientId: string; categoryId: string; editor: KbEditor; input: UpdateKbCategoryRequest },
): Promise<KbCategory> {
  const { clientId, categoryId, input } = options;
  if (!(await findCategoryRow(db, clientId, categoryId))) throw notFound('Category');
  if (input.parentId === categoryId) throw new AppError('KB_CATEGORY_IN_ITSELF', 'A category cannot contain itself.');
  if (input.parentId && !(await findCategoryRow(db, clientId, input.parentId))) throw notFound('Category');
  const row = await updateCategoryRow(db, clientId, categoryId, input);
  await recordAudit(db, options.editor.scope, {
    clientId,
    action: 'kb.category_updated',
    entity: 'kb_category',
    entityId: categoryId,
  });
  return toKbCategory(row!);
}
