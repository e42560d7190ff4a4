import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';
import { addChatInbox } from '../chat/chat-test-kit.js';

/** The policy's directives by name, e.g. `script-src` → ["'self'"]. */
function directives(header: unknown): Map<string, string[]> {
  expect(typeof header).toBe('string');
  return new Map(
    String(header)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

function builtDirs() {
  const webDist = mkdtempSync(path.join(tmpdir(), 'sb-web-'));
  writeFileSync(
    path.join(webDist, 'index.html'),
    '<!doctype html><div id="root"></div><script type="module" src="/a.js">',
  );
  const widgetDist = mkdtempSync(path.join(tmpdir(), 'sb-widget-'));
  writeFileSync(path.join(widgetDist, 'widget.js'), 'console.log("widget")');
  return { webDist, widgetDist };
}

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ app: builtDirs() });
    await addChatInbox(t.database.db, t.agency.north.id, 'north-chat-key');
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('the web app (desk, portal, help page): scripts only from itself, never framed by others, no sniffing', async () => {
    for (const url of ['/', '/desk', `/help/${t.agency.north.slug}`]) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      const csp = directives(response.headers['content-security-policy']);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
      expect(csp.get('base-uri')).toEqual(["'self'"]);
      expect(csp.get('connect-src')).toContain("'self'");
      // No HTTPS here: upgrading every request would break a plain-HTTP install.
      expect(csp.has('upgrade-insecure-requests')).toBe(false);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('the API answers carry nosniff and a policy too', async () => {
    const response = await get('/api/v1/auth/csrf');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(directives(response.headers['content-security-policy']).get('frame-ancestors')).toEqual(["'self'"]);
  });

  it('the API docs: their own policy, which lets Swagger UI run from its own files', async () => {
    for (const url of ['/api/docs', '/api/docs/static/swagger-initializer.js']) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      const csp = directives(response.headers['content-security-policy']);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
      expect(csp.get('style-src')).toContain("'unsafe-inline'");
      expect(csp.get('connect-src')).toEqual(["'self'"]);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('widget.js may be embedded by client sites on other origins', async () => {
    const response = await get('/widget.js');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(String(response.headers['content-type'])).toContain('text/javascript');
  });

  it("a client's widget demo page: the widget's script and socket from here, no inline script", async () => {
    const response = await get(`/widget/demo/${t.agency.north.slug}`);
    expect(response.statusCode).toBe(200);
    const csp = directives(response.headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toContain("'unsafe-inline'");
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
    expect(response.body).not.toMatch(/<script>/);
  });

  it("the desk's own files are not for other sites to embed", async () => {
    const response = await get('/');
    expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
  });
});

describe('security headers behind HTTPS', () => {
  for (const [name, app] of [
    ['PUBLIC_URL is https', { publicUrl: 'https://desk.example.com' }],
    ['COOKIE_SECURE=true', { cookieSecure: true }],
  ] as const) {
    it(`HSTS and upgraded requests when ${name}`, async () => {
      const t = await startTestApp({ app: { ...builtDirs(), ...app } });
      try {
        const response = await t.app.inject({ method: 'GET', url: '/' });
        expect(response.headers['strict-transport-security']).toMatch(/max-age=31536000/);
        expect(directives(response.headers['content-security-policy']).has('upgrade-insecure-requests')).toBe(true);
      } finally {
        await t.close();
      }
    });
  }
});
