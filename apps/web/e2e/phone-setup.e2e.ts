import { expect, test } from './csp';
import { screenshot, signIn } from './support';

test("an admin sets up a client's phone: a queue, a CTI line with a menu and a script, the consent notice", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, 'admin@demo.test');
  await page.goto('/admin/clients');
  await page.getByTestId('clients-table').getByText('Acme Outdoor', { exact: true }).click();
  await page.getByTestId('tab-phone').click();
  await expect(page).toHaveURL(/tab=phone/);
  const lines = page.getByTestId('phone-lines-table');
  // The demo's Twilio line, recorded, with its call script.
  await expect(lines.getByTestId('phone-line-row')).toHaveCount(1, { timeout: 30_000 });
  await expect(lines).toContainText('+15555550100');
  await expect(lines).toContainText('Recorded');

  // A queue for returns, by keyboard: Enter submits the form.
  await page.getByTestId('new-phone-queue').click();
  const queueForm = page.getByTestId('phone-queue-form');
  await queueForm.getByTestId('queue-name').fill('Returns');
  await queueForm.getByTestId('queue-hold-audio').fill('ftp://example.com/hold.mp3');
  await queueForm.getByTestId('queue-max-wait').fill('90');
  await queueForm.getByTestId('form-submit').click();
  // A bad hold-audio address is refused on the field, before anything is saved.
  await expect(queueForm).toContainText('https://');
  await queueForm.getByTestId('queue-hold-audio').fill('https://cdn.example.com/returns-hold.mp3');
  await queueForm.getByTestId('queue-name').press('Enter');
  await expect(queueForm).toBeHidden();
  const queues = page.getByTestId('phone-queues-table');
  await expect(queues.getByTestId('phone-queue-row').filter({ hasText: 'Returns' })).toContainText('90 seconds');

  // A line on the agency's own PBX, with a two-choice menu and the client's call script.
  await page.getByTestId('new-phone-line').click();
  const form = page.getByTestId('phone-line-form');
  await form.getByTestId('line-name').fill('Returns desk');
  await form.getByTestId('line-number').fill('+15555550177');
  await form.getByText('Own PBX (CTI)').click();
  await expect(form.getByTestId('line-account-sid')).toHaveCount(0);
  await form.getByTestId('line-greeting').fill('Acme returns, thanks for calling.');
  await form.getByTestId('line-record').click({ force: true });
  await expect(form.getByTestId('line-consent-preview')).toContainText('This call may be recorded');
  await form.getByTestId('line-script').click();
  await page.getByRole('option').first().click();
  await form.getByTestId('line-ivr').click({ force: true });
  await form.getByTestId('ivr-prompt').fill('For a return press 1, anything else press 2.');
  await form.getByTestId('ivr-add-option').click();
  const options = form.getByTestId('ivr-option');
  await expect(options).toHaveCount(2);
  await options.nth(0).getByLabel('Queue').click();
  await page.getByRole('option', { name: 'Returns' }).click();
  await screenshot(page, 'phone-setup-line-form');
  await form.getByTestId('form-submit').click();

  // The PBX's secret address, shown once.
  const url = page.getByTestId('cti-webhook-url');
  await expect(url).toContainText('/api/v1/phone/cti/');
  await screenshot(page, 'phone-setup-cti-token');
  const token = (await url.textContent())!.split('/').pop()!;
  await page.getByTestId('cti-token-done').click();
  const row = lines.getByTestId('phone-line-row').filter({ hasText: 'Returns desk' });
  await expect(row).toContainText('Own PBX (CTI)');
  await expect(row).toContainText('Menu with 2 choices');
  await expect(page.getByText(token)).toHaveCount(0);

  // The PBX reports a call on the new number with that token: the line is live.
  const callId = `e2e-${Date.now()}`;
  const posted = await page.request.post(`/api/v1/phone/cti/${token}`, {
    form: { event: 'newCall', callId, from: '+15550109999', to: '+15555550177', direction: 'in' },
  });
  expect(posted.status(), await posted.text()).toBeLessThan(300);
  // The caller hangs up: no call is left ringing for an online agent in the tests that follow.
  const hungUp = await page.request.post(`/api/v1/phone/cti/${token}`, {
    form: { event: 'hangup', callId, cause: 'cancel' },
  });
  expect(hungUp.status(), await hungUp.text()).toBeLessThan(300);

  // The consent notice, changed and kept.
  const settings = page.getByTestId('phone-settings-form');
  await settings.getByTestId('consent-notice').fill('Calls are recorded to train our outfitters.');
  await settings.getByTestId('save-phone-settings').click();
  await page.reload();
  await expect(page.getByTestId('consent-notice')).toHaveValue('Calls are recorded to train our outfitters.');

  // Editing the demo line keeps its provider and shows the new notice.
  await lines.getByTestId('phone-line-row').filter({ hasText: '+15555550100' }).focus();
  await page.keyboard.press('Enter');
  const edit = page.getByTestId('phone-line-form');
  await expect(edit.getByTestId('line-consent-preview')).toContainText('train our outfitters');
  await edit.getByTestId('line-greeting').fill('Thanks for calling Acme Outdoor.');
  await edit.getByTestId('form-submit').click();
  await expect(edit).toBeHidden();
  await screenshot(page, 'phone-setup-en');

  // Persian, right to left.
  await page.getByText('فارسی', { exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await expect(page.getByTestId('tab-phone')).toHaveText('تلفن');
  await expect(lines).toContainText('مرکز تلفن خودتان');
  await screenshot(page, 'phone-setup-fa');
  await lines.getByTestId('phone-line-row').filter({ hasText: 'Returns desk' }).click();
  await expect(page.getByTestId('ivr-editor')).toBeVisible();
  await screenshot(page, 'phone-setup-line-form-fa');
  await page.keyboard.press('Escape');
  await page.getByText('English', { exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('ltr');
});
