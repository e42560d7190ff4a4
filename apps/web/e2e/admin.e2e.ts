import { expect, test } from './csp';
import { screenshot, signIn, unique } from './support';

test('an admin creates a client, an inbox and an agency user', async ({ page }) => {
  await signIn(page, 'admin@demo.test');
  await page.getByRole('navigation').getByText('Admin').click();
  await expect(page).toHaveURL(/\/admin\/clients/);
  await expect(page.getByTestId('clients-table')).toContainText('Acme Outdoor');
  await screenshot(page, 'admin');

  const slug = unique('e2e-client').toLowerCase();
  const clientName = `Northwind ${slug.slice(-6)}`;
  await page.getByTestId('new-client').click();
  const clientForm = page.getByTestId('client-form');
  await clientForm.getByTestId('client-name').fill(clientName);
  await clientForm.getByTestId('client-slug').fill(slug);
  await clientForm.getByTestId('client-prefix').fill('NW');
  await clientForm.getByTestId('form-submit').click();
  // Saving a new client opens its page.
  await expect(page.getByTestId('admin-client-name')).toHaveText(clientName);

  await page.getByTestId('new-inbox').click();
  const inboxForm = page.getByTestId('inbox-form');
  await inboxForm.getByTestId('inbox-name').fill('Support mailbox');
  await inboxForm.getByTestId('inbox-address').fill(`support@${slug}.example.com`);
  await inboxForm.getByTestId('form-submit').click();
  const inboxes = page.getByTestId('inboxes-table');
  await expect(inboxes).toContainText('Support mailbox');
  await expect(inboxes).toContainText(`support@${slug}.example.com`);
  await screenshot(page, 'admin-client');

  await page.getByTestId('admin-tab-users').click();
  await expect(page).toHaveURL(/\/admin\/users/);
  const email = `${slug}@agents.example.com`;
  await page.getByTestId('new-agency-user').click();
  const userForm = page.getByTestId('agency-user-form');
  await userForm.getByTestId('agent-name').fill('Robin Tester');
  await userForm.getByTestId('agent-email').fill(email);
  await userForm.getByTestId('agent-password').fill('correct horse battery');
  await userForm.getByTestId('agent-skills').fill('returns');
  await page.keyboard.press('Enter');
  await userForm.getByTestId('agent-clients').click();
  await page.getByRole('option', { name: clientName }).click();
  await page.keyboard.press('Escape');
  await userForm.getByTestId('form-submit').click();
  const users = page.getByTestId('agency-users-table');
  await expect(users).toContainText(email);
  await expect(users.getByRole('row').filter({ hasText: email })).toContainText(clientName);
  await screenshot(page, 'admin-users');
});
