import { z } from 'zod';
import { pageOf, pageQuery, withAbilities } from '../../../platform/http/contract.ts';

export const supplierView = z.object({
  id: z.uuid(),
  name: z.string(),
  creditCode: z.string(),
  legalRepresentative: z.string(),
  size: z.enum(['large', 'medium', 'small', 'micro']),
  sizeLabel: z.string(),
  regionCode: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'rejected']),
  createdAt: z.string(),
  ...withAbilities,
});
export const supplierPage = pageOf(supplierView);
export const supplierListQuery = pageQuery.extend({
  q: z.string().trim().max(64).optional(),
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
});

const phone = z.string().regex(/^1[3-9][0-9]{9}$/, '手机号格式不正确');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const supplierSize = z.enum(['large', 'medium', 'small', 'micro']);

/** The facts the centre reviews; changing any of them after approval sends the record back to review. */
export const supplierProfileFields = z.object({
  name: z.string().trim().min(2, '请输入供应商名称').max(100),
  legalRepresentative: z.string().trim().min(1, '请输入法定代表人').max(40),
  size: supplierSize.describe('中小企业声明函中的企业规模'),
  prisonEnterprise: z.boolean().describe('监狱企业（视同小微企业）'),
  disabledWelfareUnit: z.boolean().describe('残疾人福利性单位（视同小微企业）'),
  regionCode: z.string().regex(/^\d{6}$/, '行政区划码应为 6 位数字'),
  businessScope: z.string().trim().max(2000).nullable(),
});

export const supplierRegistrationBody = supplierProfileFields.extend({
  prisonEnterprise: z.boolean().default(false).describe('监狱企业（视同小微企业）'),
  disabledWelfareUnit: z.boolean().default(false).describe('残疾人福利性单位（视同小微企业）'),
  businessScope: z.string().trim().max(2000).nullable().default(null),
  creditCode: z.string().trim().toUpperCase().describe('统一社会信用代码，校验第 18 位校验码'),
  address: z.string().trim().max(200).nullable().default(null),
  contactName: z.string().trim().min(1, '请输入联系人').max(40),
  contactPhone: phone,
  email: z.email('邮箱格式不正确').nullable().default(null),
  username: z
    .string()
    .trim()
    .min(3, '用户名至少 3 位')
    .max(32)
    .regex(/^[a-z0-9_.-]+$/, '用户名只能包含小写字母、数字、下划线、点和短横线'),
  password: z.string().min(8, '密码至少 8 位').max(64),
});

export const supplierUpdateBody = supplierProfileFields
  .partial()
  .extend({
    address: z.string().trim().max(200).nullable().optional(),
    contactName: z.string().trim().min(1).max(40).optional(),
    contactPhone: phone.optional(),
    email: z.email('邮箱格式不正确').nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: '没有要修改的内容' });

export const supplierPersonInput = z
  .object({
    role: z.enum(['shareholder', 'controller', 'director', 'manager']),
    kind: z.enum(['person', 'organisation']),
    name: z.string().trim().min(1).max(100),
    idNumber: z.string().trim().toUpperCase().nullable().default(null),
    creditCode: z.string().trim().toUpperCase().nullable().default(null),
    shareBasisPoints: z
      .number()
      .int()
      .min(0)
      .max(10000)
      .nullable()
      .default(null)
      .describe('持股比例，万分之一'),
  })
  .refine((p) => (p.kind === 'person' ? p.idNumber !== null : p.creditCode !== null), {
    message: '自然人须填写身份证号，机构须填写统一社会信用代码',
    path: ['idNumber'],
  });
export const supplierPeopleBody = z.object({ people: z.array(supplierPersonInput).max(100) });

export const bankAccountInput = z.object({
  bankName: z.string().trim().min(2).max(100),
  accountName: z.string().trim().min(2).max(100),
  accountNumber: z
    .string()
    .trim()
    .regex(/^[0-9]{8,32}$/, '银行账号应为 8–32 位数字'),
});
export const bankAccountsBody = z.object({ accounts: z.array(bankAccountInput).max(20) });

export const contactInput = z.object({
  name: z.string().trim().min(1).max(40),
  phone,
  email: z.email('邮箱格式不正确').nullable().default(null),
  duty: z.string().trim().max(40).nullable().default(null),
});
export const contactsBody = z.object({ contacts: z.array(contactInput).max(20) });

export const qualificationInput = z.object({
  name: z.string().trim().min(2).max(100).describe('资质或证书名称'),
  certificateNo: z.string().trim().min(1).max(64),
  issuer: z.string().trim().min(2).max(100),
  grade: z.string().trim().max(40).nullable().default(null),
  validFrom: day.nullable().default(null),
  validUntil: day.nullable().default(null),
  fileHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable()
    .default(null)
    .describe('证书扫描件在文件库中的哈希'),
});
export const qualificationsBody = z.object({ qualifications: z.array(qualificationInput).max(50) });

export const supplierReviewBody = z
  .object({
    decision: z.enum(['approved', 'rejected']),
    reason: z.string().trim().max(500).nullable().default(null),
  })
  .refine((b) => b.decision === 'approved' || (b.reason !== null && b.reason.length > 0), {
    message: '驳回时须说明理由',
    path: ['reason'],
  });

export const sanctionBody = z
  .object({
    kind: z
      .enum(['dishonest', 'debarred'])
      .describe('dishonest 失信被执行人等；debarred 禁止参加政府采购活动'),
    reason: z.string().trim().min(2).max(500),
    source: z.string().trim().min(2).max(200).describe('处罚决定书文号或名单来源'),
    startsOn: day,
    endsOn: day.nullable().default(null),
  })
  .refine((b) => b.endsOn === null || b.endsOn >= b.startsOn, {
    message: '结束日期不能早于开始日期',
    path: ['endsOn'],
  });

const sanctionView = z.object({
  id: z.uuid(),
  kind: z.enum(['dishonest', 'debarred']),
  kindLabel: z.string(),
  reason: z.string(),
  source: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  inForce: z.boolean(),
});

/** What anyone may see of an approved supplier: the registry entry and its sanctions (public by law). */
export const supplierPublicView = z.object({
  id: z.uuid(),
  name: z.string(),
  creditCode: z.string(),
  legalRepresentative: z.string(),
  size: supplierSize,
  sizeLabel: z.string(),
  countsAsSmallOrMicro: z.boolean(),
  regionCode: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  statusLabel: z.string(),
  sanctions: z.array(sanctionView),
  barred: z.boolean().describe('当日有生效的失信或禁止参加政府采购活动记录'),
  ...withAbilities,
});

export const supplierDetail = supplierPublicView.extend({
  prisonEnterprise: z.boolean(),
  disabledWelfareUnit: z.boolean(),
  address: z.string().nullable(),
  businessScope: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  email: z.string().nullable(),
  reviewNote: z.string().nullable(),
  people: z.array(
    z.object({
      role: z.enum(['shareholder', 'controller', 'director', 'manager']),
      kind: z.enum(['person', 'organisation']),
      name: z.string(),
      idNumber: z.string().nullable(),
      creditCode: z.string().nullable(),
      shareBasisPoints: z.number().int().nullable(),
    }),
  ),
  bankAccounts: z.array(bankAccountInput),
  contacts: z.array(contactInput),
  qualifications: z.array(qualificationInput.extend({ expired: z.boolean() })),
  reviews: z.array(
    z.object({
      decision: z.string(),
      reason: z.string().nullable(),
      at: z.string(),
      reviewer: z.string().nullable(),
    }),
  ),
  createdAt: z.string(),
});

/** Either view, told apart by `detail`. */
export const supplierReadResponse = z.discriminatedUnion('detail', [
  supplierPublicView.extend({ detail: z.literal(false) }),
  supplierDetail.extend({ detail: z.literal(true) }),
]);

/** Chinese labels for the UI's pickers and tables. */
export {
  PERSON_KIND_LABELS,
  PERSON_ROLE_LABELS,
  REVIEW_DECISION_LABELS,
  SANCTION_KIND_LABELS,
  SUPPLIER_STATUS_LABELS,
} from './rules.ts';
