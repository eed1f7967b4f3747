import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCustodianKey, sealBid } from '../src/modules/bidding/sealing.contract.ts';
import { verifyAudit } from '../src/platform/audit/log.ts';
import { rawRows } from '../src/platform/db/raw.ts';
import { testDbKind } from './support/database.ts';
import { startHarness, TEST_PASSWORD, type TestHarness } from './support/harness.ts';
import { httpClient } from './support/http.ts';
import { insertThresholds, publishedProject } from './support/projects.ts';

/**
 * kill -9 of a real server process while bids and documents are being uploaded loses no receipted bid: every
 * receipt a bidder holds names a bid that is in the database afterwards, with its documents on disk, byte for
 * byte as hashed. (PostgreSQL: a production server's database; PGlite is single-process.)
 */
describe.runIf(testDbKind() === 'postgres')('a server killed during uploads', () => {
  let h: TestHarness;
  let child: ChildProcess | null = null;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await h.close();
  });

  const freePort = (): Promise<number> =>
    new Promise((resolve) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const address = srv.address();
        srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });

  async function startServer(port: number): Promise<ChildProcess> {
    const proc = spawn(
      process.execPath,
      ['bin/zhengcai.js', 'serve', '--no-web', '--no-seed', '-p', String(port)],
      {
        env: {
          ...process.env,
          DATABASE_URL: h.database.url ?? '',
          DATA_DIR: h.config.dataDir,
          LOG_LEVEL: 'warn',
        },
        stdio: 'ignore',
      },
    );
    for (let i = 0; i < 120; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return proc;
      await new Promise((r) => setTimeout(r, 250));
    }
    proc.kill('SIGKILL');
    throw new Error('server did not start');
  }

  it('keeps every receipted bid and document', async () => {
    await insertThresholds(h);
    const agent = await h.signedIn('agent');
    const supervisor = await h.signedIn('financeSupervisor');
    const purchaser = await h.signedIn('purchaser');
    const project = await publishedProject(h, agent, purchaser.user.purchaserId ?? '', '断电测试项目');
    const keys = [
      await newCustodianKey('centre passphrase 2026', 1000),
      await newCustodianKey('supervisor passphrase 2026', 1000),
    ];
    await agent.request({ method: 'POST', url: '/api/custodian-keys', payload: keys[0] });
    await supervisor.request({ method: 'POST', url: '/api/custodian-keys', payload: keys[1] });
    await agent.request({
      method: 'PUT',
      url: `/api/projects/${project.id}/custodians`,
      payload: { supervisorUserId: supervisor.user.id },
    });
    const bidders = [];
    for (let i = 0; i < 4; i++) {
      const s = await h.signedIn('supplier');
      expect(
        (await s.request({ method: 'POST', url: `/api/projects/${project.id}/registration` })).statusCode,
      ).toBe(200);
      bidders.push(s.user.username);
    }
    // The separate server runs on the real clock: give the project a deadline ahead of it.
    await h.db.execute(
      sql`update projects set bid_deadline_at = now() + interval '2 days' where id = ${project.id}`,
    );
    const sealing = (
      await agent.request({ method: 'GET', url: `/api/projects/${project.id}/custodians` })
    ).json();

    const port = await freePort();
    child = await startServer(port);
    const base = `http://127.0.0.1:${port}`;
    const receipts: { bidId: string; envelopeHash: string; documents: { part: string; sha256: string }[] }[] =
      [];
    let stop = false;
    const work = bidders.map(async (username, n) => {
      const c = httpClient(base);
      await c.login(username, TEST_PASSWORD);
      for (let round = 0; !stop && round < 50; round++) {
        const withDoc = (round + n) % 2 === 0;
        const { envelope, sealedDocuments } = await sealBid({
          bidId: randomUUID(),
          projectId: project.id,
          priceSheets: [{ lotNo: 1, priceFen: String(40_000_000 + n * 1000 + round), items: {} }],
          declarations: { sme: null, domesticProduct: null, other: {} },
          documents: withDoc
            ? [
                {
                  kind: 'technical',
                  name: 'a.pdf',
                  mime: 'application/pdf',
                  bytes: randomBytes(700_000 + round * 1000),
                },
              ]
            : [],
          bidderPassphrase: 'bidder passphrase 2026',
          centrePublicKey: sealing.centre.publicKey,
          supervisorPublicKey: sealing.supervisor.publicKey,
          iterations: 1000,
        });
        try {
          const posted = await c.request('POST', '/api/bids', { json: envelope });
          let bid = posted.json() as {
            receipt: {
              statement: {
                bidId: string;
                envelopeHash: string;
                documents: { part: string; sha256: string }[];
              };
            } | null;
          } | null;
          for (const [i, bytes] of sealedDocuments.entries()) {
            for (let at = 0; at < bytes.length; at += 256 * 1024) {
              const piece = bytes.subarray(at, Math.min(bytes.length, at + 256 * 1024));
              await c.request('PUT', `/api/bids/${envelope.bidId}/documents/doc:${i}`, {
                body: piece,
                headers: {
                  'content-type': 'application/octet-stream',
                  'content-range': `bytes ${at}-${at + piece.length - 1}/${bytes.length}`,
                },
              });
            }
            bid = (await c.request('POST', `/api/bids/${envelope.bidId}/complete`)).json() as typeof bid;
          }
          if (bid?.receipt) receipts.push(bid.receipt.statement);
        } catch {
          return; // the server is gone
        }
      }
    });
    // Let some bids complete, then pull the plug mid-stream.
    for (let i = 0; i < 200 && receipts.length < 6; i++) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGKILL');
    stop = true;
    await Promise.all(work);
    expect(receipts.length).toBeGreaterThanOrEqual(6);

    for (const r of receipts) {
      const [row] = await rawRows(
        h.db,
        sql`select envelope_hash, status, receipt->>'signature' as signature from bids where id = ${r.bidId}`,
        z.object({ envelope_hash: z.string(), status: z.string(), signature: z.string() }),
      );
      expect(row?.envelope_hash, r.bidId).toBe(r.envelopeHash);
      expect(['submitted', 'replaced']).toContain(row?.status);
      for (const d of r.documents) {
        const [doc] = await rawRows(
          h.db,
          sql`select blob from bid_documents where bid_id = ${r.bidId} and part = ${d.part}`,
          z.object({ blob: z.string() }),
        );
        const blob = doc?.blob ?? '';
        const bytes = await readFile(
          path.join(h.config.dataDir, 'files', blob.slice(0, 2), blob.slice(2, 4), blob),
        );
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(d.sha256);
      }
    }
    expect((await verifyAudit(h.db)).ok).toBe(true);

    // The server comes back on the same database and files, and serves the bids.
    child = await startServer(port);
    const again = httpClient(base);
    await again.login(bidders[0] ?? '', TEST_PASSWORD);
    const mine = await again.request('GET', `/api/projects/${project.id}/my-bids`);
    expect(mine.status).toBe(200);
  }, 180_000);
});
