import { z } from 'zod';
import {
  drawView,
  evaluationView,
  myReviewsView,
  type checksBody,
  type decisionBody,
  type scoresBody,
  type signBody,
  type submitBody,
} from '../../../../../src/modules/evaluation/contract.ts';
import { api } from '../../../api.ts';

export type EvaluationView = z.infer<typeof evaluationView>;
export type RoomLot = EvaluationView['lots'][number];
export type RoomBid = RoomLot['bids'][number];
export type AbnormalReview = RoomLot['abnormal'][number];
export type MyReview = z.infer<typeof myReviewsView>['items'][number];
export type Phase = z.infer<typeof submitBody>['phase'];

export const roomKey = (projectId: string) => ['/api/projects', projectId, 'evaluation'] as const;
export const myReviewsKey = (projectId: string) =>
  ['/api/projects', projectId, 'evaluation', 'my-reviews'] as const;

const roomPath = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/evaluation`;
const lotPath = (projectId: string, lotNo: number, what: string) =>
  `${roomPath(projectId)}/lots/${lotNo}/${what}`;

export function fetchRoom(projectId: string): Promise<EvaluationView> {
  return api(roomPath(projectId), evaluationView);
}

/** 开始评审 with the chair the committee elected. */
export function startReview(projectId: string, chairSeatId: string): Promise<EvaluationView> {
  return api(roomPath(projectId), evaluationView, { method: 'POST', body: { chairSeatId } });
}

export function signDeclaration(projectId: string): Promise<EvaluationView> {
  return api(`${roomPath(projectId)}/declaration`, evaluationView, { method: 'POST' });
}

export function saveChecks(
  projectId: string,
  lotNo: number,
  body: z.input<typeof checksBody>,
): Promise<EvaluationView> {
  return api(lotPath(projectId, lotNo, 'checks'), evaluationView, { method: 'POST', body });
}

export function saveScores(
  projectId: string,
  lotNo: number,
  body: z.input<typeof scoresBody>,
): Promise<EvaluationView> {
  return api(lotPath(projectId, lotNo, 'scores'), evaluationView, { method: 'POST', body });
}

export function submitPhase(projectId: string, lotNo: number, phase: Phase): Promise<EvaluationView> {
  return api(lotPath(projectId, lotNo, 'submit'), evaluationView, { method: 'POST', body: { phase } });
}

export function signReport(
  projectId: string,
  lotNo: number,
  body: z.input<typeof signBody>,
): Promise<EvaluationView> {
  return api(lotPath(projectId, lotNo, 'sign'), evaluationView, { method: 'POST', body });
}

/** 准备抽签 of a lot waiting for a tie-break or the lottery: the commitment is published. */
export function prepareLotDraw(projectId: string, lotNo: number): Promise<z.infer<typeof drawView>> {
  return api(lotPath(projectId, lotNo, 'draws'), drawView, { method: 'POST' });
}

const ok = z.object({ ok: z.literal(true) });

export function decideAbnormal(reviewId: string, body: z.input<typeof decisionBody>): Promise<unknown> {
  return api(`/api/abnormal-reviews/${encodeURIComponent(reviewId)}/decision`, ok, { method: 'POST', body });
}

export function fetchMyReviews(projectId: string): Promise<z.infer<typeof myReviewsView>> {
  return api(`${roomPath(projectId)}/my-reviews`, myReviewsView);
}

export function explainPrice(reviewId: string, text: string): Promise<unknown> {
  return api(`/api/abnormal-reviews/${encodeURIComponent(reviewId)}/explanation`, ok, {
    method: 'POST',
    body: { text },
  });
}

/** Where a member downloads a bid document (decrypted at the opening; only anonymised parts while blind). */
export function documentUrl(projectId: string, bidId: string, part: string): string {
  return `${roomPath(projectId)}/documents/${encodeURIComponent(bidId)}/${encodeURIComponent(part)}`;
}

// ── the parts of the room the contract leaves open (`z.unknown()`), read defensively ────────────────────

const exactRounded = z.object({ exact: z.string(), rounded: z.string() });

export const rankingSchema = z.object({
  entries: z.array(
    z.object({
      bidId: z.string(),
      supplierName: z.string(),
      rank: z.number(),
      priceFen: z.string(),
      evaluatedFen: z.string(),
      evaluatedExact: z.string(),
      deductions: z.array(
        z.object({ kind: z.string(), rateBp: z.number(), amountFen: z.string(), basis: z.string() }),
      ),
      itemScores: z.array(z.object({ itemId: z.string(), exact: z.string(), rounded: z.string() })),
      priceScore: exactRounded.nullable(),
      total: exactRounded.nullable(),
    }),
  ),
  candidates: z.array(z.string()).default([]),
  sameBrand: z
    .array(
      z.object({ brand: z.string(), kept: z.string().nullable().optional(), others: z.array(z.string()) }),
    )
    .default([]),
  draws: z.array(z.object({ drawId: z.string(), purpose: z.string(), ids: z.array(z.string()) })).default([]),
});
export type Ranking = z.infer<typeof rankingSchema>;

export const failedSchema = z.array(
  z.object({
    kind: z.string(),
    clauseId: z.string(),
    clause: z.string(),
    votes: z.object({ pass: z.number(), fail: z.number() }),
    reasons: z.array(z.string()),
  }),
);

export const scanSchema = z.array(
  z.object({
    fileName: z.string(),
    kind: z.string(),
    findings: z.array(
      z.object({
        kind: z.string(),
        severity: z.string(),
        where: z.string(),
        excerpt: z.string(),
        message: z.string(),
      }),
    ),
  }),
);

export const reportSchema = z.object({
  projectCode: z.string(),
  projectName: z.string(),
  lotNo: z.number(),
  lotName: z.string(),
  method: z.string(),
  startedAt: z.string(),
  builtAt: z.string(),
  committee: z.array(
    z.object({ seatId: z.string(), name: z.string(), role: z.string(), chair: z.boolean() }),
  ),
  checks: z.array(z.object({ bidId: z.string(), bidder: z.string(), qualified: z.boolean() })),
  candidates: z.array(z.string()),
});

export const signedReportSchema = z.object({
  statement: z.object({ reportHash: z.string() }).loose(),
  alg: z.string(),
  keyId: z.string(),
  publicKey: z.string(),
  signature: z.string(),
});

/** A value the contract leaves open, parsed, or null when it does not have the expected shape. */
export function parsed<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> | null {
  const r = schema.safeParse(value);
  return r.success ? r.data : null;
}

/** Saves a value as a JSON file in the browser. */
export function downloadJson(value: unknown, fileName: string): void {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
