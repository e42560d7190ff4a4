import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { type Agency, createAgency } from '../../test/fixtures.js';
import type { Database } from '../db/index.js';
import { insertMacro, insertRule, listMacros, listRules, listRulesForEvent } from './automation-repository.js';

const rule = { name: 'Tag refunds', events: ['message.received'], conditions: [], actions: [] };

/** A rule or macro is the agency's because it says so, never because a write left out its client. */
describe('agency-wide rules and macros', () => {
  let database: Database;
  let agency: Agency;
  beforeAll(async () => {
    database = await openTestDatabase();
    agency = await createAgency(database.db);
  });
  afterAll(() => database.close());

  it('refuses a row without a client that does not say it is agency-wide, and one that says so with a client', async () => {
    await expect(insertRule(database.db, { ...rule, clientId: null, agencyWide: false })).rejects.toThrow();
    await expect(insertRule(database.db, { ...rule, clientId: agency.north.id, agencyWide: true })).rejects.toThrow();
    await expect(
      insertMacro(database.db, { name: 'Refund', actions: [], clientId: null, agencyWide: false }),
    ).rejects.toThrow();
    await expect(
      insertMacro(database.db, { name: 'Refund', actions: [], clientId: agency.south.id, agencyWide: true }),
    ).rejects.toThrow();
  });

  it("runs the agency's rules for every client after the client's own, and lists each owner's apart", async () => {
    const agencyRule = await insertRule(database.db, {
      ...rule,
      name: 'Agency rule',
      clientId: null,
      agencyWide: true,
    });
    const northRule = await insertRule(database.db, {
      ...rule,
      name: 'North rule',
      clientId: agency.north.id,
      agencyWide: false,
    });
    const forNorth = await listRulesForEvent(database.db, agency.north.id, 'message.received');
    expect(forNorth.map((r) => r.id)).toEqual([northRule.id, agencyRule.id]);
    const forSouth = await listRulesForEvent(database.db, agency.south.id, 'message.received');
    expect(forSouth.map((r) => r.id)).toEqual([agencyRule.id]);
    expect((await listRules(database.db, null)).map((r) => r.id)).toEqual([agencyRule.id]);
    expect((await listRules(database.db, agency.north.id)).map((r) => r.id)).toEqual([northRule.id]);

    const agencyMacro = await insertMacro(database.db, {
      name: 'Agency macro',
      actions: [],
      clientId: null,
      agencyWide: true,
    });
    const southMacro = await insertMacro(database.db, {
      name: 'South macro',
      actions: [],
      clientId: agency.south.id,
      agencyWide: false,
    });
    expect((await listMacros(database.db, agency.south.id, { withAgency: true })).map((m) => m.id)).toEqual([
      southMacro.id,
      agencyMacro.id,
    ]);
    expect((await listMacros(database.db, agency.north.id, { withAgency: true })).map((m) => m.id)).toEqual([
      agencyMacro.id,
    ]);
    expect((await listMacros(database.db, null, { withAgency: true })).map((m) => m.id)).toEqual([agencyMacro.id]);
  });
});
