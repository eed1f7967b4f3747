/**
 * Realistic sample projects for the document tests: one per template kind, three lots each, with clauses of
 * every sort. Requirements go through the contract's zod schema so defaults are the ones the API applies.
 */
import { requirements, type Requirements } from '../contract.ts';
import type { ProjectCategory, ProjectMethod, RenderInput, TemplateKind } from './model.ts';
import { standardTemplate } from './standard-templates.ts';

interface Sample {
  category: ProjectCategory;
  name: string;
  lots: [string, bigint, bigint | null, string | null][];
  requirements: Partial<Record<keyof Requirements, unknown>>;
}

const SAMPLES: Record<TemplateKind, Sample> = {
  goods: {
    category: 'goods',
    name: '云岭县2026年中小学课桌椅及教学设备采购项目',
    lots: [
      ['学生课桌椅', 123456789n, 120000000n, '3000套'],
      ['多媒体教学一体机', 86000000n, null, '120台'],
      ['实验室仪器', 30000000n, 29800000n, '1批'],
    ],
    requirements: {
      qualification: [{ id: 'Q1', text: '投标人须具有有效的家具产品质量认证证书', lotNo: 1 }],
      substantive: [
        { id: 'S1', text: '课桌椅甲醛释放量应符合GB 28007-2024的要求', lotNo: 1 },
        { id: 'S2', text: '交货期不超过合同签订后30日', lotNo: null },
      ],
      specifications: [
        { id: 'T1', text: '桌面采用E1级以上环保板材，厚度不小于18mm', lotNo: 1 },
        { id: 'T2', text: '显示屏尺寸不小于86英寸，4K分辨率', lotNo: 2 },
        { id: 'T3', text: '所有产品提供不少于3年的免费保修', lotNo: null },
      ],
      scoring: [
        { id: 'P1', factor: '技术参数响应', text: '全部满足得40分，每负偏离一项扣2分', weightBp: 4000 },
        { id: 'P2', factor: '售后服务方案', text: '方案完整可行得20分，较完整得10分', weightBp: 2000 },
        { id: 'P3', factor: '业绩', text: '每提供一个同类项目合同得2分，最多10分', weightBp: 1000 },
      ],
      evaluationMethod: 'bestValue',
      priceWeightBp: 3000,
      sme: { mode: 'deduction', smallMicroRateBp: 1000, consortiumRateBp: 400 },
      energySaving: true,
      depositFen: '2000000',
      bondBp: 500,
      deliveryPeriod: '合同签订后30日内',
      deliveryPlace: '云岭县各中小学校',
      paymentTerms: '验收合格后一次性支付合同价款',
    },
  },
  propertyServices: {
    category: 'services',
    name: '云岭县行政中心2026—2028年度物业管理服务项目',
    lots: [
      ['行政中心主楼物业服务', 360000000n, 350000000n, '36个月'],
      ['政务服务大厅物业服务', 120000000n, null, '36个月'],
      ['档案馆物业服务', 48000000n, 47000000n, '36个月'],
    ],
    requirements: {
      qualification: [{ id: 'Q1', text: '投标人须提供近三个月依法缴纳社会保险的证明', lotNo: null }],
      substantive: [{ id: 'S1', text: '驻场服务人员不少于45人，其中秩序维护员不少于12人', lotNo: 1 }],
      specifications: [
        { id: 'T1', text: '公共区域每日保洁两次，卫生间每小时巡查一次', lotNo: null },
        { id: 'T2', text: '大厅引导员周一至周六在岗', lotNo: 2 },
      ],
      scoring: [
        { id: 'P1', factor: '服务方案', text: '优得40分，良得25分，一般得10分', weightBp: 4000 },
        { id: 'P2', factor: '人员配置', text: '项目经理具有物业管理师证书得10分', weightBp: 2000 },
        { id: 'P3', factor: '应急预案', text: '预案完整可行得20分', weightBp: 2000 },
      ],
      evaluationMethod: 'bestValue',
      priceWeightBp: 2000,
      sme: { mode: 'reserved' },
      bondBp: 250,
      deliveryPeriod: '自2026年5月1日起36个月',
      deliveryPlace: '云岭县行政中心',
      paymentTerms: '按月考核后支付当月服务费',
    },
  },
  communityServices: {
    category: 'services',
    name: '云岭县2026年居家和社区养老服务项目',
    lots: [
      ['城关镇居家养老服务', 90000000n, null, '600户'],
      ['河口乡居家养老服务', 45000000n, null, '300户'],
      ['云岭社区助餐服务', 30000000n, null, '12个月'],
    ],
    requirements: {
      qualification: [{ id: 'Q1', text: '投标人须在民政部门登记或备案从事养老服务', lotNo: null }],
      substantive: [{ id: 'S1', text: '每户每月上门服务不少于4次，每次不少于1小时', lotNo: null }],
      specifications: [{ id: 'T1', text: '提供助浴、助洁、助医、精神慰藉等服务', lotNo: null }],
      evaluationMethod: 'priceLottery',
      sme: { mode: 'reserved' },
      deliveryPeriod: '12个月',
      deliveryPlace: '云岭县城关镇、河口乡',
      paymentTerms: '按季度绩效评价后支付',
    },
  },
  medicalEquipment: {
    category: 'goods',
    name: '云岭县人民医院64排CT及配套设备采购项目',
    lots: [
      ['64排螺旋CT', 680000000n, 675000000n, '1台'],
      ['数字化X射线摄影系统（DR）', 150000000n, 148000000n, '1台'],
      ['便携式彩色多普勒超声', 45000000n, null, '2台'],
    ],
    requirements: {
      qualification: [{ id: 'Q1', text: '投标人须具有第三类医疗器械经营许可证', lotNo: 1 }],
      substantive: [
        { id: 'S1', text: '所投产品须具有有效的医疗器械注册证', lotNo: null },
        { id: 'S2', text: '探测器物理排数不少于64排', lotNo: 1 },
      ],
      specifications: [
        { id: 'T1', text: '机架孔径不小于70cm', lotNo: 1 },
        { id: 'T2', text: '平板探测器像素尺寸不大于150μm', lotNo: 2 },
        { id: 'T3', text: '整机保修不少于3年', lotNo: null },
      ],
      scoring: [
        { id: 'P1', factor: '技术性能', text: '全部满足得40分', weightBp: 4000 },
        { id: 'P2', factor: '售后服务', text: '2小时响应、24小时到场得15分', weightBp: 1500 },
        { id: 'P3', factor: '培训方案', text: '方案完善得5分', weightBp: 500 },
      ],
      evaluationMethod: 'bestValue',
      priceWeightBp: 4000,
      sme: { mode: 'deduction', smallMicroRateBp: 1000, consortiumRateBp: null },
      importedGoods: true,
      depositFen: '5000000',
      bondBp: 500,
      deliveryPeriod: '合同签订后60日内安装调试完毕',
      deliveryPlace: '云岭县人民医院',
      paymentTerms: '验收合格后支付90%，质保期满一年后支付10%',
    },
  },
  works: {
    category: 'works',
    name: '云岭县河口乡中心学校教学楼维修改造工程',
    lots: [
      ['教学楼主体维修', 280000000n, 278000000n, null],
      ['室外附属工程', 60000000n, 59000000n, null],
      ['消防设施改造', 35000000n, null, null],
    ],
    requirements: {
      qualification: [
        { id: 'Q1', text: '投标人须具有建筑工程施工总承包三级及以上资质', lotNo: 1 },
        { id: 'Q2', text: '投标人须具有消防设施工程专业承包二级及以上资质', lotNo: 3 },
      ],
      substantive: [{ id: 'S1', text: '工期不超过90日历天', lotNo: null }],
      specifications: [{ id: 'T1', text: '按施工图纸和工程量清单施工，质量达到合格标准', lotNo: null }],
      evaluationMethod: 'lowestPrice',
      sme: { mode: 'deduction', smallMicroRateBp: 300, consortiumRateBp: 100 },
      depositFen: '5000000',
      bondBp: 1000,
      deliveryPeriod: '90日历天',
      deliveryPlace: '云岭县河口乡中心学校',
      paymentTerms: '按月进度支付已完工程量的80%，竣工结算后付至97%',
    },
  },
};

export const SAMPLE_DEADLINE = new Date('2026-04-02T01:30:00Z');

export function sampleInput(kind: TemplateKind, method: ProjectMethod = 'openTender'): RenderInput {
  const s = SAMPLES[kind];
  const template = standardTemplate(kind);
  const lots = s.lots.map(([name, budgetFen, ceilingFen, quantity], i) => ({
    no: i + 1,
    name,
    budgetFen,
    ceilingFen,
    quantity,
    description: null,
  }));
  return {
    centreName: '云岭县政府采购中心',
    centreAddress: '云岭县人民路18号',
    centrePhone: '0871-61234567',
    project: {
      code: 'YLZC-2026-015',
      name: s.name,
      year: 2026,
      category: s.category,
      method,
      purchaserNames: ['云岭县教育体育局', '云岭县第一中学'],
      budgetFen: lots.reduce((sum, l) => sum + l.budgetFen, 0n),
    },
    lots,
    requirements: requirements.parse(s.requirements),
    schedule: {
      noticePublishedOn: '2026-03-10',
      documentsIssuedOn: '2026-03-10',
      documentsAvailableUntil: '2026-03-17',
      bidDeadlineAt: SAMPLE_DEADLINE,
      openingAt: null,
      openingPlace: '云岭县公共资源交易中心第一开标室',
    },
    template: { kind, version: 1, title: template.title, sections: template.sections },
  };
}
