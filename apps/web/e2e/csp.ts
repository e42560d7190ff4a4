import { type BrowserContext, test as base, expect } from '@playwright/test';

/**
 * Browser tests that also fail when a page breaks the server's Content-Security-Policy: every page of every
 * context (the `page` fixture's and those a test opens itself) reports each `securitypolicyviolation` event,
 * and Chromium's own "Refused to …" console errors are caught as well.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ browser }, use) => {
      const violations: string[] = [];
      const watch = (context: BrowserContext) => {
        void context.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (event) => {
            console.error(
              `CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} in ${event.documentURI}`,
            );
          });
        });
        context.on('console', (message) => {
          const text = message.text();
          if (/CSP violation|Content Security Policy/i.test(text))
            violations.push(`${message.location().url}: ${text}`);
        });
      };
      browser.on('context', watch);
      for (const context of browser.contexts()) watch(context);
      await use(violations);
      browser.off('context', watch);
      expect(violations, 'no page reported a Content-Security-Policy violation').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
