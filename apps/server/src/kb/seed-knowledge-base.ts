import type { Locale } from '@switchboard/contracts';
import type { DbOrTx } from '../db/index.js';
import { createKbItem } from './create-kb-item.js';
import { acmeKnowledge } from './demo/acme-knowledge.js';
import type { DemoKnowledge } from './demo/demo-knowledge.js';
import { golestanKnowledge } from './demo/golestan-knowledge.js';
import { createKbCategory } from './manage-kb-categories.js';

export const demoKnowledge: Record<string, DemoKnowledge> = { acme: acmeKnowledge, golestan: golestanKnowledge };

/** Item key → its id per language, for the evaluation set. */
export type SeededKnowledge = Map<string, Partial<Record<Locale, string>>>;

/**
 * Writes a demo client's knowledge base inside the caller's transaction (the demo seed's, so a crash
 * never leaves half of it). `knowledge` defaults to the demo client of that slug; unknown slugs get none.
 */
export async function seedKnowledgeBase(
  tx: DbOrTx,
  options: { clientId: string; slug: string; knowledge?: DemoKnowledge },
): Promise<SeededKnowledge> {
  const seeded: SeededKnowledge = new Map();
  const knowledge = options.knowledge ?? demoKnowledge[options.slug];
  if (!knowledge) return seeded;
  const editor = { scope: 'system' as const, name: 'Onboarding' };
  const categoryIds = new Map<string, string>();
  for (const [position, category] of knowledge.categories.entries()) {
    const created = await createKbCategory(tx, {
      clientId: options.clientId,
      editor,
      input: { names: category.names, position },
    });
    categoryIds.set(category.key, created.id);
  }
  for (const item of knowledge.items) {
    const ids: Partial<Record<Locale, string>> = {};
    for (const language of ['en', 'fa'] as const) {
      const text = item[language];
      if (!text) continue;
      const variantOf = ids.en ?? ids.fa;
      const created = await createKbItem(tx, {
        clientId: options.clientId,
        editor,
        input: {
          kind: item.kind,
          language,
          visibility: item.visibility,
          categoryId: categoryIds.get(item.category) ?? null,
          title: text.title,
          body: text.body,
          keywords: text.keywords ?? '',
          ...(variantOf ? { variantOf } : {}),
        },
      });
      ids[language] = created.id;
    }
    seeded.set(item.key, ids);
  }
  return seeded;
}
