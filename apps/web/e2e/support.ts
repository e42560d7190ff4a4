import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, expect, type Page } from '@playwright/test';

export const demoPassword = 'switchboard';
export const clientUserOf: Record<string, string> = {
  'Acme Outdoor': 'owner@acme.demo.test',
  Golestan: 'owner@golestan.demo.test',
};

const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results/screenshots');

export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
};

/** Signs in through the real form, as a person would. */
export const signIn = async (page: Page, email: string, password = demoPassword): Promise<void> => {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page).not.toHaveURL(/\/login/);
};

/** A separate browser context per person, so sessions never mix. */
export const newSignedInPage = async (browser: Browser, email: string): Promise<Page> => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
};

export const unique = (prefix: string): string => `${prefix}-${Date.now().toString(36)}`;
