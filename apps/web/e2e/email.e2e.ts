import type { Dialog, Page } from '@playwright/test';
import { expect, test } from './csp';
import { bounceMail, hostileMail, outOfOfficeMail } from './email-messages';
import { pushSignedMail as pushMail } from './inbound-webhook';
import { newSignedInPage, screenshot, unique } from './support';

const acmeAddress = 'support@acme.demo.test';
// A 1×1 PNG: what the "remote" image server answers once the agent asks for images.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

type Pwned = { __pwned?: unknown };

const setLocale = async (page: Page, label: 'English' | 'فارسی') => {
  await page.getByText(label, { exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe(label === 'English' ? 'ltr' : 'rtl');
};

test('a hostile HTML e-mail is shown safely on the desk, and the reply reaches the mail catcher', async ({
  browser,
  request,
}) => {
  const stamp = unique('mail').replace(/[^a-z0-9-]/gi, '');
  const customer = `mallory.${stamp}@customer.example.test`;

  // The admin has the server make the Acme e-mail inbox a webhook signing secret, in the e-mail settings form.
  const admin = await newSignedInPage(browser, 'admin@demo.test');
  const clients = (await (await admin.request.get('/api/v1/clients')).json()) as { id: string; name: string }[];
  const acme = clients.find((client) => client.name === 'Acme Outdoor');
  if (!acme) throw new Error('no demo client Acme Outdoor');
  const inboxes = (await (await admin.request.get(`/api/v1/clients/${acme.id}/inboxes`)).json()) as {
    id: string;
    key: string;
    settings: { channel: string; address?: string };
  }[];
  const inbox = inboxes.find((candidate) => candidate.settings.address === acmeAddress);
  if (!inbox) throw new Error(`no inbox ${acmeAddress}`);

  await admin.goto(`/admin/clients/${acme.id}`);
  const row = admin.getByTestId('inboxes-table').getByRole('row').filter({ hasText: acmeAddress });
  await expect(row.getByTestId('imap-status')).toBeVisible();
  await row.getByTestId('email-settings').click();
  const settings = admin.getByTestId('email-settings-form');
  await expect(settings).toBeVisible();
  await expect(admin.getByTestId('inbox-form')).toHaveCount(0);
  await settings.getByTestId('change-webhook').click();
  await expect(settings.getByTestId('webhook-signing-headers')).toContainText('webhook-signature');
  await settings.getByTestId('webhook-generate').click();
  // Shown this once, with a copy button; the state line says a secret is set from now on.
  const shown = settings.getByTestId('webhook-new-secret');
  await expect(shown).toContainText('Shown only this once');
  await expect(shown.getByRole('button', { name: 'Copy' })).toBeVisible();
  const secret = (await shown.getByTestId('webhook-secret-value').textContent()) ?? '';
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  await expect(settings.getByTestId('webhook-secret-state')).toHaveText(
    'A signing secret is set. A new one replaces it at once.',
  );
  await settings.getByTestId('change-signature').click();
  await settings.getByTestId('signature').fill('Acme Outdoor support team');
  await screenshot(admin, 'email-settings');
  await admin.setViewportSize({ width: 390, height: 844 });
  await screenshot(admin, 'email-settings-390');
  await admin.setViewportSize({ width: 1440, height: 900 });
  await settings.getByTestId('form-submit').click();
  await expect(settings).toBeHidden();
  // Opened again, the form shows what is stored: the signature, and that a secret is set (never the secret).
  await row.getByTestId('email-settings').click();
  await expect(settings.getByTestId('webhook-secret-state')).toHaveText(
    'A signing secret is set. A new one replaces it at once.',
  );
  await settings.getByTestId('change-webhook').click();
  await expect(settings.getByTestId('webhook-new-secret')).toHaveCount(0);
  await expect(settings.getByTestId('webhook-generate')).toHaveText('Generate a new signing secret');
  await settings.getByTestId('change-signature').click();
  await expect(settings.getByTestId('signature')).toHaveValue('Acme Outdoor support team');
  await expect(settings).not.toContainText(secret);
  await admin.keyboard.press('Escape');
  await expect(settings).toBeHidden();

  // Mail arrives through the inbound webhook, as from a provider.
  const mail = hostileMail({ from: customer, to: acmeAddress, stamp });
  const received = await pushMail(request, inbox.key, secret, mail.raw);
  expect(received.outcome).toBe('created');

  // agent1 opens it on the desk. Nothing in it may run: no dialog, no mark on the window, no new title.
  const agent = await newSignedInPage(browser, 'agent1@demo.test');
  const dialogs: string[] = [];
  agent.on('dialog', (dialog: Dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const remoteRequests: string[] = [];
  await agent.route('https://images.remote.test/**', (route) => {
    remoteRequests.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'image/png', body: png });
  });
  await agent.goto(`/desk/${received.conversationId}`);
  const title = await agent.title();
  const incoming = agent
    .getByTestId('message-incoming')
    .filter({ has: agent.getByTestId('email-body-frame') })
    .last();
  const body = incoming.frameLocator('[data-testid="email-body-frame"]');
  await expect(body.getByText(mail.safeText)).toBeVisible();
  await expect(agent.getByTestId('conversation-subject')).toContainText("<script>alert('subject')</script>");

  // Quoted history is folded behind "…".
  await expect(body.getByText(mail.quotedText)).toBeHidden();
  await incoming.getByTestId('quote-toggle').click();
  await expect(body.getByText(mail.quotedText)).toBeVisible();

  // The neutralised link does nothing when clicked.
  await body.getByText('Click for the photos').click();

  // Remote images stay unloaded (the sender cannot tell the mail was read) until the agent asks.
  const remote = body.locator('img[alt="Remote logo"]');
  await expect(remote).toHaveAttribute('data-blocked-src', mail.remoteImage);
  expect(remoteRequests).toEqual([]);
  await screenshot(agent, 'email-desk-blocked');
  await incoming.getByTestId('show-images').click();
  await expect(incoming.getByTestId('show-images')).toHaveCount(0);
  await expect(remote).toHaveAttribute('src', mail.remoteImage);
  await expect.poll(() => remote.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
  expect(remoteRequests).toEqual([mail.remoteImage]);

  expect(dialogs).toEqual([]);
  expect(await agent.evaluate(() => (window as Pwned).__pwned)).toBeUndefined();
  expect(await agent.title()).toBe(title);
  for (const frame of agent.frames()) {
    expect(await frame.evaluate(() => (window as Pwned).__pwned).catch(() => undefined)).toBeUndefined();
  }
  await screenshot(agent, 'email-desk-images');

  // The source is there to read and download, as text.
  await incoming.getByTestId('view-source').click();
  const source = agent.getByTestId('email-source');
  await expect(source.getByTestId('email-headers')).toContainText(mail.messageId);
  await expect(source.getByTestId('raw-source')).toContainText("window.top.__pwned='script'");
  await expect(source.getByTestId('download-source')).toHaveAttribute('href', /\/raw$/);
  await screenshot(agent, 'email-source');
  await agent.keyboard.press('Escape');
  await expect(source).toBeHidden();

  // The agent answers; the reply goes out through the outbox and is marked sent.
  const replyText = `Sorry about the rain fly (${stamp}); a replacement is on its way.`;
  await agent.getByTestId('reply-body').fill(replyText);
  await agent.getByTestId('send-message').click();
  const outgoing = agent.getByTestId('message-outgoing').filter({ hasText: replyText });
  await expect(outgoing).toBeVisible();
  await expect(outgoing.getByTestId('delivery-badge')).toHaveAttribute('data-status', 'sent', { timeout: 60_000 });
  // What was sent keeps its source too, exactly as it left.
  await outgoing.getByTestId('view-source').click();
  await expect(source.getByTestId('raw-source')).toContainText(`In-Reply-To: ${mail.messageId}`);
  await expect(source.getByTestId('raw-source')).toContainText(stamp);
  await screenshot(agent, 'email-sent-source');
  await agent.keyboard.press('Escape');
  await expect(source).toBeHidden();

  // Without a relay it lands in the mail catcher, where a manager reads it.
  await admin.goto('/admin/mail-catcher');
  const caughtRow = admin.getByTestId('caught-email-row').filter({ hasText: customer });
  await expect(async () => {
    await admin.getByTestId('mail-catcher-refresh').click();
    await expect(caughtRow).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(caughtRow).toContainText('Re: Torn rain fly');
  await screenshot(admin, 'email-mail-catcher');
  await caughtRow.click();
  const caught = admin.getByTestId('caught-email');
  await expect(caught.getByTestId('raw-source')).toContainText(`In-Reply-To: ${mail.messageId}`);
  await expect(caught.getByTestId('raw-source')).toContainText('Acme Outdoor support team');
  await expect(caught.getByTestId('raw-source')).toContainText(stamp);
  await screenshot(admin, 'email-mail-catcher-source');
  await admin.keyboard.press('Escape');

  // The customer's server bounces the reply, then the customer's out-of-office answers it.
  const catcher = (await (await admin.request.get('/api/v1/mail-catcher?limit=50')).json()) as {
    items: { to: string; messageId: string }[];
  };
  const replyId = catcher.items.find((item) => item.to === customer)?.messageId;
  if (!replyId) throw new Error('the reply is not in the mail catcher');
  const bounce = await pushMail(
    request,
    inbox.key,
    secret,
    bounceMail({ to: acmeAddress, recipient: customer, originalId: replyId, stamp }),
  );
  expect(bounce.outcome).toBe('bounce');
  const ooo = await pushMail(
    request,
    inbox.key,
    secret,
    outOfOfficeMail({ from: customer, to: acmeAddress, inReplyTo: replyId, stamp }),
  );
  expect(ooo.outcome).toBe('auto_reply');
  await agent.reload();
  await expect(agent.getByTestId('bounce-line')).toContainText(customer);
  await expect(agent.getByTestId('bounce-line')).toContainText('Mailbox full');
  await expect(outgoing.getByTestId('delivery-badge')).toHaveAttribute('data-status', 'failed');
  await expect(outgoing.getByTestId('delivery-failure')).toBeVisible();
  const autoReply = agent.getByTestId('message-incoming').filter({ hasText: `OOO-${stamp}` });
  await expect(autoReply.getByTestId('auto-reply-badge')).toBeVisible();
  // The thread opens at its newest message, even though the e-mail frames above it size themselves late.
  await expect(autoReply).toBeInViewport();
  await screenshot(agent, 'email-desk-bounce');

  // The same in Persian (right to left), then back to English for the specs that follow.
  try {
    await setLocale(agent, 'فارسی');
    await expect(outgoing.getByTestId('delivery-badge')).toHaveText('تحویل نشد');
    await expect(autoReply.getByTestId('auto-reply-badge')).toHaveText('پاسخ خودکار');
    await expect(body.getByText(mail.safeText)).toBeVisible();
    await screenshot(agent, 'email-desk-fa');
    await setLocale(admin, 'فارسی');
    await admin.goto('/admin/mail-catcher');
    await expect(admin.getByTestId('admin-tab-mail-catcher')).toHaveText('صندوق ایمیل‌های ارسالی');
    await expect(caughtRow).toBeVisible();
    await screenshot(admin, 'email-mail-catcher-fa');
    await admin.goto(`/admin/clients/${acme.id}`);
    await row.getByTestId('email-settings').click();
    await settings.getByTestId('change-webhook').click();
    await expect(settings.getByTestId('webhook-generate')).toHaveText('ساختن رمز امضای تازه');
    await settings.getByTestId('change-imap').click();
    await settings.getByTestId('change-auto-ack').click();
    await screenshot(admin, 'email-settings-fa');
    // A new secret (the old one stops working; this test pushes no more mail) shown once, in Persian at 390 px.
    await settings.getByTestId('webhook-generate').click();
    await expect(settings.getByTestId('webhook-new-secret')).toContainText('فقط همین یک بار');
    await admin.setViewportSize({ width: 390, height: 844 });
    await screenshot(admin, 'email-settings-fa-390');
    await admin.setViewportSize({ width: 1440, height: 900 });
  } finally {
    await setLocale(agent, 'English');
    await admin.keyboard.press('Escape');
    await setLocale(admin, 'English');
  }
  expect(dialogs).toEqual([]);
  await agent.context().close();
  await admin.context().close();
});
