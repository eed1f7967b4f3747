/**
 * The columns of each import sheet: the Chinese title people see in Excel, whether it must be filled, and what
 * it accepts. One table feeds the template (header row and 说明 sheet) and the validators, so the two cannot
 * drift apart.
 */
export const IMPORT_KINDS = ['purchasers', 'suppliers', 'experts'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const KIND_LABELS: Record<ImportKind, string> = {
  purchasers: '采购单位',
  suppliers: '供应商',
  experts: '评审专家',
};

export interface ColumnSpec {
  title: string;
  required: boolean;
  format: string;
  allowed?: readonly string[];
  /** Stored as text in the template so Excel keeps leading zeros and all 18 digits. */
  text?: boolean;
  width: number;
}

const col = (
  title: string,
  required: boolean,
  format: string,
  width: number,
  extra: Partial<ColumnSpec> = {},
) => ({
  title,
  required,
  format,
  width,
  ...extra,
});

export const YES_NO = ['是', '否'] as const;
/** Separators accepted between several specialty codes in one cell. */
export const CODE_SEPARATORS = /[\s,，、;；]+/;

export const PURCHASER_COLUMNS = {
  name: col('单位名称', true, '全称，系统内唯一', 32),
  level: col('级别', true, '三选一', 10, { allowed: ['县直单位', '乡镇', '村级'] }),
  parent: col(
    '上级乡镇',
    false,
    '村级单位必填：所属乡镇的单位名称（本文件中或系统中已有的乡镇）；其他级别不填',
    32,
  ),
  regionCode: col('行政区划代码', true, '6 位数字，如 150430', 14, { text: true }),
  creditCode: col(
    '统一社会信用代码',
    false,
    '18 位，按 GB 32100-2015 校验；村民委员会可不填；系统内唯一',
    22,
    {
      text: true,
    },
  ),
  financeUnit: col('财政归口单位', false, '如 某县财政局、某乡财政所', 24),
  contactName: col('联系人', false, '姓名', 10),
  contactPhone: col('联系电话', false, '11 位手机号', 14, { text: true }),
  address: col('地址', false, '详细地址', 32),
} as const satisfies Record<string, ColumnSpec>;

export const SUPPLIER_COLUMNS = {
  name: col('供应商名称', true, '营业执照上的全称', 32),
  creditCode: col('统一社会信用代码', true, '18 位，按 GB 32100-2015 校验；系统内唯一', 22, { text: true }),
  legalRepresentative: col('法定代表人', true, '姓名', 12),
  size: col('企业规模', true, '四选一（按《中小企业划型标准规定》）', 10, {
    allowed: ['大型', '中型', '小型', '微型'],
  }),
  regionCode: col('行政区划代码', true, '6 位数字，注册地', 14, { text: true }),
  address: col('地址', false, '注册地址', 32),
  contactName: col('联系人', false, '姓名', 10),
  contactPhone: col('联系电话', false, '11 位手机号', 14, { text: true }),
  email: col('电子邮箱', false, '如 name@example.com', 24),
  businessScope: col('经营范围', false, '营业执照上的经营范围', 40),
  prisonEnterprise: col('监狱企业', false, '是/否，不填为否（财库〔2020〕46号：视同小微企业）', 10, {
    allowed: YES_NO,
  }),
  disabledWelfareUnit: col(
    '残疾人福利性单位',
    false,
    '是/否，不填为否（财库〔2020〕46号：视同小微企业）',
    16,
    {
      allowed: YES_NO,
    },
  ),
} as const satisfies Record<string, ColumnSpec>;

export const EXPERT_COLUMNS = {
  name: col('姓名', true, '与身份证一致', 10),
  idNumber: col('身份证号', true, '18 位居民身份证号码，按 GB 11643-1999 校验；系统内唯一', 22, {
    text: true,
  }),
  phone: col('手机号', true, '11 位手机号', 14, { text: true }),
  titleLevel: col('职称级别', true, '二选一；中级职称须从业满 8 年', 10, { allowed: ['高级', '中级'] }),
  titleName: col('职称名称', true, '如 高级工程师、会计师', 16),
  years: col('从业年限', true, '整数（年），0–60', 10),
  employer: col('工作单位', true, '全称', 28),
  regionCode: col('行政区划代码', true, '6 位数字，常住地', 14, { text: true }),
  specialties: col('专业代码', true, '一个或多个评审专业代码，用顿号或逗号分隔；代码见“专业代码”表', 18, {
    text: true,
  }),
  email: col('电子邮箱', false, '如 name@example.com', 24),
} as const satisfies Record<string, ColumnSpec>;

export const COLUMNS: Record<ImportKind, Record<string, ColumnSpec>> = {
  purchasers: PURCHASER_COLUMNS,
  suppliers: SUPPLIER_COLUMNS,
  experts: EXPERT_COLUMNS,
};
