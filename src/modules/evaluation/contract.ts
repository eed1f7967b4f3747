/**
 * The evaluation module's HTTP contract: the committee of a project (composition, its seats), the verifiable
 * draws that fill it (ADR 0006), and the experts' invitations.
 */
import { z } from 'zod';
import { withAbilities } from '../../platform/http/contract.ts';

export const slotBody = z.object({
  specialtyCode: z.string().trim().min(1, '请选择专业').max(40),
  count: z.number().int().min(1, '每个专业至少抽取 1 人').max(21),
  alternates: z.number().int().min(0).max(20).default(2),
});

export const purchaserRepBody = z.object({
  name: z.string().trim().min(2, '请填写采购人代表姓名').max(50),
  /** The representative's account, when it has one (to sign the report in the system). */
  userId: z.uuid().nullable().default(null),
});

export const committeeBody = z.object({
  reviewAt: z.iso.datetime({ offset: true, message: '请填写评审开始时间' }),
  reviewPlace: z.string().trim().min(2, '请填写评审地点').max(200),
  remote: z.boolean().default(false),
  complex: z.boolean().default(false),
  regionCodes: z
    .array(z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字'))
    .max(50)
    .default([]),
  slots: z.array(slotBody).min(1, '请至少设置一个专业').max(10),
  purchaserReps: z.array(purchaserRepBody).max(10).default([]),
});

export const seatStatus = z.enum(['invited', 'confirmed', 'declined', 'recused', 'absent']);

export const seatView = z.object({
  id: z.uuid(),
  kind: z.enum(['expert', 'purchaserRep']),
  status: seatStatus,
  statusLabel: z.string(),
  /** 1-based order of the seat; experts are "专家 n" until names may be shown. */
  position: z.number().int(),
  slotKey: z.string().nullable(),
  specialtyName: z.string().nullable(),
  /** Null while names are secret (before the review starts, 87号令 第四十七条). */
  expertId: z.uuid().nullable(),
  name: z.string(),
  employer: z.string().nullable(),
  declineReason: z.string().nullable(),
  respondedAt: z.string().nullable(),
  replaces: z.uuid().nullable(),
  chair: z.boolean(),
});

export const drawSlotView = z.object({
  key: z.string(),
  specialtyCode: z.string(),
  specialtyName: z.string(),
  /** The specialty asked for, when its pool was too small and its parent was used (decided before committing). */
  fallbackFrom: z.string().nullable(),
  count: z.number().int(),
  alternates: z.number().int(),
  candidates: z.number().int(),
});

export const drawView = z.object({
  id: z.uuid(),
  purpose: z.enum(['committee', 'tieBreak', 'lottery']),
  subject: z.string(),
  status: z.enum(['committed', 'drawn', 'void']),
  serverCommitment: z.string(),
  candidateListHash: z.string(),
  preparedAt: z.string(),
  slots: z.array(drawSlotView),
  /** How many experts were left out and why (counts by reason; names never). */
  exclusions: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  supervisorInput: z.string().nullable(),
  drawnAt: z.string().nullable(),
  /** Revealed once drawn. */
  serverSeed: z.string().nullable(),
  seed: z.string().nullable(),
});

export const committeeView = z.object({
  ...withAbilities,
  id: z.uuid(),
  projectId: z.uuid(),
  projectCode: z.string(),
  projectName: z.string(),
  method: z.string(),
  reviewAt: z.string(),
  reviewPlace: z.string(),
  remote: z.boolean(),
  complex: z.boolean(),
  regionCodes: z.array(z.string()),
  slots: z.array(slotBody.extend({ specialtyName: z.string() })),
  purchaserReps: z.number().int(),
  status: z.enum(['forming', 'formed', 'dissolved']),
  statusLabel: z.string(),
  required: z.object({ min: z.number().int(), legalExpertRequired: z.boolean(), basis: z.string() }),
  /** Problems of the composition as planned (size, odd number, two thirds experts …). */
  problems: z.array(z.object({ code: z.string(), message: z.string() })),
  /** The first day experts may be drawn (198号), or null when no limit applies. */
  earliestDrawDay: z.string().nullable(),
  /** Experts still to find for each slot: invited or confirmed seats short of the count. */
  vacancies: z.array(z.object({ key: z.string(), specialtyName: z.string(), missing: z.number().int() })),
  namesVisible: z.boolean(),
  seats: z.array(seatView),
  draws: z.array(drawView),
});

export const drawInputBody = z.object({
  /** Typed on site by the supervisor: any text, unknown to the platform before. */
  supervisorInput: z.string().trim().min(6, '请输入至少 6 个字符的随机内容').max(200),
});

export const respondBody = z
  .object({
    accept: z.boolean(),
    reason: z.string().trim().max(500).nullable().default(null),
  })
  .refine((b) => b.accept || (b.reason !== null && b.reason.length >= 2), {
    message: '请说明不能参加的原因',
    path: ['reason'],
  });

export const invitationView = z.object({
  ...withAbilities,
  seatId: z.uuid(),
  projectId: z.uuid(),
  projectCode: z.string(),
  projectName: z.string(),
  reviewAt: z.string(),
  reviewPlace: z.string(),
  remote: z.boolean(),
  specialtyName: z.string().nullable(),
  status: seatStatus,
  statusLabel: z.string(),
  invitedAt: z.string(),
  respondedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
});
export const invitationList = z.object({ items: z.array(invitationView) });

// ── the evaluation room ───────────────────────────────────────────────────────────────────────────────

export const startBody = z.object({
  /** The chair the committee elected: an expert, never the purchaser's representative (财库〔2012〕69号). */
  chairSeatId: z.uuid(),
});

export const checksBody = z.object({
  bidId: z.uuid(),
  results: z
    .array(
      z.object({
        kind: z.enum(['qualification', 'compliance']),
        clauseId: z.string().min(1).max(40),
        pass: z.boolean(),
        /** Required for a fail: the reason, citing the requirement. */
        reason: z.string().trim().max(1000).nullable().default(null),
      }),
    )
    .min(1)
    .max(300),
});

export const scoresBody = z.object({
  bidId: z.uuid(),
  items: z
    .array(
      z.object({
        itemId: z.string().min(1).max(40),
        /** Points with at most two decimals, within 0 and the item's full score. */
        points: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, '分值最多两位小数'),
      }),
    )
    .min(1)
    .max(100),
});

export const submitBody = z.object({ phase: z.enum(['blind', 'checks', 'scores']) });

export const explanationBody = z.object({
  text: z.string().trim().min(20, '请详细说明报价合理性（不少于 20 字）').max(10_000),
});

export const decisionBody = z.object({
  accept: z.boolean(),
  reason: z.string().trim().min(4, '请写明评审委员会的认定理由').max(2000),
});

export const signBody = z
  .object({
    agree: z.boolean(),
    /** 条例41: a member who disagrees signs and states the reasons; otherwise it is deemed to agree. */
    dissent: z.string().trim().max(2000).nullable().default(null),
    reportHash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .refine((b) => b.agree || (b.dissent !== null && b.dissent.length >= 4), {
    message: '持不同意见的，请写明理由',
    path: ['dissent'],
  });

export const lotParams = z.object({ id: z.uuid(), lotNo: z.coerce.number().int().min(1).max(200) });
export const documentParams = z.object({
  id: z.uuid(),
  bidId: z.uuid(),
  part: z.string().regex(/^doc:\d{1,2}$/),
});

const fenText = z.string().regex(/^(0|[1-9]\d{0,15})$/, '金额应为以“分”计的非负整数');

/** What the committee read in the bid for 87号令 第五十九条; the 开标一览表 price is the opened one. */
export const correctionBody = z.object({
  bidId: z.uuid(),
  /** The total stated in the body of the bid (分项报价表 sum as written), when it differs. */
  bodyFen: fenText.nullable().default(null),
  /** The 大写 amount of the 开标一览表 total, as written: 人民币壹拾贰万…元整. */
  words: z.string().trim().max(100).nullable().default(null),
  lines: z
    .array(
      z.object({
        unitFen: fenText,
        quantity: z.string().regex(/^\d{1,9}(\.\d{1,4})?$/, '数量应为正数'),
        totalFen: fenText,
      }),
    )
    .max(500)
    .default([]),
});

export const correctionView = z.object({
  id: z.uuid(),
  lotNo: z.number().int(),
  bidId: z.uuid(),
  originalFen: z.string(),
  correctedFen: z.string(),
  steps: z.array(z.object({ rule: z.number().int(), message: z.string() })),
  recordedAt: z.string(),
  bidderDecision: z.enum(['confirmed', 'refused']).nullable(),
  decidedAt: z.string().nullable(),
  abilities: z.array(z.string()),
});
export const correctionList = z.object({ items: z.array(correctionView) });
export const correctionDecisionBody = z.object({ accept: z.boolean() });

const clauseView = z.object({ id: z.string(), text: z.string() });

export const roomBidView = z.object({
  bidId: z.uuid(),
  /** 投标人A… during the blind phase of a 暗标 lot, the supplier's name otherwise. */
  label: z.string(),
  code: z.string().nullable(),
  supplierName: z.string().nullable(),
  priceFen: z.string().nullable(),
  items: z.record(z.string(), z.string()).nullable(),
  declarations: z.unknown(),
  documents: z.array(z.object({ part: z.string(), kind: z.string(), name: z.string() })),
  /** Facts that void the bid whatever the members think (over the ceiling, no deposit). */
  automatic: z.array(z.string()),
  qualified: z.boolean().nullable(),
  failed: z.unknown(),
  /** The identity-leak report of its anonymised parts (暗标). */
  scan: z.unknown(),
});

export const roomLotView = z.object({
  lotNo: z.number().int(),
  lotName: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  method: z.string(),
  blind: z.boolean(),
  failedReason: z.string().nullable(),
  clauses: z.object({ qualification: z.array(clauseView), compliance: z.array(clauseView) }),
  scoringItems: z.array(
    z.object({ id: z.string(), factor: z.string(), text: z.string(), maxPoints: z.string() }),
  ),
  priceWeightBp: z.number().int().nullable(),
  locked: z.object({ blind: z.array(z.string()), checks: z.array(z.string()), scores: z.array(z.string()) }),
  bids: z.array(roomBidView),
  myChecks: z.array(
    z.object({
      bidId: z.string(),
      kind: z.string(),
      clauseId: z.string(),
      pass: z.boolean(),
      reason: z.string().nullable(),
    }),
  ),
  myScores: z.array(z.object({ bidId: z.string(), itemId: z.string(), points: z.string() })),
  corrections: z.array(correctionView),
  abnormal: z.array(
    z.object({
      id: z.uuid(),
      bidId: z.uuid(),
      label: z.string(),
      triggers: z.array(z.object({ kind: z.string(), message: z.string() })),
      requestedAt: z.string(),
      dueAt: z.string(),
      explanation: z.string().nullable(),
      explainedAt: z.string().nullable(),
      decision: z.string().nullable(),
      decisionReason: z.string().nullable(),
    }),
  ),
  deviations: z.array(
    z.object({
      criterionId: z.string(),
      seatId: z.string(),
      bidId: z.string().nullable(),
      points: z.string(),
      low: z.string(),
      high: z.string(),
    }),
  ),
  ranking: z.unknown(),
  pendingDraws: z.array(z.object({ purpose: z.string(), subject: z.string(), candidates: z.number().int() })),
  report: z.unknown(),
  reportHash: z.string().nullable(),
  signatures: z.array(
    z.object({
      seatId: z.string(),
      name: z.string(),
      agree: z.boolean(),
      dissent: z.string().nullable(),
      signedAt: z.string(),
    }),
  ),
  signedReport: z.unknown(),
});

export const evaluationView = z.object({
  ...withAbilities,
  projectId: z.uuid(),
  projectCode: z.string(),
  projectName: z.string(),
  projectStatus: z.string(),
  reviewAt: z.string(),
  reviewPlace: z.string(),
  started: z.boolean(),
  me: z.object({
    seatId: z.string().nullable(),
    member: z.boolean(),
    chair: z.boolean(),
    declared: z.boolean(),
    declaration: z.string(),
  }),
  members: z.array(
    z.object({
      seatId: z.string(),
      name: z.string(),
      role: z.string(),
      chair: z.boolean(),
      declared: z.boolean(),
    }),
  ),
  /** Every bidder of the project, for the declaration (the opening record is public). */
  bidders: z.array(z.string()),
  lots: z.array(roomLotView),
});

export const myReviewsView = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      lotNo: z.number().int(),
      triggers: z.array(z.object({ kind: z.string(), message: z.string() })),
      requestedAt: z.string(),
      dueAt: z.string(),
      explanation: z.string().nullable(),
      explainedAt: z.string().nullable(),
      decision: z.string().nullable(),
      decisionReason: z.string().nullable(),
      abilities: z.array(z.string()),
    }),
  ),
});

export const reportList = z.object({
  items: z.array(
    z.object({
      lotNo: z.number().int(),
      lotName: z.string(),
      status: z.string(),
      failedReason: z.string().nullable(),
      report: z.unknown(),
      reportHash: z.string().nullable(),
      /** The platform's signature over the report hash and every member's signature. */
      signedReport: z.unknown(),
    }),
  ),
});
