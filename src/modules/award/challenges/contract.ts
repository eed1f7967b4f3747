/**
 * The HTTP contract of challenges (质疑, 法52–54; 条例53–54; 94号令) and complaints (投诉, 法55–58): the letters, the
 * centre's reply, the finance department's handling, and the clocks beside every step (with their articles).
 */
import { z } from 'zod';
import { withAbilities } from '../../../platform/http/contract.ts';

export const challengeSubject = z.enum(['documents', 'process', 'result']);
export const SUBJECT_LABELS = {
  documents: '采购文件',
  process: '采购过程',
  result: '中标（成交）结果',
} as const satisfies Record<z.infer<typeof challengeSubject>, string>;

export const challengeStatus = z.enum(['received', 'answered', 'withdrawn']);
export const CHALLENGE_STATUS_LABELS = {
  received: '已受理，待答复',
  answered: '已答复',
  withdrawn: '已撤回',
} as const satisfies Record<z.infer<typeof challengeStatus>, string>;

export const complaintStatus = z.enum(['received', 'accepted', 'rejected', 'decided', 'withdrawn']);
export const COMPLAINT_STATUS_LABELS = {
  received: '已收到，待审查',
  accepted: '已受理',
  rejected: '不予受理',
  decided: '已作出处理决定',
  withdrawn: '已撤回',
} as const satisfies Record<z.infer<typeof complaintStatus>, string>;

export const outcome = z.enum(['dismissed', 'upheld']);
export const OUTCOME_LABELS = {
  dismissed: '不成立（驳回）',
  upheld: '成立',
} as const satisfies Record<z.infer<typeof outcome>, string>;

export const remedy = z.enum(['documentsCorrected', 'reevaluation', 'winnerChanged', 'retender']);
export const REMEDY_LABELS = {
  documentsCorrected: '澄清或修改采购文件后继续采购',
  reevaluation: '原评审委员会重新评审',
  winnerChanged: '依法另行确定中标（成交）供应商',
  retender: '重新开展采购活动（本包废标）',
} as const satisfies Record<z.infer<typeof remedy>, string>;

const day = z.iso.date({ message: '请填写日期（YYYY-MM-DD）' });
const evidenceIds = z
  .array(z.uuid({ message: '证明材料应为已上传文件的编号' }))
  .max(20, '证明材料最多 20 份')
  .default([]);

// ── Requests ────────────────────────────────────────────────────────────────────────────────────────────

export const challengeBody = z.object({
  /** Null: the challenge concerns the whole project (e.g. its documents). */
  lotNo: z.number().int().min(1).max(200).nullable().default(null),
  subject: challengeSubject,
  /** Process challenges: the day the challenged step ended (条例53(二)). */
  knewOn: day.nullable().default(null),
  requests: z.string().trim().min(10, '请写明质疑事项和具体请求（至少 10 个字）').max(5000),
  facts: z.string().trim().min(10, '请写明事实依据和必要的法律依据（至少 10 个字）').max(10000),
  /** Upload ids from POST /api/files, uploaded by the same account. */
  evidenceFileIds: evidenceIds,
});

export const affectsResultBody = z.object({
  affectsResult: z.boolean(),
  reason: z.string().trim().min(4, '请说明理由').max(1000),
});

export const replyBody = z.object({
  reply: z.string().trim().min(10, '请填写答复内容（至少 10 个字）').max(10000),
  outcome,
  remedy: remedy.nullable().default(null),
});

export const complaintBody = z.object({
  requests: z
    .string()
    .trim()
    .min(10, '请写明投诉事项和具体请求（至少 10 个字），不得超出已质疑事项的范围')
    .max(5000),
  facts: z.string().trim().min(10, '请写明事实依据和法律依据（至少 10 个字）').max(10000),
  evidenceFileIds: evidenceIds,
});

export const rejectBody = z.object({
  reason: z.string().trim().min(4, '请写明不予受理的理由').max(2000),
});

export const suspendBody = z.object({
  /** The last day of the suspension; null: the longest allowed (30 日, 法57). */
  endsOn: day.nullable().default(null),
  reason: z.string().trim().min(4, '请写明暂停采购活动的理由').max(2000),
});

export const liftBody = z.object({
  reason: z.string().trim().max(2000).default(''),
});

export const excludedDaysBody = z.object({
  /** Total working days spent on inspection, testing, appraisal, expert review or supplementing (94号令27). */
  workingDays: z.number().int().min(0).max(250),
  reason: z.string().trim().min(4, '请写明检验、检测、鉴定、专家评审或补正材料的情况').max(2000),
});

export const decideBody = z.object({
  decision: z.string().trim().min(10, '请填写投诉处理决定内容（至少 10 个字）').max(10000),
  outcome,
  remedy: remedy.nullable().default(null),
});

// ── Views ───────────────────────────────────────────────────────────────────────────────────────────────

/** A clock beside a step: the due day, the counting in words, the rule with its article, and whether it ran late. */
export const dueView = z.object({
  startsOn: z.iso.date(),
  dueOn: z.iso.date(),
  text: z.string(),
  basis: z.string(),
  /** The step was done after the due day, or is not done and the day has passed. */
  late: z.boolean(),
});

/** When a letter may be lodged: `open` tells whether today is inside it. */
export const windowView = z.object({
  opensOn: z.iso.date(),
  closesOn: z.iso.date(),
  text: z.string(),
  basis: z.string(),
  open: z.boolean(),
});

export const evidenceView = z.object({
  uploadId: z.uuid(),
  hash: z.string(),
  name: z.string(),
  size: z.number().int(),
});

export const suspensionView = z.object({
  suspendedOn: z.iso.date(),
  endsOn: z.iso.date(),
  /** The longest allowed end (30 日 from the start, 法57). */
  latestOn: z.iso.date(),
  liftedOn: z.iso.date().nullable(),
  /** Holding today. */
  active: z.boolean(),
  basis: z.string(),
});

export const complaintView = z.object({
  ...withAbilities,
  id: z.uuid(),
  challengeId: z.uuid(),
  projectId: z.uuid(),
  projectCode: z.string(),
  projectName: z.string(),
  lotNo: z.number().int().nullable(),
  subject: challengeSubject,
  subjectLabel: z.string(),
  supplierId: z.uuid(),
  supplierName: z.string(),
  requests: z.string(),
  facts: z.string(),
  evidence: z.array(evidenceView),
  filedAt: z.iso.datetime({ offset: true }),
  filedOn: z.iso.date(),
  window: windowView,
  status: complaintStatus,
  statusLabel: z.string(),
  /** 5 WD to review and accept or not (94号令21). */
  acceptance: dueView,
  acceptedOn: z.iso.date().nullable(),
  rejectionReason: z.string().nullable(),
  /** 30 WD from receipt, plus excluded days (法56; 条例58); null until accepted. */
  decisionDue: dueView.nullable(),
  excludedWorkingDays: z.number().int(),
  suspension: suspensionView.nullable(),
  decision: z.string().nullable(),
  outcome: outcome.nullable(),
  outcomeLabel: z.string().nullable(),
  remedy: remedy.nullable(),
  remedyLabel: z.string().nullable(),
  decidedOn: z.iso.date().nullable(),
});

export const challengeView = z.object({
  ...withAbilities,
  id: z.uuid(),
  projectId: z.uuid(),
  projectCode: z.string(),
  projectName: z.string(),
  lotNo: z.number().int().nullable(),
  subject: challengeSubject,
  subjectLabel: z.string(),
  /** The caller's own challenge. */
  own: z.boolean(),
  /**
   * False when the caller is another supplier of the project: it learns that a challenge exists, its subject and
   * its answer, never the challenger nor the letter (requests, facts, evidence are null/empty).
   */
  letterVisible: z.boolean(),
  supplierId: z.uuid().nullable(),
  supplierName: z.string().nullable(),
  knewOn: z.iso.date().nullable(),
  requests: z.string().nullable(),
  facts: z.string().nullable(),
  evidence: z.array(evidenceView),
  filedAt: z.iso.datetime({ offset: true }),
  filedOn: z.iso.date(),
  /** The challenge window it was filed in (法52; 条例53). */
  window: windowView,
  /** 7 WD to reply (法53; 94号令13). */
  replyDue: dueView,
  /** May affect the result: signing (or performance) is suspended until answered (条例54). */
  affectsResult: z.boolean(),
  status: challengeStatus,
  statusLabel: z.string(),
  reply: z.string().nullable(),
  outcome: outcome.nullable(),
  outcomeLabel: z.string().nullable(),
  remedy: remedy.nullable(),
  remedyLabel: z.string().nullable(),
  repliedOn: z.iso.date().nullable(),
  /** When the challenger may complain (法55); null for others and once withdrawn. */
  complaintWindow: windowView.nullable(),
  complaints: z.array(complaintView),
});

/** Where a supplier may challenge now, per subject and lot, so the form can show the windows before filing. */
export const challengeOption = z.object({
  subject: challengeSubject,
  subjectLabel: z.string(),
  lotNo: z.number().int().nullable(),
  /** Null when no window can be computed yet (e.g. result not published); see `note`. */
  window: windowView.nullable(),
  note: z.string().nullable(),
});

export const myProjectView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  lots: z.array(z.object({ no: z.number().int(), name: z.string(), bid: z.boolean() })),
  options: z.array(challengeOption),
});

export const myChallengesView = z.object({
  items: z.array(challengeView),
  /** Projects the supplier took part in, with the windows open to it. */
  projects: z.array(myProjectView),
  abilities: z.array(z.string()),
});

export const projectChallengesView = z.object({
  projectId: z.uuid(),
  projectCode: z.string(),
  projectName: z.string(),
  items: z.array(challengeView),
  abilities: z.array(z.string()),
});

export const complaintList = z.object({
  items: z.array(complaintView),
  abilities: z.array(z.string()),
});

export type ChallengeView = z.infer<typeof challengeView>;
export type ComplaintView = z.infer<typeof complaintView>;
