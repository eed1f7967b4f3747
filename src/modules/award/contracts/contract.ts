/** The HTTP contract of 政府采购合同: signing keys, generation, signatures, publication, filing, amendments. */
import { z } from 'zod';
import { pageOf, pageQuery, withAbilities } from '../../../platform/http/contract.ts';
import { contractSignatureStatement, wrappedSigningKeySchema } from './signature.contract.ts';

const fen = (message: string) => z.string().regex(/^\d{1,15}$/, message);
const signedFen = z.string().regex(/^-?\d{1,15}$/, '金额应为整数（分）');

export const CONTRACT_STATUS_LABELS = {
  draft: '待签署',
  signing: '签署中',
  signed: '已签订',
  accepted: '已验收',
  completed: '已完成',
  terminated: '已终止',
} as const;
export const contractStatus = z.enum(['draft', 'signing', 'signed', 'accepted', 'completed', 'terminated']);

export const bondForm = z.enum([
  'none',
  'bankGuarantee',
  'insuranceGuarantee',
  'guaranteeInstitution',
  'transfer',
]);

// ── signing keys ──────────────────────────────────────────────────────────────────────────────────────

export const signingKeyBody = z.object({
  publicKey: z.string().min(40, '公钥格式不正确').max(200),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, '密钥指纹应为 64 位十六进制 SHA-256'),
  wrapped: wrappedSigningKeySchema,
});

export const signingKeyView = z.object({
  id: z.uuid(),
  algorithm: z.literal('Ed25519'),
  publicKey: z.string(),
  fingerprint: z.string(),
  wrapped: wrappedSigningKeySchema,
  createdAt: z.string(),
});
export const mySigningKey = z.object({ key: signingKeyView.nullable(), ...withAbilities });

// ── generation ────────────────────────────────────────────────────────────────────────────────────────

export const lotParams = z.object({ id: z.uuid(), lotNo: z.coerce.number().int().min(1).max(999) });

export const generateBody = z.object({
  /** The lot's whole bond, in fen; split among the lot's contracts like the amount. */
  bondFen: fen('履约保证金应为整数（分）').default('0'),
  bondForm: bondForm.default('none'),
  /** 日 from acceptance; null: none agreed (an SME is then paid within 30 日). */
  paymentTermsDays: z.number().int().min(1, '付款期限至少 1 日').max(365).nullable().default(null),
  performancePeriod: z.string().trim().min(2, '请填写履约期限').max(200),
  deliveryPlace: z.string().trim().min(2, '请填写交货（服务）地点').max(200),
});

// ── views ─────────────────────────────────────────────────────────────────────────────────────────────

export const clockView = z.object({
  dueOn: z.string(),
  summary: z.string(),
  rule: z.string(),
  /** The day the step was done, or null. */
  doneOn: z.string().nullable(),
  /** Done after the due day, or not done and today is past it. */
  late: z.boolean(),
});

export const signatureView = z.object({
  party: z.enum(['purchaser', 'supplier']),
  partyLabel: z.string(),
  userId: z.uuid(),
  signerName: z.string(),
  keyFingerprint: z.string(),
  signedAt: z.string(),
  signedOn: z.string(),
  late: z.boolean(),
});

export const amendmentKind = z.enum(['addOn', 'change', 'termination']);
export const AMENDMENT_KIND_LABELS = {
  addOn: '补充合同（追加采购）',
  change: '合同变更',
  termination: '解除合同',
} as const;

export const amendmentView = z.object({
  id: z.uuid(),
  kind: amendmentKind,
  kindLabel: z.string(),
  amountFen: z.string(),
  content: z.string(),
  reason: z.string(),
  effectiveOn: z.string(),
  recordedAt: z.string(),
});

export const contractSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  projectId: z.uuid(),
  projectCode: z.string(),
  projectName: z.string(),
  lotNo: z.number().int(),
  purchaserId: z.uuid(),
  purchaserName: z.string(),
  supplierId: z.uuid(),
  supplierName: z.string(),
  status: contractStatus,
  statusLabel: z.string(),
  amountFen: z.string(),
  signingDueOn: z.string(),
  signedOn: z.string().nullable(),
  publishedOn: z.string().nullable(),
  filedOn: z.string().nullable(),
  /** Any clock of the contract is overdue or was met late. */
  late: z.boolean(),
  ...withAbilities,
});

export const contractView = contractSummary.extend({
  supplierCreditCode: z.string(),
  bidId: z.uuid(),
  budgetFen: z.string(),
  /** The amount with add-ons and price changes. */
  currentAmountFen: z.string(),
  addOnHeadroomFen: z.string(),
  bondFen: z.string(),
  bondForm: z.string().nullable(),
  paymentTermsDays: z.number().int().nullable(),
  sme: z.boolean(),
  performancePeriod: z.string().nullable(),
  deliveryPlace: z.string().nullable(),
  document: z.record(z.string(), z.unknown()),
  documentHash: z.string(),
  noticeId: z.uuid().nullable(),
  filingReference: z.string().nullable(),
  terminatedReason: z.string().nullable(),
  clocks: z.object({
    signing: clockView,
    publication: clockView.nullable(),
    filing: clockView.nullable(),
  }),
  signatures: z.array(signatureView),
  amendments: z.array(amendmentView),
  suspension: z.object({ suspended: z.boolean(), reasons: z.array(z.string()) }),
  /** What the caller signs, when it is a party that has not signed yet and signing is open. */
  mySigning: z
    .object({ party: z.enum(['purchaser', 'supplier']), statement: contractSignatureStatement })
    .nullable(),
});

export const contractList = pageOf(contractSummary);
export const generatedList = z.object({ items: z.array(contractView) });

export const listQuery = pageQuery.extend({
  projectId: z.uuid().optional(),
  status: contractStatus.optional(),
  q: z.string().trim().max(100).optional(),
  /** Only contracts with an overdue clock. */
  late: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

// ── acts ──────────────────────────────────────────────────────────────────────────────────────────────

export const signBody = z.object({
  statement: contractSignatureStatement,
  signature: z.string().min(40).max(200),
});

export const filingBody = z.object({
  filingReference: z.string().trim().min(2, '请填写备案编号').max(100),
  /** Default: today. */
  filedOn: z.iso.date().optional(),
});

export const amendmentBody = z.object({
  kind: amendmentKind,
  amountFen: signedFen.default('0'),
  content: z.string().trim().min(2, '请填写变更内容').max(2000),
  reason: z.string().trim().min(2, '请填写理由').max(1000),
  effectiveOn: z.iso.date().optional(),
});
