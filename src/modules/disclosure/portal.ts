import { count, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { readAuditHead } from '../../platform/audit/log.ts';
import { centres, experts, purchasers, suppliers } from '../orgs/index.ts';
import type { portalSummary } from './contract.ts';

/** What the public portal shows on its home page; nothing here needs a login. */
export async function readPortalSummary(db: Db): Promise<z.infer<typeof portalSummary>> {
  const [centre] = await db.select().from(centres).limit(1);
  const [p] = await db.select({ n: count() }).from(purchasers).where(eq(purchasers.status, 'active'));
  const [s] = await db.select({ n: count() }).from(suppliers).where(eq(suppliers.status, 'approved'));
  const [e] = await db.select({ n: count() }).from(experts).where(ne(experts.status, 'removed'));
  const head = await readAuditHead(db);
  return {
    centre: centre
      ? { name: centre.name, regionName: centre.regionName, address: centre.address, phone: centre.phone }
      : null,
    counts: { purchasers: p?.n ?? 0, suppliers: s?.n ?? 0, experts: e?.n ?? 0 },
    auditHead: { seq: head.seq, hash: head.hash, at: head.at ? head.at.toISOString() : null },
  };
}
