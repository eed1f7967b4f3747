import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rawRows } from '../src/platform/db/raw.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  shareContext,
  toBase64,
  unwrapWithPassphrase,
  type DocumentInput,
  type PassphraseWrapped,
} from '../src/modules/bidding/sealing.contract.ts';
import { verifyStatement, type SignedStatement } from '../src/platform/signing.ts';
import { startHarness, type TestHarness } from './support/harness.ts';
import { insertThresholds, type Client } from './support/projects.ts';
import {
  again,
  BIDDER_PASS,
  custodians,
  handIn,
  projectWithCustodians,
  sealedBid,
  type CustodianKeys,
} from './support/opening.ts';

let h: TestHarness;
let agent: Client;
let supervisor: Client;
let purchaserId: string;
let keys: CustodianKeys;

beforeAll(async () => {
  h = await startHarness(); // 2026-03-02 09:00; deadlines 2026-03-23 09:30
  await insertThresholds(h);
  ({ agent, supervisor, keys } = await custodians(h));
  purchaserId = (await h.signedIn('purchaser')).user.purchaserId ?? '';
});
afterAll(async () => {
  await h.close();
});
// Each test jumps the clock to its opening and back; sessions from before the jump have expired by then.
beforeEach(async () => {
  agent = await again(h, agent);
  supervisor = await again(h, supervisor);
});

const projectWith = (name: string, lots: number) =>
  projectWithCustodians(h, { agent, supervisor, purchaserId, name, lots });
const bid = (projectId: string, lotsAndPrices: [number, string][], documents: DocumentInput[] = []) =>
  sealedBid(h, projectId, lotsAndPrices, { documents });

describe('开标', () => {
  it('opens a lot with three bids from the custodians’ shares, leaves a lot with one unopened, signs the record', async () => {
    const p = await projectWith('开标测试项目', 2);
    const technical = Buffer.from(`技术方案全文 ${'参数'.repeat(300_000)}`);
    const a = await bid(
      p.id,
      [[1, '24800000']],
      [{ kind: 'technical', name: '技术方案.pdf', mime: 'application/pdf', bytes: technical }],
    );
    const b = await bid(p.id, [
      [1, '23950000'],
      [2, '24000000'],
    ]);
    const c = await bid(p.id, [[1, '24500000']]);

    const early = await agent.request({ method: 'POST', url: `/api/projects/${p.id}/opening` });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('OPENING_NOT_DUE');

    h.clock.set(new Date('2026-03-23T01:30:00Z'));
    try {
      const clerk = await again(h, agent);
      const boss = await again(h, supervisor);
      const started = await clerk.request({ method: 'POST', url: `/api/projects/${p.id}/opening` });
      expect(started.statusCode, started.body).toBe(200);
      expect(started.json()).toMatchObject({ status: 'opened', started: true });
      expect(
        started
          .json()
          .lots.map((l: { lotNo: number; status: string; bidCount: number }) => [
            l.lotNo,
            l.status,
            l.bidCount,
          ]),
      ).toEqual([
        [1, 'awaitingKeys', 3],
        [2, 'notOpened', 1],
      ]);
      // The lot not opened says why and what the purchaser may do next (87号令 第四十一条、第四十三条).
      const [openLot, closedLot] = started.json().lots as { ground: string | null; nextSteps: string[] }[];
      expect(openLot).toMatchObject({ ground: null, nextSteps: [] });
      expect(closedLot?.ground).toContain('只有 1 家');
      expect(closedLot?.nextSteps.some((s) => s.includes('第四十三条'))).toBe(true);

      // A bidder hands in a wrong share for its own bid: it cannot stop the opening.
      const bidderC = await again(h, c.client);
      const bogus = await bidderC.request({
        method: 'POST',
        url: `/api/projects/${p.id}/opening/shares`,
        payload: { shares: [{ bidId: c.bidId, share: toBase64(new Uint8Array(33).fill(7)) }] },
      });
      expect(bogus.statusCode, bogus.body).toBe(200);
      // …nor hand in for another's bid.
      const foreign = await bidderC.request({
        method: 'POST',
        url: `/api/projects/${p.id}/opening/shares`,
        payload: { shares: [{ bidId: a.bidId, share: toBase64(new Uint8Array(33)) }] },
      });
      expect(foreign.json().code).toBe('BID_UNKNOWN');

      const afterCentre = await handIn(clerk, p.id, 'centre', keys);
      expect(afterCentre.json().lots[0]).toMatchObject({ status: 'awaitingKeys', bidsOpened: 0 });
      const afterSupervisor = await handIn(boss, p.id, 'supervisor', keys);
      const lot1 = afterSupervisor.json().lots[0];
      expect(lot1).toMatchObject({ status: 'opened', bidsOpened: 3 });
      const record = lot1.record as SignedStatement<{
        entries: { bidId: string; priceFen: string; opened: boolean }[];
      }>;
      expect(verifyStatement(record).ok).toBe(true);
      expect(Object.fromEntries(record.statement.entries.map((e) => [e.bidId, e.priceFen]))).toEqual({
        [a.bidId]: '24800000',
        [b.bidId]: '23950000',
        [c.bidId]: '24500000',
      });

      // The document was opened byte for byte and kept, with its sealed name.
      const [doc] = await rawRows(
        h.db,
        sql`select plain_blob, name from bid_documents where bid_id = ${a.bidId}`,
        z.object({ plain_blob: z.string(), name: z.string() }),
      );
      expect(doc?.name).toBe('技术方案.pdf');
      const p0 = doc?.plain_blob ?? '';
      const plain = await readFile(path.join(h.config.dataDir, 'files', p0.slice(0, 2), p0.slice(2, 4), p0));
      expect(plain.equals(technical)).toBe(true);

      // A bidder sees the record of the lot it bid on; the one-bid lot is shown as not opened to its bidder.
      const bidderA = await again(h, a.client);
      const seenByA = (await bidderA.request({ method: 'GET', url: `/api/projects/${p.id}/opening` })).json();
      expect(seenByA.lots.map((l: { lotNo: number }) => l.lotNo)).toEqual([1]);
      const bidderB = await again(h, b.client);
      const seenByB = (await bidderB.request({ method: 'GET', url: `/api/projects/${p.id}/opening` })).json();
      expect(seenByB.lots.map((l: { lotNo: number; status: string }) => [l.lotNo, l.status])).toEqual([
        [1, 'opened'],
        [2, 'notOpened'],
      ]);
      const outsider = await h.signedIn('supplier');
      expect(
        (await outsider.request({ method: 'GET', url: `/api/projects/${p.id}/opening` })).statusCode,
      ).toBe(404);

      const objection = await bidderA.request({
        method: 'POST',
        url: `/api/projects/${p.id}/opening/objections`,
        payload: { text: '第 2 包仅一家投标，请说明处理方式' },
      });
      const oid: string = objection.json().objections[0].id;
      const answered = await clerk.request({
        method: 'POST',
        url: `/api/projects/${p.id}/opening/objections/${oid}/answer`,
        payload: { answer: '第 2 包投标人不足三家，依法不予开标，将依法重新组织采购。' },
      });
      expect(answered.json().objections[0].answer).toContain('不予开标');
    } finally {
      h.clock.set(new Date('2026-03-02T01:00:00Z'));
    }
  });

  it('opens with a bidder’s share and one custodian’s, and refuses shares before the opening', async () => {
    const p = await projectWith('投标人解密测试项目', 1);
    const bids = [
      await bid(p.id, [[1, '30000000']]),
      await bid(p.id, [[1, '31000000']]),
      await bid(p.id, [[1, '32000000']]),
    ];
    const first = bids[0];
    if (!first) throw new Error('bids');
    // Before the opening nothing is offered to unwrap, and nothing handed in is taken.
    expect(
      (await agent.request({ method: 'GET', url: `/api/projects/${p.id}/opening/shares` })).json().items,
    ).toEqual([]);
    const tooEarly = await agent.request({
      method: 'POST',
      url: `/api/projects/${p.id}/opening/shares`,
      payload: { shares: [{ bidId: first.bidId, share: toBase64(new Uint8Array(33)) }] },
    });
    expect(tooEarly.json().code).toBe('OPENING_NOT_STARTED');
    h.clock.set(new Date('2026-03-23T01:31:00Z'));
    try {
      const clerk = await again(h, agent);
      await clerk.request({ method: 'POST', url: `/api/projects/${p.id}/opening` });
      for (const x of bids) {
        const me = await again(h, x.client);
        const wrapped = (
          await me.request({ method: 'GET', url: `/api/projects/${p.id}/opening/shares` })
        ).json();
        expect(wrapped).toMatchObject({ holder: 'bidder' });
        expect(wrapped.items).toHaveLength(1);
        const item = wrapped.items[0] as { bidId: string; wrapped: PassphraseWrapped };
        const share = await unwrapWithPassphrase(
          item.wrapped,
          BIDDER_PASS,
          shareContext(p.id, item.bidId, 'bidder'),
        );
        await me.request({
          method: 'POST',
          url: `/api/projects/${p.id}/opening/shares`,
          payload: { shares: [{ bidId: item.bidId, share: toBase64(share) }] },
        });
      }
      const opened = (await handIn(clerk, p.id, 'centre', keys)).json();
      expect(opened.lots[0]).toMatchObject({ status: 'opened', bidsOpened: 3 });
    } finally {
      h.clock.set(new Date('2026-03-02T01:00:00Z'));
    }
  });

  it('fails a project where no lot has three bids (法36, 87号令41)', async () => {
    const p = await projectWith('不足三家测试项目', 1);
    await bid(p.id, [[1, '30000000']]);
    await bid(p.id, [[1, '30500000']]);
    h.clock.set(new Date('2026-03-23T01:32:00Z'));
    try {
      const clerk = await again(h, agent);
      const res = await clerk.request({ method: 'POST', url: `/api/projects/${p.id}/opening` });
      expect(res.json()).toMatchObject({ status: 'failed', lots: [{ status: 'notOpened', bidCount: 2 }] });
      const project = (await clerk.request({ method: 'GET', url: `/api/projects/${p.id}` })).json();
      expect(project.status).toBe('failed');
    } finally {
      h.clock.set(new Date('2026-03-02T01:00:00Z'));
    }
  });
});
