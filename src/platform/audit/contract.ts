import { z } from 'zod';
import { pageQuery } from '../http/contract.ts';

export const auditEventView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  hashAlg: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditListQuery = pageQuery.extend({
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(128).optional(),
  action: z.string().max(64).optional(),
  actorId: z.uuid().optional(),
});

export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  head: z.object({ seq: z.number().int(), hash: z.string() }),
  firstBroken: z
    .object({
      seq: z.number().int(),
      reason: z.enum(['sequence', 'prevHash', 'hash', 'head']),
      message: z.string(),
    })
    .nullable(),
});

export const auditHeadView = z.object({
  seq: z.number().int(),
  hash: z.string(),
  at: z.string().nullable(),
});
