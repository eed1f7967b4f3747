import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { appendAudit, verifyAudit } from '../src/platform/audit/log.ts';
import { systemActor } from '../src/platform/auth/actor.ts';
import { startHarness, type TestHarness } from './support/harness.ts';

let h: TestHarness;
/** Entries the platform writes at start (the standard templates it installs). */
let base: number;
beforeEach(async () => {
  h = await startHarness();
  base = (await verifyAudit(h.db)).checked;
  // Five more entries written through the platform.
  await h.db.transaction(async (tx) => {
    for (let i = 0; i < 5; i++) {
      await appendAudit(
        tx,
        { actor: systemActor('test'), requestId: `req-${i}`, clock: h.clock },
        {
          action: 'seed.demo',
          entityType: 'centre',
          entityId: `c-${i}`,
          after: { n: i, amountFen: BigInt(100 + i) },
        },
      );
    }
  });
});
afterEach(async () => {
  await h.close();
});

/** Tampering as a database administrator would: with the append-only triggers switched off. */
async function behindTheBack(statement: ReturnType<typeof sql>): Promise<void> {
  await h.db.execute(sql`alter table audit_events disable trigger user`);
  await h.db.execute(statement);
  await h.db.execute(sql`alter table audit_events enable trigger user`);
}

describe('audit chain', () => {
  it('verifies an untouched chain', async () => {
    const r = await verifyAudit(h.db);
    expect(r).toMatchObject({ ok: true, checked: base + 5, firstBroken: null });
    expect(r.head.seq).toBe(base + 5);
  });

  it('rejects UPDATE, DELETE and TRUNCATE at the database level', async () => {
    await expect(h.db.execute(sql`update audit_events set action = 'x' where seq = 1`)).rejects.toThrow();
    await expect(h.db.execute(sql`delete from audit_events where seq = 5`)).rejects.toThrow();
    await expect(h.db.execute(sql`truncate audit_events`)).rejects.toThrow();
    expect((await verifyAudit(h.db)).ok).toBe(true);
  });

  it('names the edited entry', async () => {
    await behindTheBack(sql`update audit_events set after = '{"n": 99}'::jsonb where seq = 3`);
    const r = await verifyAudit(h.db);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toMatchObject({ seq: 3, reason: 'hash' });
  });

  it('names the entry after a deleted one', async () => {
    await behindTheBack(sql`delete from audit_events where seq = 2`);
    const r = await verifyAudit(h.db);
    expect(r.firstBroken).toMatchObject({ seq: 3, reason: 'sequence' });
  });

  it('catches a deleted tail through the recorded head', async () => {
    await behindTheBack(sql`delete from audit_events where seq = ${base + 5}`);
    const r = await verifyAudit(h.db);
    expect(r.firstBroken).toMatchObject({ reason: 'head' });
  });

  it('names a forged entry inserted with a plausible sequence number', async () => {
    await behindTheBack(sql`update audit_events set seq = seq + 1000 where seq >= 4`);
    await behindTheBack(sql`update audit_events set seq = seq - 999 where seq >= 1000`);
    await h.db.execute(sql`
      insert into audit_events (seq, at, actor_role, action, entity_type, entity_id, hash_alg, prev_hash, hash)
      select 4, now(), 'admin', 'user.created', 'user', 'forged', 'sha256', hash, repeat('a', 64)
      from audit_events where seq = 3`);
    const r = await verifyAudit(h.db);
    expect(r.firstBroken).toMatchObject({ seq: 4, reason: 'hash' });
  });

  it('notices two entries swapped', async () => {
    await behindTheBack(sql`update audit_events set seq = -1 where seq = 2`);
    await behindTheBack(sql`update audit_events set seq = 2 where seq = 3`);
    await behindTheBack(sql`update audit_events set seq = 3 where seq = -1`);
    const r = await verifyAudit(h.db);
    expect(r.firstBroken).toMatchObject({ seq: 2 });
    expect(r.ok).toBe(false);
  });

  it('chains concurrent appenders without gaps or forks', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        h.db.transaction((tx) =>
          appendAudit(
            tx,
            { actor: systemActor('test'), requestId: null, clock: h.clock },
            { action: 'seed.demo', entityType: 'centre', entityId: `p-${i}` },
          ),
        ),
      ),
    );
    const r = await verifyAudit(h.db);
    expect(r).toMatchObject({ ok: true, checked: base + 13 });
  });
});
