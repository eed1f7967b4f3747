import type { SupplierSize } from '../rules.ts';

/**
 * Whether a supplier counts as a small or micro enterprise for the SME policies (price deduction,
 * reserved lots). 政府采购促进中小企业发展管理办法 (财库〔2020〕46号) 第十六条: 监狱企业 and
 * 残疾人福利性单位 are treated as small/micro enterprises; otherwise the declared size decides.
 */
export function countsAsSmallOrMicro(s: {
  size: SupplierSize;
  prisonEnterprise: boolean;
  disabledWelfareUnit: boolean;
}): boolean {
  return s.size === 'small' || s.size === 'micro' || s.prisonEnterprise || s.disabledWelfareUnit;
}

export interface SanctionPeriod {
  kind: 'dishonest' | 'debarred';
  startsOn: string;
  /** Inclusive last day; null while open-ended (失信 until removed from the list). */
  endsOn: string | null;
}

/**
 * Sanctions in force on a day (YYYY-MM-DD, Asia/Shanghai calendar day). 政府采购法第二十二条 requires a
 * supplier to have no serious illegal record in the 3 years before; 第七十七条 bars it for 1–3 years;
 * 财库〔2016〕125号 excludes suppliers on the 失信 lists. Dates compare as ISO strings.
 */
export function sanctionsInForce<T extends SanctionPeriod>(sanctions: readonly T[], onDay: string): T[] {
  return sanctions.filter((s) => s.startsOn <= onDay && (s.endsOn === null || s.endsOn >= onDay));
}

/** The fields the centre vouches for by reviewing: changing any of them sends the record back to review. */
export const REVIEWED_FIELDS = [
  'name',
  'legalRepresentative',
  'size',
  'prisonEnterprise',
  'disabledWelfareUnit',
  'regionCode',
  'businessScope',
] as const;
export type ReviewedField = (typeof REVIEWED_FIELDS)[number];

export function reviewedFieldsChanged(
  before: Record<ReviewedField, unknown>,
  patch: Partial<Record<ReviewedField, unknown>>,
): ReviewedField[] {
  return REVIEWED_FIELDS.filter((f) => f in patch && patch[f] !== undefined && patch[f] !== before[f]);
}

export type SupplierStatus = 'pending' | 'approved' | 'rejected';

/**
 * The review state machine: a pending record is approved or rejected; a rejected one is resubmitted by its
 * supplier (back to pending); an approved one returns to pending when reviewed facts change.
 */
export function nextStatusAfter(
  status: SupplierStatus,
  event: 'approve' | 'reject' | 'resubmit' | 'changeReviewed',
): SupplierStatus | null {
  switch (event) {
    case 'approve':
      return status === 'pending' ? 'approved' : null;
    case 'reject':
      return status === 'pending' ? 'rejected' : null;
    case 'resubmit':
      return status === 'rejected' ? 'pending' : null;
    case 'changeReviewed':
      return 'pending';
  }
}

export const SUPPLIER_STATUS_LABELS: Record<SupplierStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
};

export const SANCTION_KIND_LABELS: Record<SanctionPeriod['kind'], string> = {
  dishonest: '失信被执行人',
  debarred: '禁止参加政府采购活动',
};

export const PERSON_ROLE_LABELS = {
  shareholder: '股东',
  controller: '实际控制人',
  director: '董事',
  manager: '高级管理人员',
} as const;

export const PERSON_KIND_LABELS = { person: '自然人', organisation: '机构' } as const;

export const REVIEW_DECISION_LABELS = {
  approved: '通过',
  rejected: '驳回',
  resubmitted: '重新提交',
} as const;
