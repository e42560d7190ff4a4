import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { createAgency } from '../../test/fixtures.js';
import type { Database } from '../db/index.js';
import { loadEvaluationSets, runEvaluation } from './evaluation/run-evaluation.js';
import { seedKnowledgeBase } from './seed-knowledge-base.js';

/** The suggestion quality floor on the evaluation set (the benchmark reports the exact figures). */
describe('suggestion evaluation set', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('holds at least 100 messages in English and Persian and keeps precision@3 above the floor', async () => {
    const agency = await createAgency(database.db);
    const clients = {
      acme: {
        clientId: agency.north.id,
        seeded: await seedKnowledgeBase(database.db, { clientId: agency.north.id, slug: 'acme' }),
      },
      golestan: {
        clientId: agency.south.id,
        seeded: await seedKnowledgeBase(database.db, { clientId: agency.south.id, slug: 'golestan' }),
      },
    };
    const sets = loadEvaluationSets();
    expect(sets.reduce((sum, set) => sum + set.cases.length, 0)).toBeGreaterThanOrEqual(100);
    // Every expected answer exists in the demo knowledge base.
    for (const set of sets) {
      for (const testCase of set.cases) expect(clients[set.client as 'acme'].seeded.has(testCase.expected)).toBe(true);
    }
    const results = await runEvaluation(database.db, sets, clients);
    for (const result of results) {
      console.info(
        `${result.language}: ${result.cases} cases, p@1 ${result.precisionAt1.toFixed(3)}, p@3 ${result.precisionAt3.toFixed(3)}`,
      );
      for (const miss of result.misses) console.info('  miss', JSON.stringify(miss));
    }
    for (const result of results) expect(result.precisionAt3).toBeGreaterThanOrEqual(0.9);
  }, 60_000);
});
