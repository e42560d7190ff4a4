import { expect, test } from './csp';
import { clientUserOf, newSignedInPage, screenshot, signIn, unique } from './support';

test('an agent replies from the desk and the client sees it in its portal', async ({ page, browser }) => {
  await signIn(page, 'agent1@demo.test');
  await expect(page).toHaveURL(/\/desk/);

  const rows = page.getByTestId('conversation-row');
  await expect(rows.first()).toBeVisible();
  // agent1 serves both demo clients: one desk, both clients in it.
  const list = page.getByTestId('conversation-list');
  await expect(list.getByText('Acme Outdoor').first()).toBeVisible();
  await expect(list.getByText('Golestan').first()).toBeVisible();
  await screenshot(page, 'desk');

  // Keyboard only: j walks down to an Acme conversation (English portal afterwards), Enter opens it.
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-help')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-help')).toBeHidden();
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  const selected = page.locator('[data-testid="conversation-row"][aria-selected="true"]');
  for (let step = 0; step < 30; step += 1) {
    await page.keyboard.press('j');
    if ((await selected.textContent())?.includes('Acme Outdoor')) break;
  }
  await expect(selected).toContainText('Acme Outdoor');
  await expect(rows.first()).toHaveAttribute('aria-selected', 'false');
  const conversationId = await selected.getAttribute('data-conversation-id');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/desk/${conversationId}`));
  const pane = page.getByTestId('conversation-pane');
  await expect(pane).toBeVisible();

  const subject = (await page.getByTestId('conversation-subject').textContent())?.trim() ?? '';
  expect(subject.length).toBeGreaterThan(3);
  const clientName = 'Acme Outdoor';
  const numberText = (await page.getByTestId('conversation-number').textContent()) ?? '';
  const number = numberText.match(/#(\d+)/)?.[1];
  expect(number).toBeTruthy();
  await expect(page.getByTestId('conversation-number')).toContainText(clientName);

  // r focuses the reply box; typing there must not trigger shortcuts (the text contains j, k and e).
  await page.keyboard.press('r');
  await expect(page.getByTestId('reply-body')).toBeFocused();
  const replyText = `${unique('Reply')} — just checking, we are on it. Kind regards.`;
  await page.keyboard.type(replyText);
  await expect(page).toHaveURL(new RegExp(`/desk/${conversationId}`));
  await page.getByTestId('send-message').click();
  await expect(pane.getByTestId('message-outgoing').filter({ hasText: replyText })).toBeVisible();
  await expect(page.getByTestId('reply-body')).toHaveValue('');
  await screenshot(page, 'conversation');

  // The client whose conversation this is finds it in its own portal, with the reply in it.
  const clientEmail = clientUserOf[clientName];
  if (!clientEmail) throw new Error(`no demo client user for ${clientName}`);
  const portal = await newSignedInPage(browser, clientEmail);
  await expect(portal).toHaveURL(/\/portal/);
  await expect(portal.getByTestId('portal-client-name')).toHaveText(clientName);
  await expect(portal.getByTestId('portal-row').first()).toBeVisible();
  await screenshot(portal, 'portal');
  await portal.getByTestId('portal-search').fill(subject);
  // Demo subjects repeat across customers, so the number picks out the one we answered.
  const match = portal.getByTestId('portal-row').filter({ hasText: `#${number}` });
  await expect(match).toBeVisible();
  await screenshot(portal, 'portal-search');
  await match.click();
  await expect(portal.getByTestId('portal-subject')).toHaveText(subject);
  await expect(portal.getByTestId('portal-thread').getByText(replyText)).toBeVisible();
  await screenshot(portal, 'portal-conversation');
  await portal.context().close();
});
