import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn, startTestApp, type TestApp } from '../../test/app.js';

/** Bad input gets a clear 4xx problem+json and never a 500. */
describe('bad input', () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await startTestApp();
    owner = await signIn(t.app, t.agency.owner.email);
  });
  afterAll(() => t.close());

  const expectProblem = (
    response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
    status: number,
  ) => {
    expect(response.statusCode).toBe(status);
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status, title: expect.any(String), code: expect.any(String) });
  };

  it('malformed JSON', async () => {
    const response = await owner.request({
      method: 'POST',
      url: '/api/v1/clients',
      headers: { 'content-type': 'application/json' },
      payload: '{"slug": "x",',
    });
    expectProblem(response, 400);
  });

  it('unknown fields', async () => {
    const response = await owner.request({
      method: 'POST',
      url: '/api/v1/clients',
      payload: { slug: 'new-client', name: 'New', ticketPrefix: 'N', isAdmin: true },
    });
    expectProblem(response, 400);
    expect(JSON.stringify(response.json())).toContain('isAdmin');
  });

  it('wrong types and values', async () => {
    const response = await owner.request({
      method: 'PATCH',
      url: `/api/v1/conversations/${t.agency.north.conversationId}`,
      payload: { priority: 'whenever', tier: '2' },
    });
    expectProblem(response, 400);
    expect((response.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['body.priority', 'body.tier']),
    );
  });

  it('a malformed id in the path', async () => {
    expectProblem(await owner.request({ method: 'GET', url: '/api/v1/conversations/not-a-uuid' }), 400);
  });

  it('an oversized body', async () => {
    const response = await owner.request({
      method: 'POST',
      url: `/api/v1/conversations/${t.agency.north.conversationId}/messages`,
      payload: { kind: 'reply', body: 'x'.repeat(2 * 1024 * 1024) },
    });
    expectProblem(response, 413);
  });

  it('an unsupported content type', async () => {
    const response = await owner.request({
      method: 'POST',
      url: '/api/v1/clients',
      headers: { 'content-type': 'text/xml' },
      payload: '<client/>',
    });
    expectProblem(response, 415);
  });

  it('a duplicate slug is a conflict, not a crash', async () => {
    const response = await owner.request({
      method: 'POST',
      url: '/api/v1/clients',
      payload: { slug: 'north', name: 'Another North', ticketPrefix: 'N2' },
    });
    expectProblem(response, 409);
  });

  it('an unknown route', async () => {
    expectProblem(await owner.request({ method: 'GET', url: '/api/v1/nothing-here' }), 404);
  });

  it('a client a new agent is said to serve must exist', async () => {
    const response = await owner.request({
      method: 'POST',
      url: '/api/v1/agency-users',
      payload: {
        email: 'new.agent@agency.test',
        name: 'New Agent',
        password: 'long enough password',
        clientIds: ['00000000-0000-4000-8000-000000000000'],
      },
    });
    expectProblem(response, 400);
  });
});
