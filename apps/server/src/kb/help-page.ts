import type { HelpArticle, HelpPage, Locale } from '@switchboard/contracts';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import { toKbCategory } from './kb-dto.js';
import { findClientBySlug, listCategoryRows, listItemRows, listLanguages } from './kb-repository.js';
import { searchKnowledgeBase } from './search-knowledge-base.js';

/** The public face of a client's knowledge base: only public items, in the languages it has them. */
export async function getHelpPage(db: Db, slug: string): Promise<HelpPage> {
  const client = await findClientBySlug(db, slug);
  if (!client) throw notFound('Help page');
  const [languages, categories] = await Promise.all([
    listLanguages(db, client.id, true),
    listCategoryRows(db, client.id),
  ]);
  const defaultLanguage = (
    languages.includes(client.locale) ? client.locale : (languages[0] ?? client.locale)
  ) as Locale;
  return {
    clientName: client.name,
    slug: client.slug,
    languages: (languages.length > 0 ? languages : [defaultLanguage]) as Locale[],
    defaultLanguage,
    categories: categories.map(toKbCategory),
  };
}

/** Public items matching the visitor's words, or all of them in the language when there are none. */
export async function searchHelpPage(
  db: Db,
  slug: string,
  query: { q?: string | undefined; language?: Locale | undefined },
): Promise<HelpArticle[]> {
  const client = await findClientBySlug(db, slug);
  if (!client) throw notFound('Help page');
  const language = query.language ?? (client.locale as Locale);
  const toArticle = (row: {
    id: string;
    categoryId: string | null;
    kind: HelpArticle['kind'];
    title: string;
    bodyHtml: string;
  }) => ({
    id: row.id,
    categoryId: row.categoryId,
    kind: row.kind,
    title: row.title,
    bodyHtml: row.bodyHtml,
  });
  if (!query.q?.trim()) {
    const rows = await listItemRows(db, client.id, { language, limit: 200 });
    return rows.filter((row) => row.visibility === 'public' && row.kind !== 'script').map(toArticle);
  }
  const hits = await searchKnowledgeBase(db, {
    clientId: client.id,
    text: query.q,
    language,
    kinds: ['answer', 'article'],
    publicOnly: true,
    limit: 20,
  });
  return hits.map(toArticle);
}
