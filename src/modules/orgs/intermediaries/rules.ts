/**
 * Service categories of the intermediary marketplace (seed 004: 网上中介服务超市). The list follows the
 * services county and district centres commission most: cost consulting, audit, supervision, surveying,
 * appraisal, design, legal, tendering agency, environmental assessment and accounting.
 */
export const SERVICE_CATEGORY_CODES = [
  'costConsulting',
  'audit',
  'supervision',
  'surveying',
  'appraisal',
  'design',
  'legal',
  'tenderAgency',
  'environmental',
  'accounting',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORY_CODES)[number];

export const SERVICE_CATEGORIES: Record<ServiceCategory, string> = {
  costConsulting: '工程造价咨询',
  audit: '审计服务',
  supervision: '工程监理',
  surveying: '测绘服务',
  appraisal: '资产评估',
  design: '工程设计',
  legal: '法律服务',
  tenderAgency: '招标代理',
  environmental: '环境影响评价',
  accounting: '会计服务',
};

export const INTERMEDIARY_STATUS_LABELS = {
  pending: '待审核',
  approved: '已入驻',
  rejected: '已驳回',
} as const;
