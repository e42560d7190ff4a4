import { expect, test } from './csp';
import { clientUserOf, newSignedInPage, screenshot, signIn, unique } from './support';

type Summary = { id: string; client: { id: string; name: string } };
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
  await expect(portal.getByTestId('kb-version')).toContainText('۲');
  const preview = portal.getByTestId('kb-preview');
  await expect(preview).toContainText(marker);
  await preview.hover();
  expect(await preview.locator('img, script, [onmouseover]').count()).toBe(0);
  expect(await portal.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  // The Golestan client user works in Persian: the editor is mirrored and translated.
  expect(await portal.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await expect(portal.getByTestId('kb-save')).toHaveText('ذخیره‌ی نسخه‌ی جدید');
  await screenshot(portal, 'kb-portal-editor');

  // A category and an answer made in the portal, then deleted again.
  await portal.getByTestId('kb-search').fill('');
  const category = unique('دسته');
  await portal.getByTestId('kb-new-category').click();
  await portal.getByTestId('kb-category-name-fa').fill(category);
  await portal.getByTestId('kb-new-category-submit').click();
  const categoryLink = portal.getByTestId('kb-category').filter({ hasText: category });
  await expect(categoryLink).toBeVisible();
  await portal.getByTestId('kb-new-item').click();
  const question = unique('پرسش تازه');
  await portal.getByTestId('kb-new-title').fill(question);
  await portal.getByTestId('kb-new-body').fill('پاسخ کوتاه');
  await portal.getByTestId('kb-new-item-submit').click();
  await expect(portal.getByTestId('kb-title')).toHaveValue(question);
  await portal.getByTestId('kb-delete-item').click();
  await portal.getByTestId('kb-delete-item-confirm').click();
  await expect(portal.getByTestId('kb-tree-item').filter({ hasText: question })).toHaveCount(0);
  await categoryLink.getByTestId('kb-delete-category').click();
  await portal.getByTestId('kb-delete-category-confirm').click();
  await expect(categoryLink).toHaveCount(0);

  // Importing documents: one file per request, a progress bar, a result per file.
  const imported = unique('Vase care');
  await portal.getByTestId('kb-open-import').click();
  await portal
    .getByTestId('kb-import')
    .locator('input[type=file]')
    .setInputFiles([
      {
        name: 'vase-care.md',
        mimeType: 'text/markdown',
        buffer: Buffer.from(`# ${imported}\n\nChange the water **daily**.`),
      },
      { name: 'virus.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') },
    ]);
  await portal.getByTestId('kb-import-start').click();
  await expect(portal.getByTestId('kb-import-count')).toHaveText('۲ از ۲ پرونده');
  await expect(portal.getByTestId('kb-import-result').nth(0)).toHaveAttribute('data-state', 'done');
  await expect(portal.getByTestId('kb-import-result').nth(0)).toContainText(imported);
  await expect(portal.getByTestId('kb-import-result').nth(1)).toHaveAttribute('data-state', 'failed');
  await screenshot(portal, 'kb-portal-import');
  await portal.getByRole('button', { name: 'بستن' }).click();
  await expect(portal.getByTestId('kb-tree-item').filter({ hasText: imported })).toBeVisible();

  // The public help page shows public answers and keeps hostile content inert too.
  await portal.goto('/help/golestan');
  await expect(portal.getByTestId('help-title')).toHaveText('Golestan');
  await expect(portal.getByTestId('help-article').first()).toBeVisible();
  await expect(portal.locator('[dir=rtl][lang=fa]').first()).toBeVisible();
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
  const sent = page.getByTestId('message-outgoing').filter({ hasText: marker });
  await expect(sent).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  // The reply sent is saved back as an answer in one click (and a title).
  const saved = unique('Saved reply');
  await sent.getByTestId('save-as-answer').click();
  await page.getByTestId('save-as-answer-title').fill(saved);
  await page.getByTestId('save-as-answer-form').getByRole('button').click();
  await expect(page.getByText('Saved to the knowledge base')).toBeVisible();
  const golestanId = list.items.find((c) => c.id === target?.conversationId)!.client.id;
  const tree = (await (await page.request.get(`/api/v1/clients/${golestanId}/kb?limit=200`)).json()) as {
    items: { title: string }[];
  };
  expect(tree.items.map((item) => item.title)).toContain(saved);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  // English screens too.
  await page.goto('/kb');
  await expect(page.getByTestId('kb-category').first()).toBeVisible();
  await screenshot(page, 'kb-agency-editor');
});
