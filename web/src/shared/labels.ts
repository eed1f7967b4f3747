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

/** A label from a contract's table, or the bare value for one the table does not know. */
export function labelOf(labels: Readonly<Record<string, string>>, value: string): string {
  return labels[value] ?? value;
}

export function optionsOf(labels: Readonly<Record<string, string>>): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

/** 采购类别 (goods, works, services): the plan contract sends the bare value. */
export const categoryLabels = { goods: '货物', works: '工程', services: '服务' } as const;
export const planStatusColors: Record<string, string> = {
  draft: 'default',
  intentionPublished: 'blue',
  commissioned: 'gold',
  accepted: 'green',
  returned: 'red',
  cancelled: 'default',
};
