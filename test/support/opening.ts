/**
 * Sealed bids and the opening as browsers do them, for tests of the opening and what follows: custodian keys
 * registered, a project with custodians, suppliers that register, seal in "their browser" and upload, and the
 * custodians' shares unwrapped locally and handed in.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import {
  newCustodianKey,
  sealBid,
  shareContext,
  toBase64,
  unlockCustodianKey,
  unwrapWithKey,
  type Declarations,
  type DocumentInput,
  type KeyWrapped,
} from '../../src/modules/bidding/sealing.contract.ts';
import type { TestHarness } from './harness.ts';
import { publishedProject, type Client } from './projects.ts';

export const FAST = 1000;
export const BIDDER_PASS = 'bidder passphrase 2026';
type Holder = 'centre' | 'supervisor';
export type CustodianKeys = Record<Holder, Awaited<ReturnType<typeof newCustodianKey>>>;

/** The same account signed in again: after a clock jump the earlier session has expired. */
export async function again(h: TestHarness, c: Client): Promise<Client> {
  const fresh = await h.client();
  const res = await fresh.login(c.user.username, c.user.password);
  expect(res.statusCode, res.body).toBe(200);
  return Object.assign(fresh, { user: c.user });
}

/** The centre's agent and a finance supervisor, each with an opening key. */
export async function custodians(h: TestHarness) {
  const agent = await h.signedIn('agent');
  const supervisor = await h.signedIn('financeSupervisor');
  const keys: CustodianKeys = {
    centre: await newCustodianKey('centre passphrase 2026', FAST),
    supervisor: await newCustodianKey('supervisor passphrase 2026', FAST),
  };
  await agent.request({ method: 'POST', url: '/api/custodian-keys', payload: keys.centre });
  await supervisor.request({ method: 'POST', url: '/api/custodian-keys', payload: keys.supervisor });
  return { agent, supervisor, keys };
}

export async function projectWithCustodians(
  h: TestHarness,
  o: {
    agent: Client;
    supervisor: Client;
    purchaserId: string;
    name: string;
    lots: number;
    requirements?: Record<string, unknown>;
  },
) {
  const p = await publishedProject(h, o.agent, o.purchaserId, o.name, o.lots, o.requirements);
  const res = await o.agent.request({
    method: 'PUT',
    url: `/api/projects/${p.id}/custodians`,
    payload: { supervisorUserId: o.supervisor.user.id },
  });
  expect(res.statusCode, res.body).toBe(200);
  return p;
}

/** A new supplier registers, seals its bid and uploads its documents; the bid is received. */
export async function sealedBid(
  h: TestHarness,
  projectId: string,
  lotsAndPrices: [number, string][],
  o: { documents?: DocumentInput[]; declarations?: Declarations; supplier?: Client } = {},
) {
  const s = o.supplier ?? (await h.signedIn('supplier'));
  await s.request({ method: 'POST', url: `/api/projects/${projectId}/registration` });
  const sealing = (await s.request({ method: 'GET', url: `/api/projects/${projectId}/sealing` })).json();
  const { envelope, sealedDocuments } = await sealBid({
    bidId: randomUUID(),
    projectId,
    documents: o.documents ?? [],
    priceSheets: lotsAndPrices.map(([lotNo, priceFen]) => ({ lotNo, priceFen, items: { 交货期: '30 日' } })),
    declarations: o.declarations ?? {
      sme: { size: 'small', statement: '小型企业' },
      domesticProduct: null,
      other: {},
    },
    bidderPassphrase: BIDDER_PASS,
    centrePublicKey: sealing.centrePublicKey,
    supervisorPublicKey: sealing.supervisorPublicKey,
    iterations: FAST,
  });
  const res = await s.request({ method: 'POST', url: '/api/bids', payload: envelope });
  expect(res.statusCode, res.body).toBe(201);
  for (const [i, bytes] of sealedDocuments.entries()) {
    const put = await s.request({
      method: 'PUT',
      url: `/api/bids/${envelope.bidId}/documents/doc:${i}`,
      headers: {
        'content-type': 'application/octet-stream',
        'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}`,
      },
      payload: Buffer.from(bytes),
    });
    expect(put.statusCode, put.body).toBe(200);
  }
  if (sealedDocuments.length) {
    const done = await s.request({ method: 'POST', url: `/api/bids/${envelope.bidId}/complete` });
    expect(done.json().status).toBe('submitted');
  }
  return { client: s, bidId: envelope.bidId };
}

/** What a custodian's browser does: fetch the wrapped shares, unwrap them locally, hand them in. */
export async function handIn(c: Client, projectId: string, holder: Holder, keys: CustodianKeys) {
  const wrapped = (
    await c.request({ method: 'GET', url: `/api/projects/${projectId}/opening/shares` })
  ).json();
  expect(wrapped.holder).toBe(holder);
  const key = await unlockCustodianKey(keys[holder], `${holder} passphrase 2026`);
  const shares = [];
  for (const item of wrapped.items as { bidId: string; wrapped: KeyWrapped }[]) {
    const share = await unwrapWithKey(item.wrapped, key, shareContext(projectId, item.bidId, holder));
    shares.push({ bidId: item.bidId, share: toBase64(share) });
  }
  return c.request({ method: 'POST', url: `/api/projects/${projectId}/opening/shares`, payload: { shares } });
}
