import { expect, test } from './csp';
import { screenshot, signIn } from './support';

test('switching to Persian mirrors the layout and translates it, and switching back restores English', async ({
  page,
}) => {
  await signIn(page, 'agent2@demo.test');
  await expect(page).toHaveURL(/\/desk/);
  await expect(page.getByRole('navigation').getByText('Desk')).toBeVisible();

  await page.getByText('فارسی', { exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('fa');
  await expect(page.getByRole('navigation').getByText('میز کار')).toBeVisible();
  await expect(page.getByTestId('conversation-row').first()).toBeVisible();
  // Persian digits in the count line ("۱۲ گفتگو").
  await expect(page.getByTestId('desk-count')).toHaveText(/[۰-۹]/);
  await screenshot(page, 'desk-persian');

  // The choice is saved on the account: it survives a reload.
  await page.reload();
  await expect(page.getByRole('navigation').getByText('میز کار')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');

  await page.getByText('English', { exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('ltr');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  await expect(page.getByRole('navigation').getByText('Desk')).toBeVisible();
});

test('a Persian client user gets the portal in Persian', async ({ page }) => {
  await signIn(page, 'owner@golestan.demo.test');
  await expect(page).toHaveURL(/\/portal/);
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await expect(page.getByText('سوابق ارتباطات')).toBeVisible();
  await expect(page.getByTestId('portal-row').first()).toBeVisible();
  await screenshot(page, 'portal-persian');
  await page.getByTestId('portal-row').first().click();
  await expect(page.getByTestId('portal-thread')).toBeVisible();
  await screenshot(page, 'portal-persian-conversation');
});
