import type { SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from './client.ts';

/**
 * Raw SQL for what the query builder cannot say (catalog queries, locks). The drivers return differently typed
 * results, so rows are checked against a schema instead of cast.
 */
export async function rawRows<T extends z.ZodType>(db: Db | Tx, query: SQL, row: T): Promise<z.infer<T>[]> {
  const result: unknown = await db.execute(query);
  return z.object({ rows: z.array(row) }).parse(result).rows;
}
