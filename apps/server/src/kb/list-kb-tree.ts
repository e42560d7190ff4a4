import type { KbItemQuery, KbSearchHit, KbTree, Locale } from '@switchboard/contracts';
import { KbItemQuery as QuerySchema } from '@switchboard/contracts';
import type { Db } from '../db/index.js';
import { toKbCategory, toKbItemSummary } from './kb-dto.js';
import { listCategoryRows, listItemRows, listLanguages } from './kb-repository.js';
import { detectLanguage, searchKnowledgeBase } from './search-knowledge-base.js';

/** The editor's view of a client's knowledge base: categories, items (titles only) and its languages. */
export async function listKbTree(db: Db, clientId: string, query: KbItemQuery): Promise<KbTree> {
  const filter = QuerySchema.parse(query);
  const [categories, items, languages] = await Promise.all([
    listCategoryRows(db, clientId),
    listItemRows(db, clientId, filter),
    listLanguages(db, clientId, false),
  ]);
  return {
    categories: categories.map(toKbCategory),
    items: items.map(toKbItemSummary),
    languages: languages as Locale[],
  };
}

/** Agents and client users searching the knowledge base: internal and public items alike. */
export async function searchKbItems(db: Db, clientId: string, query: KbItemQuery): Promise<KbSearchHit[]> {
  const filter = QuerySchema.parse(query);
  const text = filter.q ?? '';
  const hits = await searchKnowledgeBase(db, {
    clientId,
    text,
    language: filter.language ?? detectLanguage(text, 'en'),
    ...(filter.kind ? { kinds: [filter.kind] } : {}),
    limit: Math.min(filter.limit, 50),
  });
  return hits.map((hit) => ({
    ...toKbItemSummary(hit),
    bodyHtml: hit.bodyHtml,
    bodyText: hit.bodyText,
    score: hit.score,
  }));
}
