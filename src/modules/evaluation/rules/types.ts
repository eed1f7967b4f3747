/**
 * Vocabulary the evaluation rules share with tendering, taken from the tendering contract (its public face) so
 * both stages speak of the same methods, categories and SME policy.
 */
import type { z } from 'zod';
import type {
  category as categorySchema,
  method as methodSchema,
  Requirements,
} from '../../tendering/contract.ts';

export type Method = z.infer<typeof methodSchema>;
export type Category = z.infer<typeof categorySchema>;
export type SmePolicy = Requirements['sme'];

export const METHOD_LABELS: Record<Method, string> = {
  openTender: '公开招标',
  invitedTender: '邀请招标',
  negotiation: '竞争性谈判',
  consultation: '竞争性磋商',
  rfq: '询价',
  singleSource: '单一来源',
};

export const CATEGORY_LABELS: Record<Category, string> = { goods: '货物', works: '工程', services: '服务' };

export const isTender = (m: Method): boolean => m === 'openTender' || m === 'invitedTender';

/** A rule finding with a stable machine code and a Chinese message (ARCHITECTURE.md rule 9). */
export interface Problem {
  code: string;
  message: string;
}
