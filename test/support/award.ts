/**
 * A one-lot project brought through its evaluation to a signed report (最低评标价法, three bidders, the first the
 * cheapest), and on to a confirmed winner and a published result notice, for the tests of award to payment.
 * The review is on 2026-03-24; the report is signed that day.
 */
import { expect } from 'vitest';
import type { z } from 'zod';
import type { awardView } from '../../src/modules/award/decision/contract.ts';
import { cleanRequirements } from './projects.ts';
import {
  lot1,
  passAllChecks,
  reviewReady,
  signAll,
  startWithDeclarations,
  type BidSpec,
} from './evaluation.ts';
import type { TestHarness } from './harness.ts';
import type { Client } from './projects.ts';

export const lowestPriceRequirements = {
  ...cleanRequirements,
  evaluationMethod: 'lowestPrice',
  scoring: [],
  priceWeightBp: null,
};

let serial = 0;

/** The report of a lowest-price lot signed by every member: the award awaits the purchaser's confirmation. */
export async function signedLot(
  h: TestHarness,
  o: { name?: string; bids?: BidSpec[]; requirements?: Record<string, unknown> } = {},
) {
  serial += 1;
  const r = await reviewReady(h, {
    name: o.name ?? `定标测试项目${serial}`,
    specialty: `AW${String(serial).padStart(2, '0')}`,
    requirements: o.requirements ?? lowestPriceRequirements,
    bids: o.bids ?? [{ priceFen: '40000000' }, { priceFen: '42000000' }, { priceFen: '45000000' }],
  });
  await startWithDeclarations(r);
  await passAllChecks(r);
  expect((await lot1(r.agent, r.projectId)).status).toBe('reporting');
  await signAll(r);
  expect((await lot1(r.agent, r.projectId)).status).toBe('signed');
  const bidders = r.bidders.map((b) => ({ ...b, supplierId: b.client.user.supplierId ?? '' }));
  return { ...r, bidders };
}

export type SignedLot = Awaited<ReturnType<typeof signedLot>>;

export async function confirmFirst(r: SignedLot, by: Client = r.rep) {
  const res = await by.request({
    method: 'POST',
    url: `/api/projects/${r.projectId}/award/lots/1/confirm`,
    payload: { bidId: r.bidders[0]?.bidId },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<z.infer<typeof awardView>>();
}

export async function publishResult(r: SignedLot) {
  const res = await r.agent.request({ method: 'POST', url: `/api/projects/${r.projectId}/award/result` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<z.infer<typeof awardView>>();
}

/**
 * The winner (the first, cheapest bidder) confirmed by the purchaser and the result published on the review day,
 * 2026-03-24: the result-notice period ends 2026-03-25, result challenges close 2026-04-03 (清明 2026-04-04…06).
 */
export async function awardedProject(h: TestHarness, o: Parameters<typeof signedLot>[1] = {}) {
  const r = await signedLot(h, o);
  await confirmFirst(r);
  const view = await publishResult(r);
  const winner = r.bidders[0];
  if (!winner) throw new Error('no winner');
  return { ...r, finance: r.supervisor, winner, noticedOn: view.lots[0]?.noticedOn ?? '' };
}

export type AwardedProject = Awaited<ReturnType<typeof awardedProject>>;
