import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn, startTestApp, type TestApp } from '../../test/app.js';

const cursorOf = (at: unknown, id: unknown) => Buffer.from(JSON.stringify([at, id])).toString('base64url');
const id = '0b7e4f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b';

/**
 * Cursors a client can forge that JavaScript's Date.parse takes but PostgreSQL refuses (or that name no
 * uuid): each must be a 400 problem, never a 500 from the database.
 */
const forged: [string, string][] = [
  ['a bare number (Date.parse reads a year)', cursorOf('1', id)],
  ['a year zero', cursorOf('0000-01-01T00:00:00.000Z', id)],
  ['an English date', cursorOf('Tuesday, 5 March 2024 10:00', id)],
  ['a date with a time zone name', cursorOf('Tue Mar 05 2024 10:00:00 GMT+0100 (Central European Standard Time)', id)],
  ['a date far past year 9999', cursorOf('+275760-09-13T00:00:00.000Z', id)],
  ['an id of dashes', cursorOf('2024-03-05T10:00:00.000Z', '-'.repeat(36))],
  ['an id that is not hex-grouped', cursorOf('2024-03-05T10:00:00.000Z', `${'a'.repeat(32)}----`)],
];

describe('list cursors are validated in full', () => {
  let t: TestApp;
  let agent: Session;
  let portal: Session;
  beforeAll(async () => {
    t = await startTestApp();
    agent = await signIn(t.app, t.agency.northAgent.email);
    portal = await signIn(t.app, t.agency.north.clientUserEmail);
  });
  afterAll(() => t.close());

  for (const [name, cursor] of forged)
    it(`answers 400 problem+json for ${name}`, async () => {
      for (const [session, url] of [
        [agent, '/api/v1/conversations'],
        [agent, '/api/v1/conversations?sort=waiting&status=open'],
        [portal, '/api/v1/portal/conversations'],
      ] as const) {
        const response = await session.request({
          method: 'GET',
          url: `${url}${url.includes('?') ? '&' : '?'}cursor=${cursor}`,
        });
        expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json()).toMatchObject({ code: 'CURSOR_INVALID' });
      }
    });

  it('still pages with the cursors the server hands out', async () => {
    const first = (await agent.request({ method: 'GET', url: '/api/v1/conversations?limit=1' })).json() as {
      nextCursor: string | null;
    };
    const next = first.nextCursor ?? cursorOf(new Date().toISOString(), id);
    const response = await agent.request({ method: 'GET', url: `/api/v1/conversations?limit=1&cursor=${next}` });
    expect(response.statusCode).toBe(200);
    expect(
      (await agent.request({ method: 'GET', url: `/api/v1/conversations?cursor=${cursorOf('infinity', id)}` }))
        .statusCode,
    ).toBe(200);
  });
});
