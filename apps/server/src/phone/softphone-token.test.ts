import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import { agentIdentity } from './voice-adapter.js';

const config = {
  accountSid: `AC${'1'.repeat(32)}`,
  apiKeySid: `SK${'2'.repeat(32)}`,
  apiKeySecret: 'softphone-api-key-secret-for-tests',
  twimlAppSid: `AP${'3'.repeat(32)}`,
};
const base64url = (value: string) => Buffer.from(value, 'base64url');

/** The browser softphone's token: issued to agents when configured, signed with the API key secret. */
describe('the softphone token', () => {
  let configured: TestApp;
  let unconfigured: TestApp;
  // Two fresh databases: room on a loaded machine.
  beforeAll(async () => {
    configured = await startTestApp({ app: { phone: { softphone: config } } });
    unconfigured = await startTestApp();
  }, 240_000);
  afterAll(async () => {
    await configured?.close();
    await unconfigured?.close();
  });

  it("gives an agent a Voice token for their own identity, signed with the agency's API key", async () => {
    const agent = await signIn(configured.app, configured.agency.northAgent.email);
    const response = await agent.request({ method: 'GET', url: '/api/v1/phone/softphone-token' });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { token: string; identity: string; expiresInSeconds: number };
    expect(body.identity).toBe(agentIdentity(configured.agency.northAgent.id));
    const [header, payload, signature] = body.token.split('.');
    const expected = createHmac('sha256', config.apiKeySecret).update(`${header}.${payload}`).digest();
    expect(base64url(signature!).equals(expected)).toBe(true);
    const claims = JSON.parse(base64url(payload!).toString()) as {
      iss: string;
      sub: string;
      exp: number;
      grants: { identity: string; voice: { incoming: { allow: boolean }; outgoing: { application_sid: string } } };
    };
    expect(claims).toMatchObject({ iss: config.apiKeySid, sub: config.accountSid });
    expect(claims.grants.identity).toBe(body.identity);
    expect(claims.grants.voice).toMatchObject({
      incoming: { allow: true },
      outgoing: { application_sid: config.twimlAppSid },
    });
    expect(claims.exp - Date.now() / 1000).toBeGreaterThan(body.expiresInSeconds - 120);
  });

  it('is 404 without a softphone configured (calls ring on the PBX), and never for client users', async () => {
    const agent = await signIn(unconfigured.app, unconfigured.agency.northAgent.email);
    const missing = await agent.request({ method: 'GET', url: '/api/v1/phone/softphone-token' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const portal = await signIn(configured.app, configured.agency.north.clientUserEmail);
    expect((await portal.request({ method: 'GET', url: '/api/v1/phone/softphone-token' })).statusCode).toBe(403);
  });
});
