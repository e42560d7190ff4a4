import type { Locator, Page } from '@playwright/test';
import nodemailer from 'nodemailer';
import { expect, test } from './csp';
import { bounceMail } from './email-messages';
import { e2eSmtpPort } from './ports';
import { newSignedInPage, screenshot, unique } from './support';

const acmeAddress = 'support@acme.demo.test';

/** One real SMTP session to the demo server's listener, as a mail server delivers; resolves with its reply. */
const deliverOverSmtp = async (raw: string, to: string): Promise<string> => {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: e2eSmtpPort,
    secure: false,
    ignoreTLS: true,
  });
  try {
    const info = await transport.sendMail({ envelope: { from: 'mailer-daemon@forged.example.test', to: [to] }, raw });
    return info.response;
  } finally {
    transport.close();
  }
};

const setLocale = async (page: Page, label: 'English' | 'فارسی') => {
  await page.getByText(label, { exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe(label === 'English' ? 'ltr' : 'rtl');
};

/** Nothing wider than the window: at 390 px the cards stack instead of scrolling sideways. */
const expectNoSidewaysScroll = async (page: Page) =>
  expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth))
    .toBeLessThanOrEqual(0);

/**
 * WCAG contrast of an element's text against what is behind it: its own and its ancestors' backgrounds,
 * translucent ones (Mantine's light badges) blended over the first opaque one.
 */
const contrastOf = (locator: Locator) =>
  locator.evaluate((element) => {
    const rgba = (css: string) => (css.match(/[\d.]+/g) ?? ['0', '0', '0', '0']).map(Number);
    const layers: number[][] = [];
    for (let node: Element | null = element; node; node = node.parentElement) {
      const [r = 0, g = 0, b = 0, a = 1] = rgba(getComputedStyle(node).backgroundColor);
      if (a > 0) layers.push([r, g, b, a]);
      if (a >= 1) break;
    }
    let [r, g, b] = [255, 255, 255];
    for (const [lr = 0, lg = 0, lb = 0, la = 1] of layers.reverse()) {
      [r, g, b] = [lr * la + r * (1 - la), lg * la + g * (1 - la), lb * la + b * (1 - la)];
    }
    const luminance = ([cr, cg, cb]: number[]) => {
      const channel = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(cr ?? 0) + 0.7152 * channel(cg ?? 0) + 0.0722 * channel(cb ?? 0);
    };
    const text = luminance(rgba(getComputedStyle(element).color));
    const back = luminance([r, g, b]);
    return (Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05);
  });

test('a forged bounce delivered over SMTP is listed for managers with why it was not applied, and agents cannot see it', async ({
  browser,
}) => {
  const stamp = unique('bounce').replace(/[^a-z0-9-]/gi, '');
  const admin = await newSignedInPage(browser, 'admin@demo.test');

  // Before any forged report: the page shows what the server holds (a fresh demo holds none).
  await admin.getByRole('navigation').getByText('Admin').click();
  await admin.getByTestId('admin-tab-bounces').click();
  await expect(admin).toHaveURL(/\/admin\/email-bounces$/);
  const before = (await (await admin.request.get('/api/v1/email/bounces')).json()) as { items: unknown[] };
  if (before.items.length === 0) {
    await expect(admin.getByTestId('bounces-empty')).toHaveText(
      'No unmatched bounces. Every bounce so far belonged to an e-mail we sent.',
    );
    await screenshot(admin, 'email-bounces-empty');
  } else {
    await expect(admin.getByTestId('unmatched-bounce')).toHaveCount(before.items.length);
  }

  // A report claiming one of Acme's e-mails to a stranger bounced: no such e-mail was ever sent.
  const forgedId = `<forged-${stamp}@acme.demo.test>`;
  const stranger = `stranger.${stamp}@elsewhere.example.test`;
  const reply = await deliverOverSmtp(
    bounceMail({ to: acmeAddress, recipient: stranger, originalId: forgedId, stamp }),
    acmeAddress,
  );
  expect(reply).toMatch(/^250/);

  // The manager refreshes with the keyboard and finds it, newest first, with its reason in plain words.
  await admin.getByTestId('bounces-refresh').focus();
  await admin.keyboard.press('Enter');
  const card = admin.getByTestId('unmatched-bounce').first();
  await expect(card.getByTestId('bounce-message-id')).toHaveText(forgedId);
  await expect(card).toHaveAttribute('data-reason', 'unknown_message');
  await expect(card.getByTestId('bounce-reason')).toHaveText('Names no e-mail we sent');
  await expect(card.getByTestId('bounce-reason-detail')).toContainText(
    'The Message-ID it names is not one of the e-mails this client has sent.',
  );
  await expect(card.getByTestId('bounce-recipient')).toHaveText(stranger);
  await expect(card.getByTestId('bounce-status')).toContainText('5.2.2');
  await expect(card.getByTestId('bounce-status')).toContainText('Mailbox full');
  await expect(card.getByTestId('bounce-inbox')).toContainText(acmeAddress);
  await expect(card).toContainText('Acme Outdoor');
  await expect(card.getByTestId('bounce-sender')).toContainText('mailer-daemon@mx.customer.example.test');
  await expect(admin.getByTestId('bounces-count')).toHaveText(
    before.items.length === 0 ? '1 bounce shown' : `${before.items.length + 1} bounces shown`,
  );
  // WCAG AA (4.5:1) for the small text a manager reads: the reason, the labels, the page's description.
  for (const text of [
    card.getByTestId('bounce-reason'),
    card.locator('dt').first(),
    admin.getByText('Bounce reports that could not be matched'),
    admin.getByTestId('bounces-count'),
  ]) {
    expect(await contrastOf(text)).toBeGreaterThanOrEqual(4.5);
  }
  await screenshot(admin, 'email-bounces-en');
  await admin.setViewportSize({ width: 390, height: 844 });
  await expect(card.getByTestId('bounce-reason')).toBeVisible();
  await expectNoSidewaysScroll(admin);
  await screenshot(admin, 'email-bounces-en-390');
  await admin.setViewportSize({ width: 1440, height: 900 });

  // In Persian: right to left, translated, Persian digits and the Solar Hijri year.
  try {
    await setLocale(admin, 'فارسی');
    await expect(admin.getByTestId('admin-tab-bounces')).toHaveText('ایمیل‌های برگشتی');
    await expect(card.getByTestId('bounce-reason')).toHaveText('ایمیلی از ما را نام نمی‌برد');
    await expect(card.getByTestId('bounce-message-id')).toHaveText(forgedId);
    await expect(admin.getByTestId('bounces-count')).toHaveText(/^[۰-۹]+ ایمیل برگشتی/);
    const solarYear = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { year: 'numeric' }).format(new Date());
    expect(solarYear).toMatch(/^[۰-۹]{4}/);
    await expect(card.getByTestId('bounce-arrived')).toContainText(solarYear.slice(0, 4));
    await screenshot(admin, 'email-bounces-fa');
    await admin.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(admin);
    await screenshot(admin, 'email-bounces-fa-390');
  } finally {
    await admin.setViewportSize({ width: 1440, height: 900 });
    await setLocale(admin, 'English');
  }

  // An agent has no entry to it, the page turns them away, and the API refuses them.
  const agent = await newSignedInPage(browser, 'agent1@demo.test');
  await expect(agent.getByTestId('nav-desk')).toBeVisible();
  await expect(agent.getByTestId('nav-admin')).toHaveCount(0);
  await agent.goto('/admin/email-bounces');
  await expect(agent).toHaveURL(/\/desk/);
  await expect(agent.getByTestId('unmatched-bounce')).toHaveCount(0);
  await expect(agent.getByText(forgedId)).toHaveCount(0);
  expect((await agent.request.get('/api/v1/email/bounces')).status()).toBe(403);

  await agent.context().close();
  await admin.context().close();
});
