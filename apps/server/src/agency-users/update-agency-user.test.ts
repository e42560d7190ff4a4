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

describe('owners', () => {
  let t: TestApp;
  let owner: Session;
  let admin: Session;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await signIn(t.app, t.agency.owner.email);
    const made = await owner.request({
      method: 'POST',
      url: '/api/v1/agency-users',
      payload: { email: 'admin@agency.test', name: 'Ada Admin', password: 'correct horse battery', role: 'admin' },
    });
    expect(made.statusCode, made.body).toBe(201);
    admin = await signIn(t.app, 'admin@agency.test', 'correct horse battery');
  });
  afterAll(() => t.close());

  it('only an owner changes an owner: an admin can neither reset the password, deactivate nor demote one', async () => {
    const url = `/api/v1/agency-users/${t.agency.owner.id}`;
    for (const payload of [{ password: 'admin chose this one' }, { active: false }, { role: 'agent' }, { name: 'X' }]) {
      const refused = await admin.request({ method: 'PATCH', url, payload });
      expect(refused.statusCode, JSON.stringify(payload)).toBe(403);
    }
    // The owner's password still works, and the owner is still an active owner.
    await signIn(t.app, t.agency.owner.email);
    const me = (await owner.request({ method: 'GET', url: '/api/v1/agency-users' })).json() as {
      id: string;
      role: string;
      active: boolean;
    }[];
    expect(me.find((u) => u.id === t.agency.owner.id)).toMatchObject({
      role: 'owner',
      active: true,
      name: 'Olive Owner',
    });
  });

  it('keeps one active owner: the last cannot step down or be deactivated until another owner exists', async () => {
    const url = `/api/v1/agency-users/${t.agency.owner.id}`;
    for (const payload of [{ role: 'admin' }, { active: false }]) {
      const refused = await owner.request({ method: 'PATCH', url, payload });
      expect(refused.statusCode, JSON.stringify(payload)).toBe(409);
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
    }
    const adminId = (await admin.request({ method: 'GET', url: '/api/v1/auth/me' })).json().id as string;
    expect(
      (await owner.request({ method: 'PATCH', url: `/api/v1/agency-users/${adminId}`, payload: { role: 'owner' } }))
        .statusCode,
    ).toBe(200);
    const steppedDown = await owner.request({ method: 'PATCH', url, payload: { role: 'admin' } });
    expect(steppedDown.statusCode, steppedDown.body).toBe(200);
  });
});
