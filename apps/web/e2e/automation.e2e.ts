import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './csp';
import { generateWebhookSecret, pushSignedMail } from './inbound-webhook';
import { newSignedInPage, screenshot, unique } from './support';

type Client = { id: string; name: string };
type Inbox = { id: string; key: string; settings: { channel: string; address?: string } };

const setLocale = async (page: Page, label: 'English' | 'فارسی') => {
  await page.getByText(label, { exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe(label === 'English' ? 'ltr' : 'rtl');
};

/** A signing secret on the client's e-mail inbox, so the test can deliver mail as a provider would. */
const inboxWithSecret = async (page: Page, client: Client, address: string) => {
  const inboxes = (await (await page.request.get(`/api/v1/clients/${client.id}/inboxes`)).json()) as Inbox[];
  const inbox = inboxes.find((candidate) => candidate.settings.address === address);
  if (!inbox) throw new Error(`no inbox ${address}`);
  return { ...inbox, secret: await generateWebhookSecret(page, client.id, inbox.id) };
};

const deliver = async (request: APIRequestContext, inboxKey: string, secret: string, mail: Record<string, string>) => {
  const raw = [
    `From: ${mail.fromName} <${mail.from}>`,
    `To: ${mail.to}`,
    `Subject: =?UTF-8?B?${Buffer.from(mail.subject!).toString('base64')}?=`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${mail.id}@customer.example.test>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(mail.body!).toString('base64'),
    '',
  ].join('\r\n');
  const body = await pushSignedMail(request, inboxKey, secret, raw);
  expect(body.outcome).toBe('created');
  return body.conversationId!;
};

// The sandbox running these is heavily loaded; nothing here asserts a duration.
test.describe.configure({ timeout: 300_000 });

const pickOption = async (page: Page, testId: string, option: string) => {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
};

test('an admin builds a rule, a matching e-mail arrives, the timeline shows the run; an agent applies a macro', async ({
  browser,
  request,
}) => {
  const stamp = unique('auto').replace(/[^a-z0-9-]/gi, '');
  const keyword = `outage${stamp.replace(/-/g, '')}`;
  const ruleName = `Outage watch ${stamp}`;

  const admin = await newSignedInPage(browser, 'admin@demo.test');
  const clients = (await (await admin.request.get('/api/v1/clients')).json()) as Client[];
  const acme = clients.find((client) => client.name === 'Acme Outdoor')!;
  const inbox = await inboxWithSecret(admin, acme, 'support@acme.demo.test');

  // Admin → Automation: the seeded Acme rules are listed in order.
  await admin.goto('/admin');
  await admin.getByTestId('admin-tab-automation').click();
  await pickOption(admin, 'automation-owner', 'Acme Outdoor');
  await expect(admin.getByTestId('rule-card').first()).toContainText('Urgent words');

  // The admin builds a rule through the form: when a conversation is created (pre-selected, with "writes
  // again"), if the message has the keyword, then priority high and the flag "vip".
  await admin.getByTestId('new-rule').click();
  const form = admin.getByTestId('rule-form');
  await form.getByTestId('form-submit').click();
  await expect(form.getByTestId('rule-name')).toHaveAttribute('aria-invalid', 'true');
  await form.getByTestId('rule-name').fill(ruleName);
  await form.getByTestId('condition-0-values').fill(keyword);
  await form.getByTestId('condition-0-values').press('Enter');
  await pickOption(admin, 'action-0-value', 'High');
  await form.getByTestId('add-action').click();
  await form.getByTestId('action-1-value').fill('vip');
  await form.getByTestId('add-condition').click();
  await pickOption(admin, 'condition-1-type', 'Time of week');
  await pickOption(admin, 'condition-1-op', 'inside these hours');
  // The schedule editor: Saturday to Thursday in the client's time zone (Fri unticked).
  for (const day of ['Sat', 'Sun']) await form.getByTestId('schedule-window-0').getByText(day, { exact: true }).click();
  await form.getByTestId('schedule-window-0').getByText('Fri', { exact: true }).click();
  await form.getByRole('textbox', { name: 'From', exact: true }).fill('08:00');
  await form.getByRole('textbox', { name: 'To', exact: true }).fill('16:00');
  await screenshot(admin, 'automation-rule-form-en');
  // …but a time condition would make this test depend on the hour it runs: the rule keeps the keyword only.
  await form.getByTestId('condition-1').getByRole('button', { name: 'Remove condition' }).click();
  await expect(form.getByTestId('condition-1')).toHaveCount(0);
  await form.getByTestId('form-submit').click();
  await expect(form).toBeHidden();
  const card = admin.getByTestId('rule-card').filter({ hasText: ruleName });
  await expect(card).toContainText(keyword);
  await expect(card).toContainText('never run');
  await screenshot(admin, 'automation-rules-en');

  // Move it to the top: it runs first.
  for (let i = 0; i < 3; i += 1) await card.getByRole('button', { name: 'Move up' }).click();
  await expect(admin.getByTestId('rule-card').first()).toContainText(ruleName);

  // A customer's e-mail with the keyword arrives through the provider webhook.
  const conversationId = await deliver(request, inbox.key, inbox.secret, {
    id: stamp,
    fromName: 'Priya Shah',
    from: `priya.${stamp}@customer.example.test`,
    to: 'support@acme.demo.test',
    subject: `Power ${keyword} at the store`,
    body: `Hello, we have a ${keyword} since this morning. Priya`,
  });

  // The agent opens it: the rule's run is on the timeline, the priority and flag are set.
  const agent = await newSignedInPage(browser, 'agent1@demo.test');
  await agent.goto(`/desk/${conversationId}`);
  const pane = agent.getByTestId('conversation-pane');
  await expect(
    pane.getByTestId('activity-line').filter({ hasText: `Rule “${ruleName}” changed priority` }),
  ).toBeVisible();
  await expect(pane.getByTestId('activity-line').filter({ hasText: `Rule “${ruleName}” changed flags` })).toBeVisible();
  await expect(pane.getByTestId('control-priority')).toHaveValue('High');
  await expect(pane.getByText('vip', { exact: true })).toBeVisible();

  // The agent applies the seeded "Refund approved" macro from the palette, by keyboard.
  await agent.keyboard.press('m');
  const palette = agent.getByTestId('macro-palette');
  await expect(palette).toBeVisible();
  await palette.getByTestId('macro-search').fill('refund');
  await screenshot(agent, 'automation-macro-palette-en');
  await palette.getByTestId('macro-search').press('Enter');
  await expect(palette).toBeHidden();
  await expect(agent.getByTestId('reply-body')).toHaveValue(/^Hi Priya,/);
  await expect(agent.getByTestId('reply-body')).toHaveValue(/Nima, Acme Outdoor$/);
  await expect(pane.getByTestId('activity-line').filter({ hasText: 'applied macro “Refund approved”' })).toBeVisible();
  await expect(pane.getByTestId('control-status')).toHaveValue('Pending');
  await screenshot(agent, 'automation-desk-en');

  // Back in the admin: the run is listed with what each action did.
  await admin.getByTestId('automation-tab-runs').click();
  const run = admin.getByTestId('run-row').filter({ hasText: ruleName });
  await expect(run).toContainText('Applied');
  await expect(run).toContainText('changed priority normal → high');
  await screenshot(admin, 'automation-runs-en');

  // Turning the rule off: a second matching e-mail is left alone.
  await admin.getByTestId('automation-tab-rules').click();
  await card.getByTestId('rule-enabled').click({ force: true });
  await expect(card.getByTestId('rule-enabled')).not.toBeChecked();
  const second = await deliver(request, inbox.key, inbox.secret, {
    id: `${stamp}-2`,
    fromName: 'Priya Shah',
    from: `priya2.${stamp}@customer.example.test`,
    to: 'support@acme.demo.test',
    subject: `Another ${keyword}`,
    body: `Still a ${keyword}.`,
  });
  await agent.goto(`/desk/${second}`);
  await expect(agent.getByTestId('conversation-subject')).toContainText('Another');
  await expect(agent.getByTestId('control-priority')).toHaveValue('Normal');
});

test('the automation screens and the macro palette in Persian, right to left', async ({ browser }) => {
  const admin = await newSignedInPage(browser, 'admin@demo.test');
  const clients = (await (await admin.request.get('/api/v1/clients')).json()) as Client[];
  const golestan = clients.find((client) => client.name === 'Golestan')!;
  await setLocale(admin, 'فارسی');
  await admin.goto(`/admin/automation?client=${golestan.id}&tab=rules`);
  await expect(admin.getByTestId('rule-card').first()).toContainText('فوری');
  await expect(admin.getByTestId('rule-card').first()).toContainText('۰ اجرا');
  await screenshot(admin, 'automation-rules-fa');
  await admin.getByTestId('rule-edit').first().click();
  await expect(admin.getByTestId('rule-form')).toBeVisible();
  await expect(admin.getByTestId('rule-name')).toHaveValue(/فوری/);
  await screenshot(admin, 'automation-rule-form-fa');
  await admin.keyboard.press('Escape');
  await admin.goto(`/admin/automation?client=${golestan.id}&tab=macros`);
  await expect(admin.getByTestId('macro-card').first()).toContainText('ارسال دوباره سفارش');
  await screenshot(admin, 'automation-macros-fa');
  await setLocale(admin, 'English');

  // agent3 serves Golestan: the macro palette on a Golestan conversation fills a Persian reply.
  const agent = await newSignedInPage(browser, 'agent3@demo.test');
  await setLocale(agent, 'فارسی');
  const list = (await (await agent.request.get(`/api/v1/conversations?clientId=${golestan.id}&limit=1`)).json()) as {
    items: { id: string }[];
  };
  await agent.goto(`/desk/${list.items[0]!.id}`);
  await agent.getByTestId('macros-button').click();
  const palette = agent.getByTestId('macro-palette');
  await expect(palette.getByTestId('macro-option').first()).toBeVisible();
  await screenshot(agent, 'automation-desk-fa');
  await palette.getByTestId('macro-option').filter({ hasText: 'ارسال دوباره سفارش' }).click();
  await expect(agent.getByTestId('reply-body')).toHaveValue(/سفارش شما دوباره ارسال می‌شود/);
  await expect(
    agent.getByTestId('activity-line').filter({ hasText: 'ماکروی «ارسال دوباره سفارش» را اجرا کرد' }),
  ).toBeVisible();
  await setLocale(agent, 'English');
});

test('a rule notifies the supervisors: the bell shows it and opens the conversation', async ({ browser, request }) => {
  const stamp = unique('bell').replace(/[^a-z0-9-]/gi, '');
  const supervisor = await newSignedInPage(browser, 'supervisor@demo.test');
  const clients = (await (await supervisor.request.get('/api/v1/clients')).json()) as Client[];
  const acme = clients.find((client) => client.name === 'Acme Outdoor')!;
  const inbox = await inboxWithSecret(supervisor, acme, 'support@acme.demo.test');
  await supervisor.goto('/desk');
  // The seeded "Urgent words" rule notifies supervisors.
  const conversationId = await deliver(request, inbox.key, inbox.secret, {
    id: stamp,
    fromName: 'Leo Park',
    from: `leo.${stamp}@customer.example.test`,
    to: 'support@acme.demo.test',
    subject: `Tent pole snapped ${stamp}`,
    body: 'This is urgent, we leave tomorrow.',
  });
  await supervisor.getByTestId('notifications-bell').click();
  const item = supervisor.getByTestId('notification-item').filter({ hasText: 'Urgent message from Leo Park' });
  await expect(item).toBeVisible();
  await screenshot(supervisor, 'automation-notifications-en');
  await item.click();
  await expect(supervisor).toHaveURL(new RegExp(conversationId));
  await expect(supervisor.getByTestId('conversation-subject')).toContainText(stamp);
});
