/**
 * The bidding module's HTTP contract: custodian keys, custodians of a project, registration (报名), the sealed
 * bid envelope as submitted, receipts, withdrawal. The envelope's crypto lives in sealing.contract.ts.
 */
import { z } from 'zod';
import { withAbilities } from '../../platform/http/contract.ts';

const b64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, '应为 Base64 编码')
  .max(1_000_000);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位十六进制摘要');

export const sealedPart = z.object({
  alg: z.literal('AES-256-GCM'),
  nonce: b64,
  ciphertext: b64,
  commitment: hex64,
});
export const passphraseWrapped = z.object({
  kind: z.literal('passphrase'),
  kdf: z.literal('PBKDF2-SHA256'),
  salt: b64,
  iterations: z.number().int().min(1000).max(10_000_000),
  nonce: b64,
  ciphertext: b64,
});
export const keyWrapped = z.object({
  kind: z.literal('ecies'),
  alg: z.literal('ECDH-P256+HKDF-SHA256+AES-256-GCM'),
  ephemeralPublicKey: b64,
  nonce: b64,
  ciphertext: b64,
});
export const keyShares = z.object({
  version: z.literal(1),
  threshold: z.literal(2),
  bidder: passphraseWrapped,
  centre: keyWrapped,
  supervisor: keyWrapped,
});

/** A document's sealed bytes are uploaded after the envelope, in resumable pieces (MAX_DOCUMENT_BYTES each). */
export const MAX_DOCUMENT_BYTES = 512 * 1024 * 1024;
export const documentKind = z.enum(['commercial', 'technical', 'blindTechnical', 'other']);
export const sealedDocumentMeta = z.object({
  part: z.string().regex(/^doc:\d{1,2}$/),
  kind: documentKind,
  chunks: z.number().int().min(1).max(100_000),
  sealedBytes: z.number().int().min(28).max(MAX_DOCUMENT_BYTES),
  sha256: hex64,
});

export const bidEnvelope = z.object({
  version: z.literal(1),
  bidId: z.uuid(),
  projectId: z.uuid(),
  lots: z
    .array(z.object({ lotNo: z.number().int().min(1).max(200), priceSheet: sealedPart }))
    .min(1, '至少对一个包投标')
    .max(200),
  declarations: sealedPart,
  manifest: sealedPart,
  documents: z.array(sealedDocumentMeta).max(20).default([]),
  shares: keyShares,
});

export const custodianKeyBody = z.object({
  /** Raw uncompressed P-256 point (65 bytes), base64. */
  publicKey: b64,
  wrappedPrivateKey: passphraseWrapped,
});
export const custodianKeyView = z.object({
  id: z.uuid(),
  publicKey: z.string(),
  wrappedPrivateKey: passphraseWrapped,
  createdAt: z.string(),
});

export const custodiansBody = z.object({
  /** The finance supervisor whose opening key holds the supervisor's share. */
  supervisorUserId: z.uuid(),
});
export const custodiansView = z.object({
  projectId: z.uuid(),
  centre: z.object({ keyId: z.uuid(), holder: z.string(), publicKey: z.string() }),
  supervisor: z.object({ keyId: z.uuid(), holder: z.string(), publicKey: z.string() }),
  assignedAt: z.string(),
});

export const sealingView = z.object({
  projectId: z.uuid(),
  projectCode: z.string(),
  bidDeadlineAt: z.string(),
  /** The server's clock now: the deadline is judged by it, not by the bidder's computer. */
  serverTime: z.string(),
  lots: z.array(z.object({ no: z.number().int(), name: z.string() })),
  centrePublicKey: z.string(),
  supervisorPublicKey: z.string(),
});

export const registrationView = z.object({
  projectId: z.uuid(),
  supplierId: z.uuid(),
  registeredAt: z.string(),
});

export const signedReceipt = z.object({
  statement: z.object({
    kind: z.literal('bidReceipt'),
    bidId: z.uuid(),
    projectId: z.uuid(),
    projectCode: z.string(),
    supplierId: z.uuid(),
    supplierName: z.string(),
    lots: z.array(z.number().int()),
    receivedAt: z.string(),
    envelopeHash: hex64,
    partHashes: z.record(z.string(), hex64),
    /** Each document's sealed bytes as stored: SHA-256 and length. */
    documents: z.array(z.object({ part: z.string(), sha256: hex64, bytes: z.number().int() })),
    replaces: z.uuid().nullable(),
  }),
  alg: z.literal('Ed25519'),
  keyId: z.string(),
  publicKey: z.string(),
  signature: z.string(),
});

export const bidStatus = z.enum(['uploading', 'submitted', 'replaced', 'withdrawn']);
export const bidView = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  status: bidStatus,
  statusLabel: z.string(),
  lots: z.array(z.number().int()),
  submittedAt: z.string(),
  withdrawnAt: z.string().nullable(),
  /** Null while documents are still being uploaded: a bid is received only when it is whole. */
  receipt: signedReceipt.nullable(),
  documents: z.array(
    z.object({
      part: z.string(),
      kind: documentKind,
      sealedBytes: z.number().int(),
      received: z.number().int(),
    }),
  ),
  ...withAbilities,
});
export const bidList = z.object({ items: z.array(bidView) });

export const publicKeyView = z.object({
  alg: z.literal('Ed25519'),
  keyId: z.string(),
  publicKey: z.string(),
});

// ── opening ───────────────────────────────────────────────────────────────────────────────────────────

export const holder = z.enum(['bidder', 'centre', 'supervisor']);
export const wrappedSharesView = z.object({
  projectId: z.uuid(),
  holder,
  items: z.array(z.object({ bidId: z.uuid(), wrapped: z.union([passphraseWrapped, keyWrapped]) })),
});
export const shareHandInBody = z.object({
  shares: z
    .array(z.object({ bidId: z.uuid(), share: b64.max(200) }))
    .min(1)
    .max(500),
});
export const objectionBody = z.object({ text: z.string().trim().min(4, '请写明异议内容').max(2000) });
export const objectionAnswerBody = z.object({ answer: z.string().trim().min(2, '请填写答复').max(2000) });

export const openingRecordEntry = z.object({
  bidId: z.uuid(),
  supplierName: z.string(),
  submittedAt: z.string(),
  opened: z.boolean(),
  priceFen: z.string().nullable(),
  items: z.record(z.string(), z.string()),
  smeSize: z.string().nullable(),
});
export const openingRecord = z.object({
  statement: z.object({
    kind: z.literal('openingRecord'),
    projectId: z.uuid(),
    projectCode: z.string(),
    projectName: z.string(),
    lotNo: z.number().int(),
    lotName: z.string(),
    ceilingFen: z.string().nullable(),
    openedAt: z.string(),
    entries: z.array(openingRecordEntry),
  }),
  alg: z.literal('Ed25519'),
  keyId: z.string(),
  publicKey: z.string(),
  signature: z.string(),
});

export const openingView = z.object({
  projectId: z.uuid(),
  projectCode: z.string(),
  status: z.string(),
  openingAt: z.string().nullable(),
  openingPlace: z.string().nullable(),
  started: z.boolean(),
  /** Which share the caller holds for this project, if any. */
  holder: holder.nullable(),
  custodians: z.array(z.string()),
  lots: z.array(
    z.object({
      lotNo: z.number().int(),
      lotName: z.string(),
      status: z.enum(['notOpened', 'awaitingKeys', 'opened']),
      bidCount: z.number().int(),
      /** Why the lot was not opened, with its source (RULES.md §4.4); null when opened or awaiting keys. */
      ground: z.string().nullable(),
      /** What the purchaser may lawfully do next about a lot that was not opened. */
      nextSteps: z.array(z.string()),
      sharesIn: z.object({
        centre: z.number().int(),
        supervisor: z.number().int(),
        bidder: z.number().int(),
      }),
      bidsOpened: z.number().int(),
      record: openingRecord.nullable(),
    }),
  ),
  objections: z.array(
    z.object({
      id: z.uuid(),
      supplierName: z.string(),
      text: z.string(),
      raisedAt: z.string(),
      answer: z.string().nullable(),
      answeredAt: z.string().nullable(),
    }),
  ),
  abilities: z.array(z.string()),
});

export const uploadParams = z.object({ id: z.uuid(), part: z.string().regex(/^doc:\d{1,2}$/) });
export const uploadStatus = z.object({
  bidId: z.uuid(),
  part: z.string(),
  received: z.number().int(),
  total: z.number().int(),
});

// ── deposits ──────────────────────────────────────────────────────────────────────────────────────────

export const depositForm = z.enum([
  'transfer',
  'bankGuarantee',
  'insuranceGuarantee',
  'guaranteeInstitution',
  'cheque',
  'draft',
  'promissoryNote',
]);
export const depositBody = z
  .object({
    form: depositForm,
    amountFen: z.string().regex(/^[1-9]\d{0,15}$/, '金额应为以“分”计的正整数'),
    payerName: z.string().trim().min(2).max(100),
    payerAccount: z
      .string()
      .trim()
      .regex(/^[0-9 -]{8,40}$/, '请填写付款账号')
      .nullable()
      .default(null),
    payerBank: z.string().trim().max(100).nullable().default(null),
    guaranteeNo: z.string().trim().max(100).nullable().default(null),
  })
  .refine((b) => b.form !== 'transfer' || b.payerAccount !== null, {
    message: '转账缴纳须填写付款账号',
    path: ['payerAccount'],
  })
  .refine((b) => b.form === 'transfer' || b.guaranteeNo !== null, {
    message: '保函、支票、汇票、本票须填写编号',
    path: ['guaranteeNo'],
  });
export const depositView = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  projectCode: z.string(),
  supplierName: z.string(),
  form: depositForm,
  formLabel: z.string(),
  amountFen: z.string(),
  payerName: z.string(),
  payerAccount: z.string().nullable(),
  payerBank: z.string().nullable(),
  guaranteeNo: z.string().nullable(),
  status: z.enum(['recorded', 'confirmed', 'refundDue', 'refunded']),
  statusLabel: z.string(),
  recordedAt: z.string(),
  refundDueOn: z.string().nullable(),
  refundedOn: z.string().nullable(),
  overdue: z.boolean(),
  /** Other bidders of the project paid from the same account (RED-FLAGS: 同一账户缴纳保证金). */
  sharedAccountWith: z.array(z.string()),
  abilities: z.array(z.string()),
});
export const depositList = z.object({ items: z.array(depositView) });
export const depositListQuery = z.object({ overdue: z.coerce.boolean().optional() });
export const refundBody = z.object({
  refundedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
});
