import { expect, test } from './csp';
import { newSignedInPage, signIn, unique } from './support';

test('a note added by one person appears on another agent’s screen without reload', async ({ page, browser }) => {
  const agent = page;
  await signIn(agent, 'agent1@demo.test');
  const firstRow = agent.getByTestId('conversation-row').first();
  await expect(firstRow).toBeVisible();
  const conversationId = await firstRow.getAttribute('data-conversation-id');
  await firstRow.click();
  await expect(agent).toHaveURL(new RegExp(`/desk/${conversationId}`));
  await expect(agent.getByTestId('conversation-pane')).toBeVisible();
  // Anything after this point must arrive over the socket: the page is never reloaded.
  await agent.evaluate(() => {
    (window as unknown as { e2eMarker: string }).e2eMarker = 'same page';
  });

  const admin = await newSignedInPage(browser, 'admin@demo.test');
  await admin.goto(`/desk/${conversationId}`);
  await expect(admin.getByTestId('conversation-pane')).toBeVisible();
  const noteText = `${unique('Live note')} from the supervisor desk`;
  await admin.getByTestId('tab-note').click();
  await admin.getByTestId('reply-body').fill(noteText);
  await admin.getByTestId('send-message').click();
  await expect(admin.getByTestId('message-note').filter({ hasText: noteText })).toBeVisible();

  await expect(agent.getByTestId('message-note').filter({ hasText: noteText })).toBeVisible({ timeout: 15_000 });
  expect(await agent.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker)).toBe('same page');

  // And the other way round: the agent resolves with "e", the admin's screen follows.
  await agent.keyboard.press('e');
  await expect(agent.getByTestId('control-status')).toHaveValue('Resolved');
  await expect(admin.getByTestId('control-status')).toHaveValue('Resolved', { timeout: 15_000 });
  await admin.context().close();
});
