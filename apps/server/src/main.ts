import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { demoSignIns, seedDemo } from './demo/seed-demo.js';
import { createDeskEvents } from './realtime/create-desk-events.js';

/** `npm start`: migrate, seed the demo on first run, serve HTTP and the desk WebSocket. */
async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (config.seedDemo) {
    const started = Date.now();
    const { seeded } = await seedDemo(database.db);
    if (seeded) console.log(`Seeded the demo agency in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  const events = await createDeskEvents(database);
  const app = await buildApp({ database, events, logLevel: config.logLevel, cookieSecure: config.cookieSecure });
  await app.listen({ port: config.port, host: config.host });

  const where = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`;
  console.log(`\nSwitchboard is running on ${config.publicUrl}  (database: ${where})`);
  if (config.seedDemo) {
    console.log('Demo sign-ins (password "switchboard"):');
    for (const signIn of demoSignIns) console.log(`  ${signIn.email.padEnd(28)} ${signIn.role}`);
  }
  console.log(`API docs: ${config.publicUrl}/api/docs\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
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
