import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/client.ts';
import { runMigrations } from '../../src/platform/db/migrations.ts';

/** Which database the suite runs on: the `postgres` Vitest project sets ZC_TEST_DB=postgres. */
export const testDbKind = (): 'pglite' | 'postgres' =>
  process.env.ZC_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new database on the PostgreSQL server
 * of TEST_DATABASE_URL, dropped again on close. Nothing is shared, so nothing needs cleaning.
 */
export async function freshDatabase(): Promise<Database & { url: string | null }> {
  if (testDbKind() === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory' });
    await runMigrations(database);
    return { ...database, url: null };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('ZC_TEST_DB=postgres needs TEST_DATABASE_URL');
  const name = `zc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused', poolSize: 4 });
  await runMigrations(database);
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: base });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
