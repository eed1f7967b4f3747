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
