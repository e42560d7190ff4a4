import { expect, test } from './csp';
import { screenshot, unique } from './support';

test('signed-out visitors land on the sign-in form, which explains a failed sign-in', async ({ page }) => {
  await page.goto('/desk');
  await expect(page).toHaveURL(/\/login/);

  await page.getByTestId('login-email').fill('agent1@demo.test');
  await page.getByTestId('login-password').fill('not the password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByRole('alert')).toHaveText('Wrong e-mail or password.');
  await screenshot(page, 'login-error');
  await expect(page).toHaveURL(/\/login/);
});

test('repeated failures are answered with "too many attempts"', async ({ page }) => {
  // A made-up account, so the limit (per address and e-mail) never blocks the demo users other tests need.
  const email = `${unique('nobody')}@example.test`;
  await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill('wrong password');
  const alert = page.getByRole('alert');
  for (let attempt = 0; attempt < 15; attempt += 1) {
    await page.getByTestId('login-submit').click();
    await expect(alert).toBeVisible();
    await expect(page.getByTestId('login-submit')).toBeEnabled();
    if ((await alert.textContent())?.includes('Too many attempts')) break;
  }
  await expect(alert).toContainText('Too many attempts');
});
