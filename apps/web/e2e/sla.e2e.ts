import type { Page } from '@playwright/test';
import { expect, test } from './csp';
import { demoPassword, screenshot } from './support';

/** Sign-in through the form; argon2 on a loaded machine can take a while, so this waits longer than the default. */
const signIn = async (page: Page, email: string) => {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(demoPassword);
  await page.getByTestId('login-submit').click();
  await expect(page).not.toHaveURL(/\/login/, { timeout: 90_000 });
};

// Two languages, a reload and a policy save each: more than the default allows on a loaded machine.
test.describe.configure({ timeout: 300_000 });

/** Each row's SLA due instant (Infinity for paused or no SLA), in the order the desk shows them. */
const rowDueTimes = (page: Page) =>
  page.getByTestId('conversation-row').evaluateAll((rows) =>
    rows.map((row) => {
      const due = row.querySelector('[data-testid="sla-countdown"]')?.getAttribute('data-due-at');
      return due ? Date.parse(due) : Number.POSITIVE_INFINITY;
    }),
  );

test('the desk sorts by SLA due and shows a live countdown coloured by urgency, in the list and the pane', async ({
  page,
}) => {
  // The page's clock runs normally; fastForward moves it on without waiting in real time.
  await page.clock.install();
  await signIn(page, 'agent1@demo.test');
  await expect(page).toHaveURL(/\/desk/);
  const rows = page.getByTestId('conversation-row');
  await expect(rows.first()).toBeVisible();

  // The default order is SLA due first: every due time is at or after the one above it.
  await expect(page.getByTestId('desk-sort')).toHaveValue('SLA due first');
  const dues = await rowDueTimes(page);
  expect(dues.filter(Number.isFinite).length).toBeGreaterThan(3);
  expect(dues).toEqual([...dues].sort((a, b) => a - b));

  // Every row carries a countdown whose state matches its due time.
  const first = rows.first().getByTestId('sla-countdown');
  const state = await first.getAttribute('data-sla-state');
  expect(['ok', 'warning', 'breached']).toContain(state);
  const dueAt = Date.parse((await first.getAttribute('data-due-at')) ?? '');
  if (state === 'breached') expect(dueAt).toBeLessThanOrEqual(Date.now());
  else expect(dueAt).toBeGreaterThan(Date.now() - 1_000);
  // It ticks on its own as time passes (no refetch needed): two hours later it reads differently.
  const before = await first.textContent();
  await page.clock.fastForward('02:00:00');
  await expect(first).not.toHaveText(before ?? '');
  await screenshot(page, 'sla-desk');

  // The pane shows the countdown and every target.
  const firstId = await rows.first().getAttribute('data-conversation-id');
  await page.goto(`/desk/${firstId}`);
  const pane = page.getByTestId('conversation-pane');
  await expect(pane.getByTestId('sla-countdown')).toBeVisible();
  await expect(pane.getByTestId('sla-target').first()).toBeVisible();
  await expect(pane.getByTestId('sla-targets')).toContainText('First response');
  await screenshot(page, 'sla-conversation');

  // Another order on request, kept in the URL.
  await page.getByTestId('desk-sort').click();
  await page.getByRole('option', { name: 'Longest waiting' }).click();
  await expect(page).toHaveURL(/sort=waiting/);
  await expect(page.getByTestId('desk-sort')).toHaveValue('Longest waiting');
  await expect(rows.first()).toBeVisible();

  // Persian: the same countdown in Persian digits, right to left.
  await page.getByText('فارسی', { exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await page.getByTestId('desk-sort').click();
  await page.getByRole('option', { name: 'نزدیک‌ترین مهلت SLA' }).click();
  await expect(rows.first().getByTestId('sla-countdown')).toHaveText(/[۰-۹]/);
  await screenshot(page, 'sla-desk-persian');
  await page.getByText('English', { exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('ltr');
});

test("an admin edits a client's SLA policy and calendar", async ({ page }) => {
  await signIn(page, 'admin@demo.test');
  await page.goto('/admin/clients');
  await page.getByTestId('clients-table').getByText('Acme Outdoor', { exact: true }).click();
  await expect(page.getByTestId('admin-client-name')).toHaveText('Acme Outdoor');
  await page.getByTestId('tab-sla').click();
  await expect(page).toHaveURL(/tab=sla/);

  const form = page.getByTestId('sla-policy-form');
  await expect(form).toBeVisible();
  // The demo's contract is saved: New York business hours, 15 minutes for an urgent first response.
  await expect(page.getByTestId('sla-policy-unsaved')).toHaveCount(0);
  await expect(page.getByTestId('sla-timezone')).toHaveValue('America/New_York');
  await expect(page.getByTestId('sla-target-urgent-firstResponse')).toHaveValue('15 min');
  await screenshot(page, 'sla-policy');

  // A bad calendar is refused on the field, before anything is saved.
  await page.getByTestId('sla-mon-0-to').fill('07:00');
  await page.getByTestId('sla-save').click();
  await expect(form.getByText('closes before it opens')).toBeVisible();
  await page.getByTestId('sla-mon-0-to').fill('18:00');

  await page.getByTestId('sla-target-urgent-firstResponse').fill('20');
  await page.getByTestId('sla-warn-at').fill('70');
  await page.getByTestId('sla-add-holiday').click();
  const holidays = page.getByTestId('sla-holidays');
  const added = holidays.locator('input[type="date"]').last();
  await added.fill('2027-12-31');
  const savedAt = await form.getAttribute('data-updated-at');
  await page.getByTestId('sla-save').click();
  // The saved policy comes back with a new time; saving also recomputes the client's open conversations.
  await expect(page.getByTestId('sla-policy-form')).not.toHaveAttribute('data-updated-at', savedAt ?? '', {
    timeout: 60_000,
  });

  // Saved on the server: a reload shows the new values.
  await page.reload();
  await expect(page.getByTestId('sla-target-urgent-firstResponse')).toHaveValue('20 min');
  await expect(page.getByTestId('sla-warn-at')).toHaveValue('70%');
  await expect(page.getByTestId('sla-mon-0-to')).toHaveValue('18:00');
  await expect(page.getByTestId('sla-holidays').locator('input[type="date"]').last()).toHaveValue('2027-12-31');

  // 24/7 hides the weekly hours.
  await page.getByText('24/7, every day of the year').click();
  await expect(page.getByTestId('sla-weekly')).toHaveCount(0);

  // The Persian client's calendar, in Persian: its week starts on Saturday.
  await page.getByText('فارسی', { exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await page.goto('/admin/clients');
  await page.getByTestId('clients-table').getByText('Golestan', { exact: true }).click();
  await page.getByTestId('tab-sla').click();
  await expect(page.getByTestId('sla-timezone')).toHaveValue('Asia/Tehran');
  await expect(page.getByTestId('sla-weekly').locator('[data-testid^="sla-day-"]').first()).toHaveAttribute(
    'data-testid',
    'sla-day-sat',
  );
  await expect(page.getByTestId('sla-holidays')).toBeVisible();
  await screenshot(page, 'sla-policy-persian');
  await page.getByText('English', { exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('ltr');
});
