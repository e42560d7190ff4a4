import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { e2eDnsPort, e2ePort, e2eSmtpPort } from './e2e/ports';

const here = path.dirname(fileURLToPath(import.meta.url));
const port = e2ePort;
const baseURL = `http://localhost:${port}`;

// A fresh data directory per run: every run starts from the same freshly seeded demo agency.
const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-e2e-'));
const databaseUrl = process.env.E2E_DATABASE_URL;

export const config = defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.e2e.ts',
  outputDir: 'test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Generous: CI machines and this sandbox can be heavily loaded; nothing here is a timing assertion.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium: never download a browser.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-quic',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'npm start',
    cwd: path.resolve(here, '../..'),
    url: `${baseURL}/readyz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      SMTP_PORT: String(e2eSmtpPort),
      // The phone's provider API: the browser tests play Twilio's REST API (recordings) on this port.
      TWILIO_API_BASE_URL: `http://127.0.0.1:${port + 1000}`,
      // Sender checks of inbound mail (SPF, DKIM, DMARC) ask the tests' own DNS server, never the internet.
      DNS_SERVERS: `127.0.0.1:${e2eDnsPort}`,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
  },
});

// Playwright reads the default export.
export default config;
