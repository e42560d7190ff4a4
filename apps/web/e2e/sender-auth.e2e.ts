import { generateKeyPairSync } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import type { DKIMSignOptions } from 'mailauth';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import { expect, test } from './csp';
import { startDnsServer } from './dns-server';
import { generateWebhookSecret, pushSignedMail } from './inbound-webhook';
import { e2eDnsPort } from './ports';
import { newSignedInPage, screenshot, unique } from './support';

type Client = { id: string; name: string };
type Inbox = { id: string; key: string; settings: { channel: string; address?: string } };

const acmeAddress = 'support@acme.demo.test';
// The server asks this DNS server (DNS_SERVERS in playwright.config.ts).
const dnsPort = e2eDnsPort;
// 1024 bits: the key's TXT record stays within a plain UDP answer.
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
const records = {
  'mail._domainkey.trusted-shop.test': [
    `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
  ],
  '_dmarc.trusted-shop.test': ['v=DMARC1; p=reject'],
  '_dmarc.secure-bank.test': ['v=DMARC1; p=reject'],
};

const setLocale = async (page: Page, label: 'English' | 'فارسی') => {
  await page.getByText(label, { exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe(label === 'English' ? 'ltr' : 'rtl');
};

const mail = (from: string, id: string, subject: string, body: string) =>
  Buffer.from(
    [
      `From: ${from}`,
      `To: ${acmeAddress}`,
      `Subject: ${subject}`,
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: <${id}>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      '',
    ].join('\r\n'),
  );

const signed = async (raw: Buffer) => {
  // The signer reads its keys from `signatureData`; mailauth's own type declares them at the top level.
  const options = {
    signatureData: [
      {
        signingDomain: 'trusted-shop.test',
        selector: 'mail',
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
    ],
  } as unknown as DKIMSignOptions;
  const { signatures } = await dkimSign(raw, options);
  expect(signatures).toContain('DKIM-Signature');
  return Buffer.concat([Buffer.from(signatures), raw]);
};

const push = async (request: APIRequestContext, inboxKey: string, secret: string, raw: Buffer) => {
  const body = await pushSignedMail(request, inboxKey, secret, raw);
  expect(body.outcome).toBe('created');
  return body.conversationId!;
};

test.describe.configure({ timeout: 300_000 });

test('a forged sender is flagged on the desk, in English and Persian, and a genuine one is not', async ({
  browser,
  request,
}) => {
  const dns = await startDnsServer(dnsPort, records);
  const stamp = unique('auth').replace(/[^a-z0-9-]/gi, '');
  const admin = await newSignedInPage(browser, 'admin@demo.test');
  const agent = await newSignedInPage(browser, 'agent1@demo.test');
  try {
    const clients = (await (await admin.request.get('/api/v1/clients')).json()) as Client[];
    const acme = clients.find((client) => client.name === 'Acme Outdoor');
    if (!acme) throw new Error('no demo client Acme Outdoor');
    const inboxes = (await (await admin.request.get(`/api/v1/clients/${acme.id}/inboxes`)).json()) as Inbox[];
    const inbox = inboxes.find((candidate) => candidate.settings.address === acmeAddress);
    if (!inbox) throw new Error(`no inbox ${acmeAddress}`);
    const secret = await generateWebhookSecret(admin, acme.id, inbox.id);

    // Signed by the shop's key, which its DNS publishes: DKIM and DMARC pass.
    const genuineText = `Your order ${stamp} has shipped.`;
    const genuine = await push(
      request,
      inbox.key,
      secret,
      await signed(
        mail('Trusted Shop <orders@trusted-shop.test>', `g-${stamp}@trusted-shop.test`, 'Order shipped', genuineText),
      ),
    );
    // The bank's domain publishes DMARC p=reject; this message carries no signature of it.
    const forgedText = `Please pay invoice ${stamp} to our new account today.`;
    const forged = await push(
      request,
      inbox.key,
      secret,
      mail(
        'Secure Bank <billing@secure-bank.test>',
        `f-${stamp}@secure-bank.test`,
        'Urgent: new bank details',
        forgedText,
      ),
    );

    await agent.goto(`/desk/${genuine}`);
    const genuineMessage = agent.getByTestId('message-incoming').filter({ hasText: genuineText });
    await expect(genuineMessage).toBeVisible();
    await expect(genuineMessage.getByTestId('sender-auth-badge')).toHaveCount(0);
    await screenshot(agent, 'sender-auth-genuine');

    await agent.goto(`/desk/${forged}`);
    const forgedMessage = agent.getByTestId('message-incoming').filter({ hasText: forgedText });
    const badge = forgedMessage.getByTestId('sender-auth-badge');
    await expect(badge).toHaveText('Sender not verified');
    await badge.click();
    const details = agent.getByTestId('sender-auth-details');
    await expect(details).toContainText('secure-bank.test');
    await expect(details.getByTestId('sender-auth-dmarc')).toContainText('fail');
    await expect(details.getByTestId('sender-auth-dmarc')).toContainText('reject');
    await expect(details.getByTestId('sender-auth-dkim')).toContainText('none');
    await expect(details.getByTestId('sender-auth-spf')).toContainText('not checked');
    await screenshot(agent, 'sender-auth-forged');
    await agent.keyboard.press('Escape');
    // At 390 px the desk keeps its three columns side by side, the thread beyond the screen's edge (a layout of
    // the desk's own); the badge is still on the message.
    await agent.setViewportSize({ width: 390, height: 844 });
    await expect(badge).toBeAttached();
    await screenshot(agent, 'sender-auth-forged-390');
    await agent.keyboard.press('Escape');
    await expect(details).toBeHidden();
    await agent.setViewportSize({ width: 1440, height: 900 });

    try {
      await setLocale(agent, 'فارسی');
      await expect(badge).toHaveText('فرستنده تأیید نشد');
      await badge.click();
      await expect(details.getByTestId('sender-auth-dmarc')).toContainText('ناموفق');
      await expect(details.getByTestId('sender-auth-spf')).toContainText('بررسی نشد');
      await screenshot(agent, 'sender-auth-forged-fa');
      await agent.keyboard.press('Escape');
      await agent.setViewportSize({ width: 390, height: 844 });
      await expect(badge).toBeAttached();
      await screenshot(agent, 'sender-auth-forged-fa-390');
      await agent.keyboard.press('Escape');
      await agent.goto(`/desk/${genuine}`);
      await expect(genuineMessage).toBeVisible();
      await expect(genuineMessage.getByTestId('sender-auth-badge')).toHaveCount(0);
    } finally {
      await agent.setViewportSize({ width: 1440, height: 900 });
      await setLocale(agent, 'English');
    }
  } finally {
    await agent.context().close();
    await admin.context().close();
    await dns.close();
  }
});
