import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migratedPgliteSnapshot } from '../src/db/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated empty PGlite data directory (tarball), or '' on PostgreSQL runs. */
    pgliteSnapshotPath: string;
  }
}

/**
 * Runs the migrations on PGlite once per test run instead of once per test database: each test file's
 * in-memory database starts from this migrated data directory (openTestDatabase), and its own
 * `migrate` finds nothing left to apply. Real PostgreSQL runs migrate each fresh database as before.
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgliteSnapshotPath', '');
    return;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'sb-pglite-'));
  const file = path.join(dir, 'migrated.tar');
  await writeFile(file, Buffer.from(await (await migratedPgliteSnapshot()).arrayBuffer()));
  project.provide('pgliteSnapshotPath', file);
  return () => rm(dir, { recursive: true, force: true });
}
