import { randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  combineShares,
  envelopeHash,
  newCustodianKey,
  openDocument,
  openJson,
  sealBid,
  shareContext,
  unlockCustodianKey,
  unwrapWithKey,
  type BidEnvelope,
  type DocumentInput,
} from '../src/modules/bidding/sealing.contract.ts';
import { rawRows } from '../src/platform/db/raw.ts';
import { verifyStatement, type SignedStatement } from '../src/platform/signing.ts';
import { startHarness, type TestHarness } from './support/harness.ts';
import { insertThresholds, publishedProject, type Client } from './support/projects.ts';

// Few PBKDF2 rounds keep the test quick; browsers use PBKDF2_ITERATIONS.
const FAST = 1000;
const PRICE = '38650000';
const SECRET_STATEMENT = '本公司郑重声明：本公司为小型企业（测试标记 7731）';

let h: TestHarness;
let agent: Client;
let supervisor: Client;
let project: { id: string; code: string };
let keys: {
  centre: Awaited<ReturnType<typeof newCustodianKey>>;
  supervisor: Awaited<ReturnType<typeof newCustodianKey>>;
};

beforeAll(async () => {
  h = await startHarness(); // 2026-03-02 09:00 Beijing time; the deadline below is 2026-03-23 09:30
  await insertThresholds(h);
  agent = await h.signedIn('agent');
  supervisor = await h.signedIn('financeSupervisor');
  const purchaser = await h.signedIn('purchaser');
  project = await publishedProject(h, agent, purchaser.user.purchaserId ?? '', '密封投标测试项目', 2);
  keys = {
    centre: await newCustodianKey('centre passphrase 2026', FAST),
    supervisor: await newCustodianKey('supervisor passphrase 2026', FAST),
  };
  for (const [who, key] of [
    [agent, keys.centre],
    [supervisor, keys.supervisor],
  ] as const) {
    const res = await who.request({ method: 'POST', url: '/api/custodian-keys', payload: key });
    expect(res.statusCode, res.body).toBe(201);
  }
  const assigned = await agent.request({
    method: 'PUT',
    url: `/api/projects/${project.id}/custodians`,
    payload: { supervisorUserId: supervisor.user.id },
  });
  expect(assigned.statusCode, assigned.body).toBe(200);
});
afterAll(async () => {
  await h.close();
});

async function bidder(): Promise<Client> {
  const s = await h.signedIn('supplier');
  expect(
    (await s.request({ method: 'POST', url: `/api/projects/${project.id}/registration` })).statusCode,
  ).toBe(200);
  return s;
}

async function sealFor(s: Client, price = PRICE): Promise<BidEnvelope> {
  return (await sealWith(s, price, [])).envelope;
}

async function sealWith(s: Client, price: string, documents: DocumentInput[]) {
  const sealing = (await s.request({ method: 'GET', url: `/api/projects/${project.id}/sealing` })).json();
  return sealBid({
    bidId: randomUUID(),
    projectId: project.id,
    priceSheets: [{ lotNo: 1, priceFen: price, items: { 交货期: '合同签订后 30 日' } }],
    declarations: { sme: { size: 'small', statement: SECRET_STATEMENT }, domesticProduct: true, other: {} },
    documents,
    bidderPassphrase: 'bidder passphrase 2026',
    centrePublicKey: sealing.centrePublicKey,
    supervisorPublicKey: sealing.supervisorPublicKey,
    iterations: FAST,
  });
}

const submit = (s: Pick<Client, 'request'>, envelope: BidEnvelope) =>
  s.request({ method: 'POST', url: '/api/bids', payload: envelope });

describe('sealed submission', () => {
  it('answers a sealed bid with a signed receipt that verifies offline against the published key', async () => {
    const s = await bidder();
    const sealing = (await s.request({ method: 'GET', url: `/api/projects/${project.id}/sealing` })).json();
    expect(sealing).toMatchObject({
      bidDeadlineAt: '2026-03-23T01:30:00.000Z',
      serverTime: '2026-03-02T01:00:00.000Z',
    });
    expect(sealing.lots).toHaveLength(2);
    const envelope = await sealFor(s);
    const res = await submit(s, envelope);
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json().receipt as SignedStatement<{ envelopeHash: string; receivedAt: string }>;
    expect(receipt.statement).toMatchObject({
      bidId: envelope.bidId,
      projectCode: project.code,
      lots: [1],
      receivedAt: '2026-03-02T01:00:00.000Z',
      envelopeHash: await envelopeHash(envelope),
    });
    const published = (
      await (await h.client()).request({ method: 'GET', url: '/api/receipts/public-key' })
    ).json();
    expect(verifyStatement(receipt, published.publicKey)).toMatchObject({ ok: true });
    expect(
      verifyStatement({
        ...receipt,
        statement: { ...receipt.statement, receivedAt: '2026-03-23T01:31:00.000Z' },
      }).ok,
    ).toBe(false);

    // A retried upload is the same bid with the same receipt.
    const again = await submit(s, envelope);
    expect(again.statusCode).toBe(200);
    expect(again.json().receipt.signature).toBe(receipt.signature);
    const mine = await s.request({ method: 'GET', url: `/api/projects/${project.id}/my-bids` });
    expect(mine.json().items).toHaveLength(1);
  });

  it('keeps no price and no declaration in the clear anywhere in the database before opening', async () => {
    const s = await bidder();
    expect((await submit(s, await sealFor(s, '41270000'))).statusCode).toBe(201);
    const tables = await rawRows(
      h.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
      z.object({ table_name: z.string() }),
    );
    let dump = '';
    for (const t of tables) {
      const rows = await rawRows(
        h.db,
        sql.raw(`select row_to_json(x)::text as j from "${t.table_name}" x`),
        z.object({ j: z.string() }),
      );
      dump += rows.map((r) => r.j).join('\n');
    }
    expect(dump.length).toBeGreaterThan(10_000);
    expect(dump).toContain('bidReceipt');
    for (const secret of [
      PRICE,
      '41270000',
      '386500',
      '412700',
      SECRET_STATEMENT,
      '测试标记 7731',
      '合同签订后 30 日',
    ]) {
      expect(dump, secret).not.toContain(secret);
    }
  });

  it('opens with the centre’s and the supervisor’s shares — no bidder needed — and only with two', async () => {
    const s = await bidder();
    const envelope = await sealFor(s, '39990000');
    expect((await submit(s, envelope)).statusCode).toBe(201);
    const [row] = await rawRows(
      h.db,
      sql`select shares::text as shares, price_sheet::text as sheet from bids join bid_lots on bid_lots.bid_id = bids.id where bids.id = ${envelope.bidId}`,
      z.object({ shares: z.string(), sheet: z.string() }),
    );
    const stored = JSON.parse(row?.shares ?? '{}') as BidEnvelope['shares'];
    const c = await unwrapWithKey(
      stored.centre,
      await unlockCustodianKey(keys.centre, 'centre passphrase 2026'),
      shareContext(project.id, envelope.bidId, 'centre'),
    );
    const v = await unwrapWithKey(
      stored.supervisor,
      await unlockCustodianKey(keys.supervisor, 'supervisor passphrase 2026'),
      shareContext(project.id, envelope.bidId, 'supervisor'),
    );
    const dek = await combineShares([c, v]);
    const sheet = await openJson(
      dek,
      { projectId: project.id, bidId: envelope.bidId, part: 'lot:1' },
      JSON.parse(row?.sheet ?? '{}') as BidEnvelope['lots'][number]['priceSheet'],
    );
    expect(sheet).toMatchObject({ lotNo: 1, priceFen: '39990000' });
  });

  it('replaces an earlier bid, withdraws before the deadline, and refuses after it by the server clock', async () => {
    const s = await bidder();
    const first = await sealFor(s, '40000000');
    expect((await submit(s, first)).statusCode).toBe(201);
    const second = await sealFor(s, '39000000');
    const replaced = await submit(s, second);
    expect(replaced.json().receipt.statement.replaces).toBe(first.bidId);
    const list = (await s.request({ method: 'GET', url: `/api/projects/${project.id}/my-bids` })).json()
      .items;
    expect(list.map((b: { status: string }) => b.status)).toEqual(['submitted', 'replaced']);

    const rival = await bidder();
    expect(
      (await rival.request({ method: 'POST', url: `/api/bids/${second.bidId}/withdraw` })).statusCode,
    ).toBe(404);
    expect(
      (await rival.request({ method: 'GET', url: `/api/projects/${project.id}/my-bids` })).json().items,
    ).toEqual([]);
    const withdrawn = await s.request({ method: 'POST', url: `/api/bids/${second.bidId}/withdraw` });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' });

    const inTime = await sealFor(rival);
    expect((await submit(rival, inTime)).statusCode).toBe(201);
    const late = await sealFor(rival, '37000000');
    h.clock.set(new Date('2026-03-23T01:30:00Z'));
    try {
      // The same bidder, signed in again (the clock has moved past its session), sealed before but sends now.
      const rivalNow = await h.client();
      expect((await rivalNow.login(rival.user.username, rival.user.password)).statusCode).toBe(200);
      const refused = await submit(rivalNow, late);
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'BID_DEADLINE_PASSED' });
      expect(refused.json().message).toContain('2026年3月23日');
      // The bid it sent in time stands, and can no longer be withdrawn.
      const [kept] = (
        await rivalNow.request({ method: 'GET', url: `/api/projects/${project.id}/my-bids` })
      ).json().items;
      expect(kept).toMatchObject({ id: inTime.bidId, status: 'submitted' });
      const withdrawLate = await rivalNow.request({
        method: 'POST',
        url: `/api/bids/${inTime.bidId}/withdraw`,
      });
      expect(withdrawLate.json().code).toBe('BID_DEADLINE_PASSED');
    } finally {
      h.clock.set(new Date('2026-03-02T01:00:00Z'));
    }
  });

  it('refuses an unregistered bidder, unknown lots, a reused bid id and a malformed share', async () => {
    const s = await h.signedIn('supplier');
    const unregistered = await s.request({ method: 'GET', url: `/api/projects/${project.id}/sealing` });
    expect(unregistered.json().code).toBe('NOT_REGISTERED');
    const registeredBidder = await bidder();
    const env = await sealFor(registeredBidder);
    const unknownLot = await submit(registeredBidder, { ...env, lots: [{ ...env.lots[0]!, lotNo: 9 }] });
    expect(unknownLot.json()).toMatchObject({ code: 'LOT_UNKNOWN', path: 'body.lots.0.lotNo' });
    expect((await submit(registeredBidder, env)).statusCode).toBe(201);
    const other = await bidder();
    const reused = await submit(other, { ...(await sealFor(other)), bidId: env.bidId });
    expect(reused.json().code).toBe('BID_ID_TAKEN');
    const malformed = await submit(other, {
      ...(await sealFor(other)),
      shares: { ...env.shares, threshold: 3 } as unknown as BidEnvelope['shares'],
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('VALIDATION_FAILED');
  });

  it('fixes the custodians once a bid exists', async () => {
    const res = await agent.request({
      method: 'PUT',
      url: `/api/projects/${project.id}/custodians`,
      payload: { supervisorUserId: supervisor.user.id },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('BIDS_EXIST');
  });
});

describe('sealed documents: streamed, resumable, received only when whole', () => {
  const MARKER = '技术方案机密标记 4417';

  async function walk(dir: string): Promise<string[]> {
    const out: string[] = [];
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) out.push(...(await walk(p)));
      else out.push(p);
    }
    return out;
  }

  it('resumes after a broken piece, refuses an early completion, receipts the documents, keeps no plaintext on disk', async () => {
    const s = await bidder();
    const technical = Buffer.concat([
      randomBytes(1024 * 1024 + 5000),
      Buffer.from(MARKER.repeat(50)),
      randomBytes(1024 * 1024),
    ]);
    const commercial = Buffer.from(`商务文件：${MARKER}`);
    const { envelope, sealedDocuments } = await sealWith(s, '40100000', [
      { kind: 'technical', name: '技术方案（暗标）.pdf', mime: 'application/pdf', bytes: technical },
      { kind: 'commercial', name: '商务文件.pdf', mime: 'application/pdf', bytes: commercial },
    ]);
    const posted = await submit(s, envelope);
    expect(posted.statusCode, posted.body).toBe(201);
    expect(posted.json()).toMatchObject({ status: 'uploading', receipt: null });
    expect(posted.json().documents.map((d: { received: number }) => d.received)).toEqual([0, 0]);

    const put = (part: string, bytes: Buffer, start: number, total: number, claimed = bytes.length) =>
      s.request({
        method: 'PUT',
        url: `/api/bids/${envelope.bidId}/documents/${part}`,
        headers: {
          'content-type': 'application/octet-stream',
          'content-range': `bytes ${start}-${start + claimed - 1}/${total}`,
        },
        payload: bytes,
      });
    const [doc0 = new Uint8Array(), doc1 = new Uint8Array()] = sealedDocuments;
    const piece = 1024 * 1024;
    expect((await put('doc:0', Buffer.from(doc0.subarray(0, piece)), 0, doc0.length)).json().received).toBe(
      piece,
    );
    // A broken connection: the piece claims a megabyte and carries a hundred bytes. Nothing of it is kept.
    const broken = await put(
      'doc:0',
      Buffer.from(doc0.subarray(piece, piece + 100)),
      piece,
      doc0.length,
      piece,
    );
    expect(broken.json().code).toBe('UPLOAD_PIECE_SHORT');
    const status = await s.request({ method: 'GET', url: `/api/bids/${envelope.bidId}/documents/doc:0` });
    expect(status.json()).toMatchObject({ received: piece, total: doc0.length });
    const wrongOffset = await put('doc:0', Buffer.from(doc0.subarray(0, 10)), 0, doc0.length);
    expect(wrongOffset.statusCode).toBe(409);
    expect(wrongOffset.json().message).toContain(`第 ${piece} 字节`);
    const early = await s.request({ method: 'POST', url: `/api/bids/${envelope.bidId}/complete` });
    expect(early.json().code).toBe('UPLOAD_INCOMPLETE');

    for (let at = piece; at < doc0.length; at += piece) {
      const r = await put(
        'doc:0',
        Buffer.from(doc0.subarray(at, Math.min(doc0.length, at + piece))),
        at,
        doc0.length,
      );
      expect(r.statusCode, r.body).toBe(200);
    }
    expect((await put('doc:1', Buffer.from(doc1), 0, doc1.length)).statusCode).toBe(200);
    const done = await s.request({ method: 'POST', url: `/api/bids/${envelope.bidId}/complete` });
    expect(done.statusCode, done.body).toBe(200);
    const receipt = done.json().receipt;
    expect(done.json().status).toBe('submitted');
    expect(receipt.statement.documents).toEqual(
      envelope.documents.map((d) => ({ part: d.part, sha256: d.sha256, bytes: d.sealedBytes })),
    );
    expect(verifyStatement(receipt).ok).toBe(true);
    const again = await s.request({ method: 'POST', url: `/api/bids/${envelope.bidId}/complete` });
    expect(again.json().receipt.signature).toBe(receipt.signature);

    // Everything the platform wrote to disk: the file store and the upload area. No plaintext anywhere.
    const files = await walk(h.config.dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const bytes = await readFile(f);
      expect(bytes.includes(Buffer.from(MARKER)), f).toBe(false);
      expect(bytes.includes(Buffer.from('技术方案（暗标）')), f).toBe(false);
    }

    // And what was stored opens byte for byte with two shares.
    const [stored] = await rawRows(
      h.db,
      sql`select blob from bid_documents where bid_id = ${envelope.bidId} and part = 'doc:0'`,
      z.object({ blob: z.string() }),
    );
    const sealedOnDisk = await readFile(
      path.join(
        h.config.dataDir,
        'files',
        stored?.blob.slice(0, 2) ?? '',
        stored?.blob.slice(2, 4) ?? '',
        stored?.blob ?? '',
      ),
    );
    const c = await unwrapWithKey(
      envelope.shares.centre,
      await unlockCustodianKey(keys.centre, 'centre passphrase 2026'),
      shareContext(project.id, envelope.bidId, 'centre'),
    );
    const v = await unwrapWithKey(
      envelope.shares.supervisor,
      await unlockCustodianKey(keys.supervisor, 'supervisor passphrase 2026'),
      shareContext(project.id, envelope.bidId, 'supervisor'),
    );
    const meta = envelope.documents[0];
    if (!meta) throw new Error('meta');
    const plain = await openDocument(
      await combineShares([c, v]),
      { projectId: project.id, bidId: envelope.bidId, part: 'doc:0' },
      meta,
      sealedOnDisk,
    );
    expect(Buffer.from(plain).equals(technical)).toBe(true);
  });
});

describe('投标保证金', () => {
  it('records the asked amount in a lawful form, flags a shared payer account, refunds within 5 working days of a withdrawal', async () => {
    // The project asks 10 000.00 元 (cleanRequirements.depositFen) on a 500 000.00 元 budget.
    const a = await bidder();
    const b = await bidder();
    const wrongAmount = await a.request({
      method: 'POST',
      url: `/api/projects/${project.id}/deposit`,
      payload: {
        form: 'transfer',
        amountFen: '500000',
        payerName: '甲公司',
        payerAccount: '6222 0000 1111 2222',
      },
    });
    expect(wrongAmount.json()).toMatchObject({ code: 'DEPOSIT_AMOUNT', path: 'body.amountFen' });
    const noAccount = await a.request({
      method: 'POST',
      url: `/api/projects/${project.id}/deposit`,
      payload: { form: 'transfer', amountFen: '1000000', payerName: '甲公司' },
    });
    expect(noAccount.json()).toMatchObject({ code: 'VALIDATION_FAILED', path: 'body.payerAccount' });
    const recorded = await a.request({
      method: 'POST',
      url: `/api/projects/${project.id}/deposit`,
      payload: {
        form: 'transfer',
        amountFen: '1000000',
        payerName: '甲公司',
        payerAccount: '6222 0000 1111 2222',
      },
    });
    expect(recorded.json()).toMatchObject({ status: 'recorded', formLabel: '银行转账' });
    // Another bidder paid from the same account (spaces aside): the centre sees the flag, the bidder does not.
    const same = await b.request({
      method: 'POST',
      url: `/api/projects/${project.id}/deposit`,
      payload: {
        form: 'transfer',
        amountFen: '1000000',
        payerName: '乙公司',
        payerAccount: '6222000011112222',
      },
    });
    expect(same.json().sharedAccountWith).toEqual([]);
    const centre = (
      await agent.request({ method: 'GET', url: `/api/projects/${project.id}/deposits` })
    ).json();
    const flagged = centre.items.filter(
      (d: { sharedAccountWith: string[] }) => d.sharedAccountWith.length > 0,
    );
    expect(flagged).toHaveLength(2);
    expect(
      (await b.request({ method: 'GET', url: `/api/projects/${project.id}/deposits` })).json().items,
    ).toHaveLength(1);

    const id: string = recorded.json().id;
    expect((await a.request({ method: 'POST', url: `/api/deposits/${id}/confirm` })).statusCode).toBe(403);
    expect((await agent.request({ method: 'POST', url: `/api/deposits/${id}/confirm` })).json().status).toBe(
      'confirmed',
    );

    // Withdrawn in writing before the deadline (2026-03-02, Monday): due back by the 5th working day, 03-09.
    const bid = await sealFor(a);
    expect((await submit(a, bid)).statusCode).toBe(201);
    // A replacement whose upload is abandoned and withdrawn frees nothing: the submitted bid still stands.
    const unfinished = await sealWith(a, PRICE, [
      {
        kind: 'technical',
        name: '技术文件.txt',
        mime: 'text/plain',
        bytes: new TextEncoder().encode('技术方案'),
      },
    ]);
    expect((await submit(a, unfinished.envelope)).json()).toMatchObject({ status: 'uploading' });
    await a.request({ method: 'POST', url: `/api/bids/${unfinished.envelope.bidId}/withdraw` });
    const still = (await a.request({ method: 'GET', url: `/api/projects/${project.id}/deposits` })).json()
      .items[0];
    expect(still).toMatchObject({ status: 'confirmed', refundDueOn: null });
    await a.request({ method: 'POST', url: `/api/bids/${bid.bidId}/withdraw` });
    const mine = (await a.request({ method: 'GET', url: `/api/projects/${project.id}/deposits` })).json()
      .items[0];
    expect(mine).toMatchObject({ status: 'refundDue', refundDueOn: '2026-03-09', overdue: false });
    h.clock.set(new Date('2026-03-10T02:00:00Z'));
    try {
      const clerk = await h.client();
      await clerk.login(agent.user.username, agent.user.password);
      const overdue = (await clerk.request({ method: 'GET', url: '/api/deposits?overdue=true' })).json()
        .items;
      expect(overdue.map((d: { id: string }) => d.id)).toContain(id);
      const refunded = await clerk.request({
        method: 'POST',
        url: `/api/deposits/${id}/refund`,
        payload: { refundedOn: '2026-03-10' },
      });
      expect(refunded.json()).toMatchObject({ status: 'refunded', refundedOn: '2026-03-10' });
    } finally {
      h.clock.set(new Date('2026-03-02T01:00:00Z'));
    }
  });
});
