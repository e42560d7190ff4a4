import type { KbItemDetail, Locale } from '@switchboard/contracts';
import type { DbOrTx } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import { toKbItem } from './kb-dto.js';
import { findItemRow, listVariantRows, listVersionRows } from './kb-repository.js';

/** One item for the editor: its text, every version with who saved it, and its other languages. */
export async function getKbItem(db: DbOrTx, clientId: string, itemId: string): Promise<KbItemDetail> {
  const row = await findItemRow(db, clientId, itemId);
  if (!row) throw notFound('Item');
  const [versions, variants] = await Promise.all([
    listVersionRows(db, clientId, itemId),
    listVariantRows(db, clientId, row.groupId),
  ]);
  return {
    ...toKbItem(row),
    versions: versions.map((v) => ({
      version: v.version,
      title: v.title,
      bodyHtml: v.bodyHtml,
      keywords: v.keywords,
      visibility: v.visibility,
      editorName: v.editorName,
      createdAt: v.createdAt.toISOString(),
    })),
    variants: variants
      .filter((variant) => variant.id !== row.id)
      .map((variant) => ({ id: variant.id, language: variant.language as Locale, title: variant.title })),
  };
}
