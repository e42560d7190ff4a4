import { expect, test } from '@playwright/test';
import { clientUserOf, newSignedInPage, screenshot, signIn, unique } from './support';

type Summary = { id: string; client: { name: string } };
type Suggestions = { suggestions: { itemId: string; title: string }[] };

test('a client edits an answer in its portal, the agent gets the new version suggested and sends it', async ({
  page,
  browser,
}) => {
  await signIn(page, 'agent1@demo.test');
  // A Golestan conversation whose customer's latest message has a suggested answer.
  const list = (await (await page.request.get('/api/v1/conversations?limit=100')).json()) as { items: Summary[] };
  let target: { conversationId: string; itemId: string; title: string } | undefined;
  for (const conversation of list.items.filter((c) => c.client.name === 'Golestan')) {
    const answer = (await (
      await page.request.get(`/api/v1/conversations/${conversation.id}/suggestions`)
    ).json()) as Suggestions;
    const first = answer.suggestions[0];
    if (first) {
      target = { conversationId: conversation.id, itemId: first.itemId, title: first.title };
      break;
    }
  }
  if (!target) throw new Error('no Golestan conversation with a suggestion');

  // The client user edits that answer in the portal, with hostile markup in it.
  const portal = await newSignedInPage(browser, clientUserOf.Golestan!);
  await portal.getByTestId('nav-kb').click();
  await expect(portal).toHaveURL(/\/portal\/kb/);
  await portal.getByTestId('kb-search').fill(target.title);
  await portal.getByTestId('kb-tree-item').filter({ hasText: target.title }).first().click();
  const marker = unique('نسخه');
  await portal
    .getByTestId('kb-body')
    .fill(
      `<p onmouseover="window.__xss=1">پاسخ تازه ${marker}</p><img src=x onerror="window.__xss=2"><script>window.__xss=3</script>`,
    );
  await portal.getByTestId('kb-save').click();
  await expect(portal.getByTestId('kb-version')).toContainText('2');
  const preview = portal.getByTestId('kb-preview');
  await expect(preview).toContainText(marker);
  await preview.hover();
  expect(await preview.locator('img, script, [onmouseover]').count()).toBe(0);
  expect(await portal.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await screenshot(portal, 'kb-portal-editor');

  // The public help page shows public answers and keeps hostile content inert too.
  await portal.goto('/help/golestan');
  await expect(portal.getByTestId('help-title')).toHaveText('Golestan');
  await expect(portal.getByTestId('help-article').first()).toBeVisible();
  await screenshot(portal, 'kb-help-page');
  await portal.context().close();

  // The agent opens the conversation: the new version is suggested; one click inserts it; it is sent.
  await page.goto(`/desk/${target.conversationId}`);
  const suggestion = page.getByTestId('kb-suggestion').filter({ hasText: marker });
  await expect(suggestion).toBeVisible();
  await screenshot(page, 'kb-desk-suggestions');
  await suggestion.getByTestId('kb-insert').click();
  await expect(page.getByTestId('reply-body')).toHaveValue(new RegExp(marker));
  await page.getByTestId('send-message').click();
  await expect(page.getByTestId('message-outgoing').filter({ hasText: marker })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  // English screens too.
  await page.goto('/kb');
  await expect(page.getByTestId('kb-category').first()).toBeVisible();
  await screenshot(page, 'kb-agency-editor');
});
