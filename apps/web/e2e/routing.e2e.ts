import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './csp';
import { newSignedInPage, signIn } from './support';

const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results/screenshots');
/** The board is tall; the visible viewport is what a person sees. */
const screenshot = async (page: Page, name: string) => {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), timeout: 60_000 });
};

const presence = (page: Page) => page.getByTestId('presence-switch');

// Several people sign in (argon2 on purpose) on a machine shared with other suites: room, not a timing.
test.describe.configure({ timeout: 420_000 });

test('an agent goes online from the header; the supervisor board follows live and hands work over by drag and by keyboard', async ({
  page,
  browser,
}) => {
  const agent = page;
  await signIn(agent, 'agent1@demo.test');
  await agent.goto('/desk?assignee=me');
  // "Away": they keep their work and get nothing new. The demo starts agents away; earlier browser tests
  // may have left Nima online or offline, so set it first.
  await expect(presence(agent)).toBeVisible({ timeout: 30_000 });
  await presence(agent).getByText('Away').click();
  await expect(presence(agent)).toHaveAttribute('data-presence', 'away', { timeout: 30_000 });

  const supervisor = await newSignedInPage(browser, 'supervisor@demo.test');
  await supervisor.getByTestId('nav-queue').click();
  await expect(supervisor).toHaveURL(/\/queue/);
  const agentCard = supervisor.getByTestId('board-agent').filter({ hasText: 'Nima Farahani' });
  // The board is a heavy first render on a loaded machine: room, not a timing.
  await expect(agentCard.getByTestId('board-agent-presence')).toHaveText('Away', { timeout: 90_000 });
  await expect(supervisor.getByTestId('board-summary')).toBeVisible();

  // Keyboard only: Tab to the switch, pick "Online" with the keyboard.
  await agent.getByRole('radio', { name: 'Online' }).focus();
  await agent.keyboard.press('Space');
  await expect(presence(agent)).toHaveAttribute('data-presence', 'online');
  // The board hears it over the desk socket, without a reload.
  await expect(agentCard.getByTestId('board-agent-presence')).toHaveText('Online', { timeout: 20_000 });
  await screenshot(agent, 'routing-presence-online-en');

  // Routing fills the agent up from the waiting queue (the demo has Acme and Golestan waiting).
  await expect(agent.getByTestId('conversation-row').first()).toBeVisible({ timeout: 30_000 });
  await screenshot(supervisor, 'routing-board-en');

  // Drag: a conversation from another agent (or the queue) onto Nima's column.
  const movable = supervisor
    .getByTestId('queue-card')
    .filter({ hasNotText: 'Nima' })
    .and(supervisor.locator('[aria-label^="Acme Outdoor"]'));
  // The board is live: while routing still fills agents up, cards shift between reading where one is and
  // pressing the mouse there, so the drag may pick up a neighbour. Like a person, drag again until the card
  // read is the one that lands. Onto the top of Nima's column: after earlier tests it is long.
  let draggedId = '';
  await expect(async () => {
    draggedId = (await movable.first().getAttribute('data-conversation-id'))!;
    const dragged = supervisor.locator(`[data-testid="queue-card"][data-conversation-id="${draggedId}"]`);
    await dragged.dragTo(agentCard, { targetPosition: { x: 60, y: 16 } });
    await expect(agentCard.locator(`[data-conversation-id="${draggedId}"]`)).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await expect(agent.locator(`[data-testid="conversation-row"][data-conversation-id="${draggedId}"]`)).toBeVisible({
    timeout: 20_000,
  });

  // Keyboard: "Move to…" on a card in Nima's column sends it to Jordan, who also serves Acme.
  const card = agentCard.locator(`[data-conversation-id="${draggedId}"]`);
  await card.getByTestId('queue-card-move').focus();
  await supervisor.keyboard.press('Enter');
  const jordan = supervisor.getByRole('menuitem', { name: 'Jordan Blake' });
  await expect(jordan).toBeVisible();
  await jordan.focus();
  await supervisor.keyboard.press('Enter');
  const jordanCard = supervisor.getByTestId('board-agent').filter({ hasText: 'Jordan Blake' });
  await expect(jordanCard.locator(`[data-conversation-id="${draggedId}"]`)).toBeVisible({ timeout: 20_000 });
  // …and it leaves Nima's desk live.
  await expect(agent.locator(`[data-testid="conversation-row"][data-conversation-id="${draggedId}"]`)).toHaveCount(0, {
    timeout: 20_000,
  });

  // Going offline hands waiting work back; the board shows it.
  await presence(agent).getByText('Offline').click();
  await expect(presence(agent)).toHaveAttribute('data-presence', 'offline');
  await expect(agentCard.getByTestId('board-agent-presence')).toHaveText('Offline', { timeout: 20_000 });

  await supervisor.context().close();
});

test('the pane flags an emergency and escalates the tier with a reason; the admin sets routing per client', async ({
  page,
}) => {
  await signIn(page, 'agent1@demo.test');
  const row = page.getByTestId('conversation-row').first();
  await row.click();
  await expect(page.getByTestId('conversation-pane')).toBeVisible();
  const emergency = page.getByTestId('emergency-switch');
  const before = await emergency.isChecked();
  await emergency.click();
  await expect(emergency).toBeChecked({ checked: !before });

  await page.getByTestId('escalate-tier').click();
  await page.getByTestId('escalate-reason').fill('no');
  await page.getByTestId('escalate-submit').click();
  // Too short a reason: the server's problem+json field error is shown on the field.
  await expect(page.getByRole('dialog')).toContainText(/3 character|too small|at least/i);
  await page.getByTestId('escalate-reason').fill('Customer asks for a refund above tier 1 authority');
  await page.getByTestId('escalate-submit').click();
  await expect(page.getByText(/escalated tier \d → \d: Customer asks for a refund/)).toBeVisible();
  await screenshot(page, 'routing-pane-en');

  const admin = await newSignedInPage(page.context().browser()!, 'admin@demo.test');
  await admin.goto('/admin/clients');
  await admin.getByText('Acme Outdoor').first().click();
  await admin.getByTestId('tab-routing').click();
  await expect(admin.getByTestId('routing-rule-tag').first()).toHaveValue('warranty');
  await admin.getByTestId('routing-reassign-after').fill('20');
  await admin.getByTestId('routing-add-rule').click();
  await admin.getByTestId('routing-rule-tag').last().fill('billing');
  await admin.getByTestId('routing-rule-skill').last().fill('billing');
  await admin.getByTestId('routing-save').click();
  await expect(admin.getByText('Routing saved')).toBeVisible();
  await admin.reload();
  await expect(admin.getByTestId('routing-reassign-after')).toHaveValue('20');
  await expect(admin.getByTestId('routing-rule-tag')).toHaveCount(2);
  await screenshot(admin, 'routing-settings-en');
});

test('Persian: the board and the presence switch read right to left', async ({ page }) => {
  await signIn(page, 'supervisor@demo.test');
  await page.evaluate(async () => {
    const csrf = (await (await fetch('/api/v1/auth/csrf')).json()) as { token: string };
    await fetch('/api/v1/auth/me', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf.token },
      body: JSON.stringify({ locale: 'fa' }),
    });
  });
  await page.goto('/queue');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('queue-board')).toContainText('صف');
  await expect(page.getByRole('radio', { name: 'آنلاین' })).toBeAttached();
  await screenshot(page, 'routing-board-fa');
});
