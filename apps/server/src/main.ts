import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.js';
import { presenceAvailability } from './chat/index.js';
import { loadConfig } from './config.js';
import { startSearchBackfill } from './conversations/index.js';
import { openDatabase } from './db/index.js';
import { demoSignIns, findDemoCredentials, seedDemo } from './demo/index.js';
import { startEmailWorker, startImapSync, startSmtpListener } from './email/index.js';
import { escalationEmailAnswers, startEscalationWorker } from './escalation/index.js';
import { createPhoneDeps, startPhoneWorker } from './phone/index.js';
import { loadPhoneConfig } from './phone/phone-config.js';
import { createDnsResolver } from './platform/dns/index.js';
import { createJobRunner } from './platform/jobs/index.js';
import { loadSecretsKey, sealStoredSecrets, useSecretsKey } from './platform/secrets/index.js';
import { createLocalDiskStorage } from './platform/storage/index.js';
import { createConversationReactions } from './reactions.js';
import { createDeskEvents } from './realtime/create-desk-events.js';
import { parseRoles } from './roles.js';
import { startRoutingWorker } from './routing/index.js';
import { startSlaWorker } from './sla/index.js';

/**
 * `npm start`: migrate, seed the demo on first run, then run this process's roles (all by default):
 * web (HTTP API, desk WebSocket, web app), worker (durable jobs, outbox, IMAP), smtp (the listener).
 */
async function main() {
  const config = loadConfig();
  // Before the database: production refuses to start without SECRETS_KEY.
  useSecretsKey(loadSecretsKey(config));
  const roles = parseRoles(process.argv.slice(2));
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (config.seedDemo) {
    const started = Date.now();
    const { seeded } = await seedDemo(database.db);
    if (seeded) console.log(`Seeded the demo agency in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  if (config.production) {
    const demoCredentials = await findDemoCredentials(database.db);
    if (demoCredentials.length > 0) {
      console.error(
        `Not starting in production: ${demoCredentials.join('; ')}. Change or deactivate them (README, production checklist).`,
      );
      await database.close();
      process.exit(1);
    }
  }
  const sealed = await sealStoredSecrets(database.db);
  if (sealed > 0) console.log(`Sealed ${sealed} secret(s) that were stored in clear.`);
  const events = await createDeskEvents(database);
  // Who reacts to conversation events (the client's rules): one for the app and every worker of this process.
  const reactions = createConversationReactions({ publicUrl: config.publicUrl });
  const storage = createLocalDiskStorage(path.join(config.dataDir, 'files'));
  // Sender checks of inbound mail (SPF, DKIM, DMARC) ask these DNS servers.
  const dns = createDnsResolver({ servers: config.dnsServers });
  const phoneConfig = loadPhoneConfig();
  const phone = {
    publicUrl: config.publicUrl,
    twilioApiBaseUrl: phoneConfig.twilioApiBaseUrl,
    softphone: phoneConfig.softphone,
  };
  const app = roles.has('web')
    ? await buildApp({
        database,
        events,
        reactions,
        logLevel: config.logLevel,
        cookieSecure: config.cookieSecure,
        storage,
        dnsResolver: dns,
        emailMaxBytes: config.emailMaxBytes,
        publicUrl: config.publicUrl,
        phone,
        // The widget offers live chat while an agent of the client is online (queued when all are busy),
        // the message form outside business hours or when nobody is.
        chatAvailability: presenceAvailability(database.db),
      })
    : null;
  await app?.listen({ port: config.port, host: config.host });

  // E-mail: the outbox worker (durable jobs), the SMTP listener, and IMAP IDLE for configured mailboxes.
  const logError = (error: unknown) => (app ? app.log.error({ err: error }, 'e-mail') : console.error('e-mail', error));
  const runner = roles.has('worker') ? createJobRunner(database) : null;
  await runner?.start();
  const emailWorker = runner
    ? await startEmailWorker({ database, storage, runner, events, relayUrl: config.smtpRelayUrl, onError: logError })
    : null;
  const routing = runner
    ? await startRoutingWorker({
        database,
        runner,
        events,
        presenceGraceSeconds: config.presenceGraceSeconds,
        onError: (error) => (app ? app.log.error({ err: error }, 'routing') : console.error('routing', error)),
      })
    : null;
  const logSlaError = (error: unknown) => (app ? app.log.error({ err: error }, 'sla') : console.error('sla', error));
  const slaWorker = runner ? await startSlaWorker({ database, events, reactions, onError: logSlaError }) : null;
  const escalationWorker = runner
    ? await startEscalationWorker({ database, runner, events, publicUrl: config.publicUrl, onError: logError })
    : null;
  const phoneWorker = runner
    ? await startPhoneWorker({
        database,
        runner,
        storage,
        deps: app?.phone ?? createPhoneDeps({ db: database.db, events, reactions }, phone),
        onError: logError,
      })
    : null;
  const emailDeps = { db: database.db, storage, events, reactions, answers: escalationEmailAnswers, dns };
  const smtp =
    config.smtpPort === null || !roles.has('smtp')
      ? null
      : await startSmtpListener(emailDeps, {
          port: config.smtpPort,
          host: config.host,
          maxBytes: config.emailMaxBytes,
          tls: config.smtpTls && { cert: readFileSync(config.smtpTls.cert), key: readFileSync(config.smtpTls.key) },
          auth: config.smtpAuth,
          ...config.smtpLimits,
          spoolDir: config.smtpSpoolDir,
          onError: logError,
        });
  const imap = roles.has('worker') ? await startImapSync(emailDeps, { onError: logError }) : null;
  // Conversations stored before search documents existed (large databases; the migration fills small ones).
  const searchBackfill = roles.has('worker') ? startSearchBackfill(database.db, (line) => console.log(line)) : null;

  const where = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`;
  console.log(`\nSwitchboard (${[...roles].join(', ')}) is running on ${config.publicUrl}  (database: ${where})`);
  if (config.seedDemo) {
    console.log('Demo sign-ins (password "switchboard"):');
    for (const signIn of demoSignIns) console.log(`  ${signIn.email.padEnd(28)} ${signIn.role}`);
  }
  console.log(smtp ? `SMTP listener on port ${smtp.port}` : 'SMTP listener off');
  if (!config.smtpRelayUrl) console.log('No SMTP_RELAY_URL: outgoing mail goes to the mail catcher.');
  console.log(`API docs: ${config.publicUrl}/api/docs\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await smtp?.close();
    await imap?.stop();
    await searchBackfill?.stop();
    await emailWorker?.stop();
    await routing?.stop();
    await slaWorker?.stop();
    await escalationWorker?.stop();
    await phoneWorker?.stop();
    await runner?.stop();
    await app?.close();
    await events.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
