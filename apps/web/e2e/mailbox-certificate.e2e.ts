import { expect, test } from './csp';
import { newSignedInPage, screenshot } from './support';

// M7: a mailbox whose server certificate goes unchecked says so, in the form and whenever its settings open.
test('the self-signed opt-out of an IMAP mailbox is a visible warning, and the password is never shown', async ({
  browser,
}) => {
  const password = 'e2e-imap-password-never-shown';
  const admin = await newSignedInPage(browser, 'admin@demo.test');
  const clients = (await (await admin.request.get('/api/v1/clients')).json()) as { id: string; name: string }[];
  const acme = clients.find((client) => client.name === 'Acme Outdoor');
  if (!acme) throw new Error('no demo client Acme Outdoor');
  await admin.goto(`/admin/clients/${acme.id}`);
  const row = admin.getByTestId('inboxes-table').getByRole('row').filter({ hasText: 'support@acme.demo.test' });
  await row.getByTestId('email-settings').click();
  const settings = admin.getByTestId('email-settings-form');
  await expect(settings).toBeVisible();
  await expect(settings.getByTestId('imap-certificate-warning')).toHaveCount(0);
  await settings.getByTestId('change-imap').click();
  await settings.getByTestId('imap-host').fill('imap.acme.example.test');
  await settings.getByLabel('User name').fill('support@acme.example.test');
  await settings.getByLabel('Password', { exact: true }).fill(password);
  await expect(settings.getByTestId('imap-certificate-warning')).toHaveCount(0);
  await settings.getByTestId('imap-allow-self-signed').check();
  await expect(settings.getByTestId('imap-certificate-warning')).toBeVisible();
  await screenshot(admin, 'email-settings-self-signed');
  await settings.getByTestId('form-submit').click();
  await expect(settings).toBeHidden();

  await row.getByTestId('email-settings').click();
  await expect(settings.getByTestId('imap-certificate-warning')).toContainText('Server certificate not checked');
  await expect(settings).not.toContainText(password);
  await admin.keyboard.press('Escape');
  await admin.context().close();
});
