import type { KbCategory, KbItem, KbItemSummary, Locale } from '@switchboard/contracts';
import type { KbCategoryRow, KbItemRow } from './kb-repository.js';

export const toKbCategory = (row: KbCategoryRow): KbCategory => ({
  id: row.id,
  parentId: row.parentId,
  names: row.names,
  position: row.position,
});

export const toKbItemSummary = (row: KbItemRow): KbItemSummary => ({
  id: row.id,
  groupId: row.groupId,
  categoryId: row.categoryId,
  kind: row.kind,
  language: row.language as Locale,
  visibility: row.visibility,
  title: row.title,
  version: row.version,
  usageCount: row.usageCount,
  updatedAt: new Date(row.updatedAt).toISOString(),
  updatedByName: row.updatedByName,
});

export const toKbItem = (row: KbItemRow): KbItem => ({
  ...toKbItemSummary(row),
  bodyHtml: row.bodyHtml,
  bodyText: row.bodyText,
  keywords: row.keywords,
});
