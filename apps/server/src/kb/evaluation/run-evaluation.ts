import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locale } from '@switchboard/contracts';
import type { Db } from '../../db/index.js';
import { searchKnowledgeBase } from '../search-knowledge-base.js';
import type { SeededKnowledge } from '../seed-knowledge-base.js';

export type EvaluationCase = { message: string; expected: string };
export type EvaluationSet = { client: string; language: Locale; cases: EvaluationCase[] };
export type EvaluationResult = {
  language: Locale;
  cases: number;
  precisionAt1: number;
  precisionAt3: number;
  misses: { message: string; expected: string; got: string[] }[];
};

const folder = path.dirname(fileURLToPath(import.meta.url));

/** The evaluation sets kept beside this file: customer messages, each with the item that should come first. */
export function loadEvaluationSets(): EvaluationSet[] {
  return ['acme.en.json', 'golestan.fa.json'].map(
    (file) => JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as EvaluationSet,
  );
}

/**
 * Asks the suggestion search (message mode, the customer's language) for every case and scores whether
 * the expected item is first (precision@1) or among the first three (precision@3).
 */
export async function runEvaluation(
  db: Db,
  sets: EvaluationSet[],
  clients: Record<string, { clientId: string; seeded: SeededKnowledge }>,
): Promise<EvaluationResult[]> {
  const results: EvaluationResult[] = [];
  for (const set of sets) {
    const client = clients[set.client];
    if (!client) throw new Error(`No client seeded for ${set.client}`);
    const keyOf = new Map<string, string>();
    for (const [key, ids] of client.seeded) for (const id of Object.values(ids)) keyOf.set(id, key);
    let at1 = 0;
    let at3 = 0;
    const misses: EvaluationResult['misses'] = [];
    for (const testCase of set.cases) {
      const hits = await searchKnowledgeBase(db, {
        clientId: client.clientId,
        text: testCase.message,
        language: set.language,
        kinds: ['answer', 'canned', 'article'],
        limit: 3,
        mode: 'message',
      });
      const keys = hits.map((hit) => keyOf.get(hit.id) ?? hit.id);
      if (keys[0] === testCase.expected) at1++;
      if (keys.includes(testCase.expected)) at3++;
      else misses.push({ message: testCase.message, expected: testCase.expected, got: keys });
    }
    results.push({
      language: set.language,
      cases: set.cases.length,
      precisionAt1: at1 / set.cases.length,
      precisionAt3: at3 / set.cases.length,
      misses,
    });
  }
  return results;
}
