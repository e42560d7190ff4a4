import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Page } from '@playwright/test';
import twilio from 'twilio';
import { expect, test } from './csp';
import { newSignedInPage, screenshot, signIn } from './support';

// The demo's Acme line (apps/server/src/demo/seed-phone-demo.ts): Twilio credentials that only work here.
const acme = {
  number: '+15555550100',
  accountSid: `AC${createHash('sha256').update('acme').digest('hex').slice(0, 32)}`,
  authToken: 'demo-acme-twilio-auth-token',
};
const port = Number(process.env.E2E_PORT ?? 3100);
const publicUrl = `http://localhost:${port}`;
const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

/** A small WAV, made here: one second of a tone. */
const wav = (() => {
  const data = Buffer.alloc(16_000);
  for (let i = 0; i < 8000; i++) data.writeInt16LE(Math.round(6000 * Math.sin((2 * Math.PI * 523 * i) / 8000)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16_000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
})();

/** Twilio's REST API for this test: call updates succeed, recordings are served. */
let provider: Server;
test.beforeAll(async () => {
  provider = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.method === 'GET' && /\/Recordings\/RE[0-9a-f]{32}\.wav$/.test(request.url ?? '')) {
        response.writeHead(200, { 'content-type': 'audio/x-wav', 'content-length': wav.length });
        return response.end(wav);
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ sid: sid('CA') }));
    });
  });
  await new Promise<void>((resolve) => provider.listen(port + 1000, '127.0.0.1', resolve));
});
test.afterAll(() => new Promise<void>((resolve) => provider.close(() => resolve())));

/** Posts a webhook exactly as Twilio would: form-encoded, signed with the line's auth token. */
const twilioPost = async (page: Page, path: string, params: Record<string, string>, query?: Record<string, string>) => {
  const url = `${publicUrl}/api/v1/phone/twilio/${path}${query ? `?${new URLSearchParams(query).toString()}` : ''}`;
  const form = { AccountSid: acme.accountSid, ApiVersion: '2010-04-01', ...params };
  const response = await page.request.post(url, {
    form,
    headers: { 'x-twilio-signature': twilio.getExpectedTwilioSignature(acme.authToken, url, form) },
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return response;
};

test('an incoming call pops up with the script, the agent files a result, the client hears the recording', async ({
  page,
  browser,
}) => {
  // Three people and a provider on a loaded machine: generous, and nothing here is a timing assertion.
  test.setTimeout(360_000);
  // Without softphone configuration the provider's Voice SDK chunk is never fetched.
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(request.url()));
  await signIn(page, 'agent1@demo.test');
  await expect(page.getByTestId('conversation-row').first()).toBeVisible({ timeout: 90_000 });
  // Calls are offered to agents routing marks online: the agent goes online from the header.
  await page.getByTestId('presence-switch').getByText('Online', { exact: true }).click();
  await expect(page.getByTestId('presence-switch')).toHaveAttribute('data-presence', 'online');

  const callSid = sid('CA');
  const caller = '+15550104242';
  await twilioPost(page, 'voice', {
    CallSid: callSid,
    From: caller,
    To: acme.number,
    CallStatus: 'ringing',
    Direction: 'inbound',
  });
  const popup = page.getByTestId('call-popup');
  // The offer goes to an agent who is online; the queue's wait URL asks again, as Twilio would.
  // Each ask is a new signed request (the time in the queue grows), or it would be refused as a replay.
  let queueTime = 5;
  await expect(async () => {
    if (!(await popup.isVisible()))
      await twilioPost(
        page,
        'wait',
        { CallSid: callSid, QueuePosition: '1', QueueTime: String(queueTime++) },
        { callId: await callIdOf(page, caller) },
      );
    await expect(popup).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 60_000 });
  await expect(popup.getByTestId('caller-name')).toHaveText(caller);
  await expect(popup.getByTestId('softphone-note')).toHaveAttribute('data-softphone', 'unconfigured');
  await expect(popup.getByTestId('softphone-note')).toContainText('answered on your phone or the PBX');
  expect(fetched.some((url) => url.includes('/assets/index-'))).toBe(true);
  expect(fetched.filter((url) => /softphone-device|voice-sdk/.test(url))).toEqual([]);
  await expect(popup.getByTestId('call-script')).toContainText('Inbound call: greeting and verification');
  await screenshot(page, 'phone-screen-pop');
  const callId = (await popup.getAttribute('data-call-id'))!;

  await popup.getByTestId('answer-call').click();
  await twilioPost(
    page,
    'agent-leg',
    { CallSid: sid('CA'), CallStatus: 'in-progress', To: `client:agent_x`, SequenceNumber: '1' },
    { callId },
  );
  await expect(popup.getByTestId('call-state')).toHaveText('In progress');
  await twilioPost(page, 'status', {
    CallSid: callSid,
    CallStatus: 'completed',
    CallDuration: '75',
    SequenceNumber: '5',
  });
  const recordingSid = sid('RE');
  await twilioPost(
    page,
    'recording',
    {
      CallSid: callSid,
      RecordingSid: recordingSid,
      RecordingUrl: `http://127.0.0.1:${port + 1000}/2010-04-01/Accounts/${acme.accountSid}/Recordings/${recordingSid}`,
      RecordingStatus: 'completed',
      RecordingDuration: '1',
    },
    { callId, kind: 'call' },
  );

  const form = popup.getByTestId('call-result-form');
  await expect(form).toBeVisible();
  await form.getByTestId('result-code').click();
  await page.getByRole('option', { name: 'Order taken' }).click();
  await form.getByLabel('Notes').fill('Ordered a two-person tent, ships Monday.');
  await form.getByLabel('Next action').fill('E-mail the tracking number');
  await screenshot(page, 'phone-result-form');
  await form.getByTestId('file-result').click();
  await expect(popup).toBeHidden();

  // The client sees the call, its result and its recording in the portal.
  const client = await newSignedInPage(browser, 'owner@acme.demo.test');
  await client.getByTestId('nav-calls').click();
  const row = client.getByTestId('call-row').filter({ hasText: caller });
  await expect(async () => {
    await client.reload();
    await expect(row.getByTestId('recording-audio')).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 60_000 });
  await expect(row).toContainText('Order taken');
  await expect(row).toContainText('Ordered a two-person tent');
  const src = (await row.getByTestId('recording-audio').getAttribute('src'))!;
  const audio = await client.request.get(src);
  expect(audio.status()).toBe(200);
  expect(Buffer.compare(await audio.body(), wav)).toBe(0);
  await screenshot(client, 'phone-portal-calls');

  // Another client's user gets 404 for the same recording.
  const other = await newSignedInPage(browser, 'owner@golestan.demo.test');
  expect((await other.request.get(src)).status()).toBe(404);
  await other.getByTestId('nav-calls').click();
  await expect(other.getByTestId('calls-table')).toBeVisible();
  await expect(other.getByTestId('call-row').filter({ hasText: caller })).toHaveCount(0);
  await screenshot(other, 'phone-portal-calls-persian');
  await client.context().close();
  await other.context().close();

  // Supervisors review recordings across clients in the panel.
  const supervisor = await newSignedInPage(browser, 'supervisor@demo.test');
  await supervisor.getByTestId('nav-calls').click();
  await expect(supervisor.getByTestId('call-row').filter({ hasText: caller })).toBeVisible();
  await screenshot(supervisor, 'phone-recordings-panel');
  await supervisor.context().close();
});

test('the agent calls back a missed caller from the callbacks screen, by keyboard, and clicks to call from a conversation', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, 'agent1@demo.test');
  await page.getByTestId('nav-callbacks').click();
  await expect(page).toHaveURL(/\/callbacks/);
  const rows = page.getByTestId('callback-row');
  await expect(rows.first()).toBeVisible({ timeout: 60_000 });
  // The demo's missed callers of both clients the agent serves; Golestan's PBX dials its own calls.
  await expect(rows.filter({ hasText: 'Acme Outdoor' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'Golestan' }).first().getByTestId('call-back-pbx')).toBeVisible();
  await expect(rows.first().getByTestId('callback-due')).toHaveText(/overdue|in /);
  await screenshot(page, 'phone-callbacks-en');

  // Only Acme's tasks, then call back the first by keyboard: the provider rings the agent, then the customer.
  await page.getByTestId('callbacks-client-filter').click();
  await page.getByRole('option', { name: 'Acme Outdoor' }).click();
  await expect(rows.filter({ hasText: 'Golestan' })).toHaveCount(0);
  const first = rows.first();
  const caller = (await first.locator('[dir="ltr"]').first().textContent())!;
  await first.focus();
  await page.keyboard.press('c');
  const popup = page.getByTestId('call-popup');
  await expect(popup).toBeVisible();
  await expect(popup).toContainText('Outgoing call');
  await expect(popup).toContainText(caller);
  await screenshot(page, 'phone-callback-calling');
  await popup.getByRole('button', { name: 'Dismiss' }).click();

  // Enter opens the caller's conversation; the phone conversation has click-to-call with Acme's number.
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/desk\//);
  const pane = page.getByTestId('conversation-pane');
  await expect(pane.getByTestId('customer-card').getByTestId('call-button')).toBeVisible();
  await pane.getByTestId('call-button').first().click();
  await expect(popup).toBeVisible();
  await expect(popup).toContainText('Outgoing call');
  await screenshot(page, 'phone-click-to-call');
  await popup.getByRole('button', { name: 'Dismiss' }).click();
  // A call takes no written reply (the server refuses one): the reply box offers a note only.
  await expect(pane.getByTestId('tab-reply')).toBeDisabled();
  await expect(pane.getByTestId('reply-body')).toHaveAttribute('placeholder', /Note what was said on the call/);
  await screenshot(page, 'phone-conversation-note-only');

  // Persian: the same screen right to left, Persian digits.
  await page.getByText('فارسی', { exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await page.getByTestId('nav-callbacks').click();
  await expect(rows.first()).toBeVisible();
  await expect(rows.first().getByTestId('callback-missed')).toHaveText(/[۰-۹]/);
  await screenshot(page, 'phone-callbacks-fa');
  await page.getByText('English', { exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('ltr');
});

/** The call's id as the agent's API knows it (for the queue's wait URL). */
async function callIdOf(page: Page, caller: string): Promise<string> {
  const response = await page.request.get(`/api/v1/phone/calls?state=queued`);
  const calls = (await response.json()) as { id: string; fromNumber: string }[];
  return calls.find((call) => call.fromNumber === caller)?.id ?? '';
}
