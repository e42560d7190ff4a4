import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn, startTestApp, type TestApp } from '../../test/app.js';

describe('changing one thing by PATCH leaves everything else as it was', () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await signIn(t.app, t.agency.owner.email);
  });
  afterAll(() => t.close());

  it("an agent's capacity alone: their clients, skills, languages, tier and locale stay", async () => {
    const url = `/api/v1/agency-users/${t.agency.northAgent.id}`;
    const set = await owner.request({
      method: 'PATCH',
      url,
      payload: { skills: ['returns'], languages: ['en', 'fa'], tier: 2, locale: 'fa' },
    });
    expect(set.statusCode, set.body).toBe(200);
    const before = set.json();
    expect(before.clientIds.length).toBeGreaterThan(0);

    const changed = await owner.request({
      method: 'PATCH',
      url,
      payload: { capacity: { email: 8, chat: 1, phone: 1 } },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({ ...before, capacity: { email: 8, chat: 1, phone: 1 } });
  });

  it("a client's name alone: its time zone and language stay", async () => {
    const url = `/api/v1/clients/${t.agency.north.id}`;
    const set = await owner.request({ method: 'PATCH', url, payload: { timezone: 'Asia/Tehran', locale: 'fa' } });
    expect(set.statusCode, set.body).toBe(200);
    const renamed = await owner.request({ method: 'PATCH', url, payload: { name: 'North Gear Ltd' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'North Gear Ltd', timezone: 'Asia/Tehran', locale: 'fa' });
  });
});
