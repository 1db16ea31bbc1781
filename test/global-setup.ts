import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPglite, openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedReferenceData } from '../src/org/reference-data.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
  }
}

/**
 * Migrates once per run: a PGlite data directory dumped to a tarball each test file loads, and,
 * when TEST_DATABASE_URL is set, a PostgreSQL template database each test file copies.
 */
export async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-test-'));
  const pglite = await createPglite(null);
  const handle = await openDatabase({ pglite });
  await migrate(handle);
  await seedReferenceData(handle.db, new Date());
  const dump = await pglite.dumpDataDir('gzip');
  const tarball = join(dir, 'template.tgz');
  writeFileSync(tarball, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('pgliteTemplate', tarball);

  let template: string | null = null;
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    template = `minsheng_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${template}`;
    const tpl = await openDatabase({ databaseUrl: u.toString(), poolSize: 2 });
    await migrate(tpl);
    await seedReferenceData(tpl.db, new Date());
    await tpl.close();
  }
  project.provide('postgresTemplate', template);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url && template) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    }
  };
}
