import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from './client.ts';
import { rawRows } from './raw.ts';

export const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));

const journalSchema = z.object({
  entries: z.array(z.object({ idx: z.number(), when: z.number(), tag: z.string() })),
});

function journal(): z.infer<typeof journalSchema>['entries'] {
  return journalSchema.parse(JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')))
    .entries;
}

export async function runMigrations(database: Database): Promise<void> {
  await database.migrate(migrationsFolder);
}

export interface MigrationStatus {
  /** Tag of the newest applied migration, e.g. `0001_audit_append_only_and_bindings`; null on an empty database. */
  version: string | null;
  applied: number;
  pending: number;
}

export async function migrationStatus(database: Database): Promise<MigrationStatus> {
  const entries = journal();
  let appliedAt: number[] = [];
  try {
    const rows = await rawRows(
      database.db,
      sql`select created_at from drizzle.__drizzle_migrations order by created_at`,
      z.object({ created_at: z.union([z.string(), z.number()]) }),
    );
    appliedAt = rows.map((r) => Number(r.created_at));
  } catch {
    appliedAt = [];
  }
  const applied = entries.filter((e) => appliedAt.includes(e.when));
  return {
    version: applied.at(-1)?.tag ?? null,
    applied: applied.length,
    pending: entries.length - applied.length,
  };
}
