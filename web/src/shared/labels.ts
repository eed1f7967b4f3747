import { ROLE_LABELS, ROLES, type Role } from '../../../src/platform/auth/contract.ts';

// Labels for enum values the server sends without a label of their own; where it sends one (roleLabel,
// levelLabel, sizeLabel) the pages show that instead.

export const roleOptions = ROLES.map((role: Role) => ({ value: role, label: ROLE_LABELS[role] }));

/** Audit events also name the anonymous public and the platform itself as actors. */
const actorLabels: Record<string, string | undefined> = { ...ROLE_LABELS, system: '系统' };
export function actorRoleLabel(role: string): string {
  return actorLabels[role] ?? role;
}

export const userStatusLabels = { active: '正常', disabled: '已停用' } as const;
export const orgStatusLabels = { active: '正常', inactive: '已撤销' } as const;
export const supplierStatusLabels = { pending: '待审核', approved: '已通过', rejected: '已驳回' } as const;
export const expertStatusLabels = {
  pending: '待审核',
  active: '在库',
  suspended: '暂停',
  removed: '已出库',
  rejected: '未通过',
} as const;
/** Intermediary statuses for the filter; each row carries its own `statusLabel` from the server. */
export const intermediaryStatusLabels = {
  pending: '待审核',
  approved: '已入驻',
  rejected: '已驳回',
} as const;
export const supplierPersonRoleLabels = {
  shareholder: '股东',
  controller: '实际控制人',
  director: '董事',
  manager: '高级管理人员',
} as const;
export const personKindLabels = { person: '自然人', organisation: '机构' } as const;
/** For the sanction form's picker; recorded sanctions carry their own `kindLabel`. */
export const sanctionKindLabels = { dishonest: '失信被执行人', debarred: '禁止参加政府采购活动' } as const;
export const reviewDecisionLabels: Record<string, string | undefined> = {
  approved: '通过',
  rejected: '驳回',
};
export const titleLevelLabels = { senior: '高级', intermediate: '中级' } as const;

export const statusColors: Record<string, string> = {
  active: 'green',
  approved: 'green',
  pending: 'gold',
  disabled: 'default',
  inactive: 'default',
  rejected: 'red',
  suspended: 'orange',
  removed: 'default',
};

export function optionsOf(labels: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}
