/**
 * The demo's tendering: projects made from accepted plan lines and taken, through the module's own use cases,
 * as far as each has come — drafts (one still carrying a discriminatory clause the check flags), checked,
 * approved, published, corrected and terminated projects — with a 打包采购 bundle of four schools, a 校安工程
 * programme of 27 schools, a 一事一议 programme of village roads, a justified finding and two clarifications —
 * and three projects published four weeks ago, whose deadlines have passed, for bidding.ts to open.
 *
 * Three parts: the data (pure, from its own random stream), the timeline (pure over the legal calendar: every
 * schedule is computed by the real deadline rules, and a project whose lawful schedule the calendar cannot
 * yet cover is moved earlier, or left at an earlier state — never published unlawfully, never a crash), and
 * the run, which drives the use cases inside the seed's transaction with a clock set to each step's day.
 */
import type { z } from 'zod';
import type { RequestContext, UserActor } from '../../platform/auth/actor.ts';
import { isWorkingDay, addWorkingDays } from '../../platform/calendar.ts';
import { fixedClock } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { seededRng } from '../../platform/rng.ts';
import {
  approvalBody,
  correctionBody,
  projectBody,
  publishBody,
  type requirements,
} from '../../modules/tendering/contract.ts';
import {
  answerQuestion,
  askQuestion,
  createProgramme,
  createProject,
  justifyFinding,
  lintProject,
  recordApproval,
  correctProject,
  publishProject,
  terminateProject,
  deadlineAfterCorrection,
  earliestBidDeadline,
  earliestDocumentsAvailableUntil,
  type TimedMethod,
  type TemplateKind,
} from '../../modules/tendering/index.ts';
import { tenderTemplates } from '../../modules/tendering/tables.ts';
import { addDays, Gen } from './data.ts';
import type { DemoPlanLine } from './planning.ts';

type RequirementsInput = z.input<typeof requirements>;
type Category = 'goods' | 'works' | 'services';
type Target = 'draft' | 'linted' | 'approved' | 'published' | 'corrected' | 'terminated';
type ProgrammeKind = 'schoolSafety' | 'caseByCase';

const COUNTY = '云岭县';
const unit = (name: string): string => `${COUNTY}${name}`;
const villageOf = (township: string, village: string): string => `${COUNTY}${township}${village}村民委员会`;
const wan = (n: number): bigint => BigInt(Math.round(n * 10)) * 100_000n;
const yuan = (fen: bigint): string => (Number(fen / 100n) / 10_000).toFixed(2);

/* ------------------------------------------------------------------------------------------------------------ */
/* Data                                                                                                         */
/* ------------------------------------------------------------------------------------------------------------ */

interface LineSpec {
  ref: string;
  purchaserName: string;
  budgetItem: string;
  itemCode: string;
  itemName: string;
  category: Category;
  quantity: string | null;
  amountFen: bigint;
}

interface LotSpec {
  name: string;
  budgetFen: bigint;
  ceilingFen: bigint | null;
  quantity: string | null;
  description: string | null;
}

interface QuestionSpec {
  question: string;
  /** Null: still waiting for the centre's answer. */
  answer: string | null;
}

export interface DemoProjectSpec {
  key: string;
  target: Target;
  name: string;
  category: Category;
  method: 'openTender' | 'negotiation' | 'consultation' | 'rfq';
  methodReason: string | null;
  template: TemplateKind;
  programme: ProgrammeKind | null;
  shares: { ref: string; lotNo: number | null }[];
  lots: LotSpec[];
  requirements: RequirementsInput;
  /** Days before the seed day the project was drawn up (unpublished projects) or published (the others). */
  ago: number;
  /** Days between drawing the project up and publishing it. */
  prepDays: number;
  /** A `justify` finding the agent keeps, with the reason recorded. */
  justification: { ruleId: string; clauseId: string; reason: string } | null;
  /** The finance department's approval of the method (政府采购法 第二十七条). */
  approval: { reference: string; authority: string; note: string } | null;
  openingPlace: string;
  questions: QuestionSpec[];
  /** Working days after publication. */
  correction: { afterWorkingDays: number; content: string } | null;
  termination: { afterWorkingDays: number; reason: string } | null;
}

export interface DemoProgrammeSpec {
  kind: ProgrammeKind;
  name: string;
  description: string;
}

export interface DemoTendering {
  year: number;
  lines: LineSpec[];
  programmes: DemoProgrammeSpec[];
  projects: DemoProjectSpec[];
}

/** Splits `total` over weights, in whole thousands of yuan, the last part taking the remainder. */
function split(total: bigint, weights: readonly number[]): bigint[] {
  const sum = BigInt(weights.reduce((a, b) => a + b, 0));
  const parts = weights.map((w) => ((total * BigInt(w)) / sum / 100_000n) * 100_000n);
  const rest = total - parts.slice(0, -1).reduce((a, b) => a + b, 0n);
  parts[parts.length - 1] = rest;
  return parts;
}

const lot = (name: string, budgetFen: bigint, o: Partial<LotSpec> = {}): LotSpec => ({
  name,
  budgetFen,
  ceilingFen: null,
  quantity: null,
  description: null,
  ...o,
});

/** 投标保证金: about 1% of the budget (条例33 caps it at 2%), in whole thousands of yuan. */
const depositOf = (budget: bigint): string => ((budget / 100n / 100_000n) * 100_000n).toString();
const sumOf = (xs: readonly { budgetFen: bigint }[]): bigint => xs.reduce((s, x) => s + x.budgetFen, 0n);

const BASE = {
  qualification: [
    { id: 'Q1', text: '具有独立承担民事责任的能力，符合政府采购法第二十二条规定的条件' },
    { id: 'Q2', text: '未被列入失信被执行人、重大税收违法失信主体、政府采购严重违法失信行为记录名单' },
  ],
};

/** The 27 schools of the 校安工程 programme, by township: 中心小学, 镇中学, 中心幼儿园 and village schools. */
const TOWNSHIPS = ['云岭镇', '杏山镇', '柳河镇', '金沟镇', '双井乡', '哈达乡', '白塔子乡', '五道沟乡'];
const SCHOOLS: readonly string[] = [
  ...TOWNSHIPS.map((t) => `${t}中心小学`),
  ...['云岭镇', '杏山镇', '柳河镇', '金沟镇'].map((t) => `${t}中学`),
  ...TOWNSHIPS.map((t) => `${t}中心幼儿园`),
  ...[
    '云岭镇东关村',
    '云岭镇西沟村',
    '杏山镇后营子村',
    '柳河镇柳河村',
    '金沟镇三家村',
    '哈达乡哈达营子村',
  ].map((v) => `${v}小学`),
  '五道沟乡头道沟村教学点',
];
const SCHOOL_WORKS = [
  ['教学楼抗震加固', '按设计图纸对教学楼进行抗震加固，含圈梁、构造柱及墙体加固'],
  ['屋面防水维修', '拆除原屋面防水层，重做 SBS 改性沥青防水卷材及保温层'],
  ['外墙保温改造', '外墙粘贴 B1 级保温板，含抹灰、涂料及脚手架'],
  ['门窗更换', '更换教室及走廊门窗为断桥铝合金中空玻璃窗及防火门'],
  ['供暖管网改造', '更换室内外供暖管道及散热器，含保温及试压'],
  ['消防设施改造', '增设室内消火栓、应急照明及疏散指示标志'],
  ['旱厕改造', '新建水冲式厕所，含化粪池及给排水管道'],
] as const;

export function demoTendering(seed: string, today: string): DemoTendering {
  const g = new Gen(seededRng(`${seed}:tendering`));
  const year = Number(today.slice(0, 4));
  const between = (lo: number, hi: number): bigint => wan(g.int(lo * 10, hi * 10) / 10);
  const lines: LineSpec[] = [];
  const line = (
    ref: string,
    purchaserName: string,
    item: [code: string, name: string, category: Category, budgetItem: string],
    amountFen: bigint,
    quantity: string | null = null,
  ): LineSpec => {
    const [itemCode, itemName, category, budgetItem] = item;
    const spec = { ref, purchaserName, budgetItem, itemCode, itemName, category, quantity, amountFen };
    lines.push(spec);
    return spec;
  };
  const MULTIMEDIA = ['A02100000', '多媒体教学设备', 'goods', '教育信息化'] as [
    string,
    string,
    Category,
    string,
  ];
  const ULTRASOUND = ['A02320000', '医用超声诊断仪器', 'goods', '医疗设备购置'] as [
    string,
    string,
    Category,
    string,
  ];
  const IMAGING = ['A02320000', '医学影像设备', 'goods', '医疗设备购置'] as [
    string,
    string,
    Category,
    string,
  ];
  const DESKS = ['A05010100', '课桌椅', 'goods', '教学设施购置'] as [string, string, Category, string];
  const PROPERTY = ['C21040000', '物业管理服务', 'services', '机关运行保障'] as [
    string,
    string,
    Category,
    string,
  ];
  const GUARDS = ['C21040200', '保安服务', 'services', '机关运行保障'] as [string, string, Category, string];
  const LAPTOPS = ['A02010105', '便携式计算机', 'goods', '办公设备购置'] as [
    string,
    string,
    Category,
    string,
  ];
  const DESKTOPS = ['A02010104', '台式计算机', 'goods', '办公设备购置'] as [string, string, Category, string];
  const COPIERS = ['A02020400', '复印机', 'goods', '办公设备购置'] as [string, string, Category, string];
  const CARS = ['A02030500', '公务用车', 'goods', '车辆购置'] as [string, string, Category, string];
  const COST = ['C23090000', '工程造价咨询服务', 'services', '项目前期工作'] as [
    string,
    string,
    Category,
    string,
  ];
  const AUDIT = ['C23100000', '审计服务', 'services', '财务审计'] as [string, string, Category, string];
  const SCHOOL = ['B07000000', '校舍维修改造工程', 'works', '校安工程'] as [string, string, Category, string];
  const ROAD = ['B05010000', '乡村道路硬化工程', 'works', '一事一议财政奖补'] as [
    string,
    string,
    Category,
    string,
  ];

  const projects: DemoProjectSpec[] = [];
  const project = (p: Partial<DemoProjectSpec> & Pick<DemoProjectSpec, 'key' | 'target' | 'name'>): void => {
    projects.push({
      category: 'goods',
      method: 'openTender',
      methodReason: null,
      template: 'goods',
      programme: null,
      shares: [],
      lots: [],
      requirements: {},
      ago: 5,
      prepDays: 7,
      justification: null,
      approval: null,
      openingPlace: `${COUNTY}政府采购中心开标一室`,
      questions: [],
      correction: null,
      termination: null,
      ...p,
    });
  };

  // 1. 打包采购: four schools' 多媒体教学设备, one open tender in three lots (公开招标, 已发布).
  const schools = ['第一中学', '第二中学', '实验小学', '职业教育中心'].map((s, i) =>
    line(`mm-${i + 1}`, unit(s), MULTIMEDIA, between(45, 110), `${g.int(12, 40)} 套`),
  );
  const mmTotal = sumOf(schools.map((s) => ({ budgetFen: s.amountFen })));
  const [mm1 = 0n, mm2 = 0n, mm3 = 0n] = split(mmTotal, [55, 25, 20]);
  const mmLots = [
    lot('交互式智能平板', mm1, {
      ceilingFen: mm1,
      quantity: `${g.int(40, 90)} 台`,
      description: '86 英寸，含 OPS 模块及安装',
    }),
    lot('录播教室设备', mm2, {
      ceilingFen: mm2,
      quantity: `${g.int(3, 6)} 套`,
      description: '常态化录播系统，含摄像机、拾音及导播主机',
    }),
    lot('计算机教室设备', mm3, {
      ceilingFen: mm3,
      quantity: `${g.int(2, 4)} 间`,
      description: '学生机、教师机、交换机及教学管理软件',
    }),
  ];
  project({
    key: 'multimedia',
    target: 'published',
    name: `${COUNTY}教育系统多媒体教学设备采购项目`,
    shares: schools.map((s) => ({ ref: s.ref, lotNo: null })),
    lots: mmLots,
    ago: 8,
    prepDays: 9,
    requirements: {
      qualification: BASE.qualification,
      substantive: [
        { id: 'S1', text: '★所投产品须为全新、未使用的合格产品，整机质保期不少于三年' },
        { id: 'S2', text: '★供货期：合同签订后 30 日内完成供货、安装及调试' },
      ],
      specifications: [
        { id: 'T1', text: '交互式智能平板：86 英寸 4K 显示，触控点数不少于 20 点，内置 OPS 电脑', lotNo: 1 },
        { id: 'T2', text: '录播系统：支持 1080P 多路同步录制，支持常态化自动录制和直播', lotNo: 2 },
        { id: 'T3', text: '学生计算机：处理器不低于 6 核，内存不低于 16GB，固态硬盘不低于 512GB', lotNo: 3 },
      ],
      scoring: [
        {
          id: 'P1',
          factor: '技术参数响应',
          text: '完全满足技术参数得 35 分，每有一项一般参数负偏离扣 2 分，扣完为止',
          weightBp: 3500,
        },
        {
          id: 'P2',
          factor: '供货安装方案',
          text: '方案包含进度计划、安装调试和培训三项内容的各得 5 分',
          weightBp: 1500,
        },
        { id: 'P3', factor: '售后服务', text: '质保期每比要求延长一年得 5 分，最多 10 分', weightBp: 1000 },
      ],
      evaluationMethod: 'bestValue',
      priceWeightBp: 4000,
      sme: { mode: 'deduction', smallMicroRateBp: 1000 },
      energySaving: true,
      depositFen: depositOf(mmTotal),
      bondBp: 500,
      deliveryPeriod: '合同签订后 30 日内',
      deliveryPlace: '采购人指定地点',
      paymentTerms: '验收合格后 30 日内支付合同金额的 95%，余款质保期满一年后支付',
    },
    questions: [
      {
        question: '第 2 包录播教室设备的摄像机是否接受国产同等性能产品？',
        answer: '接受。本项目不采购进口产品，所投产品满足采购需求所列技术参数即可。',
      },
    ],
  });

  // 2. 公开招标 with a justified finding: samples of school desks are compared by the committee.
  const desks = line('desks', unit('实验小学'), DESKS, between(60, 95), `${g.int(4, 9) * 100} 套`);
  project({
    key: 'desks',
    target: 'published',
    name: `${COUNTY}实验小学学生课桌椅采购项目`,
    shares: [{ ref: desks.ref, lotNo: null }],
    lots: [
      lot('学生课桌椅', desks.amountFen, {
        quantity: desks.quantity,
        description: '单人升降课桌椅，钢木结构',
      }),
    ],
    ago: 4,
    prepDays: 8,
    requirements: {
      qualification: BASE.qualification,
      substantive: [
        { id: 'S1', text: '★课桌椅尺寸须符合 GB/T 3976-2014《学校课桌椅功能尺寸及技术要求》' },
        { id: 'S2', text: '投标人须在投标截止前提交课桌椅样品一套（单人课桌及配套座椅）' },
      ],
      specifications: [{ id: 'T1', text: '桌面采用 E1 级环保板材，钢架壁厚不小于 1.2mm，可升降调节' }],
      evaluationMethod: 'lowestPrice',
      sme: { mode: 'deduction', smallMicroRateBp: 1000 },
      environmental: true,
      depositFen: depositOf(desks.amountFen),
      deliveryPeriod: '合同签订后 25 日内',
      deliveryPlace: '云岭县实验小学',
      paymentTerms: '验收合格后 30 日内一次性支付',
    },
    justification: {
      ruleId: 'L-SAMPLE',
      clauseId: 'S2',
      reason:
        '课桌椅直接关系学生坐姿健康和使用安全，需由评审委员会对样品的结构稳固性、升降调节和边角处理进行比对；样品仅用于核对是否满足实质性要求，不另行计分',
    },
  });

  // 3. 竞争性磋商 services (已发布), with a question still waiting for its answer.
  const property = line('property', unit('人民政府办公室'), PROPERTY, between(70, 95), null);
  project({
    key: 'property',
    target: 'published',
    name: `${COUNTY}人民政府办公区物业管理服务项目`,
    category: 'services',
    method: 'consultation',
    methodReason:
      '服务的时间、数量事先不能确定等原因不能事先计算出价格总额（财库〔2014〕214号 第三条第四项）',
    template: 'propertyServices',
    shares: [{ ref: property.ref, lotNo: null }],
    lots: [
      lot('机关办公区物业管理服务', property.amountFen, {
        quantity: '1 年',
        description: '保洁、秩序维护、绿化养护及设施设备维修',
      }),
    ],
    ago: 6,
    prepDays: 7,
    openingPlace: `${COUNTY}政府采购中心磋商室`,
    requirements: {
      qualification: BASE.qualification,
      substantive: [{ id: 'S1', text: '★服务期一年，服务人员不少于 18 人，其中秩序维护人员不少于 6 人' }],
      specifications: [
        { id: 'T1', text: '办公楼公共区域每日保洁两次，卫生间每小时巡查一次' },
        { id: 'T2', text: '秩序维护 24 小时值守，中标后接到报修 30 分钟内到达现场' },
      ],
      scoring: [
        {
          id: 'P1',
          factor: '服务方案',
          text: '方案包含保洁、秩序维护、绿化、维修四部分，每部分完整可行得 8 分',
          weightBp: 3200,
        },
        {
          id: 'P2',
          factor: '人员配备',
          text: '项目经理具有物业管理从业经历 5 年以上得 8 分，3 至 5 年得 4 分',
          weightBp: 2000,
        },
        {
          id: 'P3',
          factor: '应急预案',
          text: '针对停水停电、消防、极端天气各有预案的各得 6 分',
          weightBp: 1800,
        },
      ],
      evaluationMethod: 'bestValue',
      priceWeightBp: 3000,
      sme: { mode: 'deduction', smallMicroRateBp: 1000 },
      depositFen: depositOf(property.amountFen),
      bondBp: 300,
      deliveryPeriod: '服务期一年',
      deliveryPlace: '云岭县人民政府办公区',
      paymentTerms: '按季度考核后支付',
    },
    questions: [{ question: '采购需求中的服务人员数量是否包含节假日值班人员？', answer: null }],
  });

  // 4. 询价 goods (已发布).
  const laptops = line('laptops', unit('财政局'), LAPTOPS, between(32, 45), `${g.int(60, 90)} 台`);
  project({
    key: 'laptops',
    target: 'published',
    name: `${COUNTY}财政局便携式计算机询价采购项目`,
    method: 'rfq',
    methodReason: '货物规格、标准统一，现货货源充足且价格变化幅度小（政府采购法 第三十二条）',
    shares: [{ ref: laptops.ref, lotNo: null }],
    lots: [
      lot('便携式计算机', laptops.amountFen, { ceilingFen: laptops.amountFen, quantity: laptops.quantity }),
    ],
    ago: 1,
    prepDays: 5,
    openingPlace: `${COUNTY}政府采购中心询价室`,
    requirements: {
      qualification: BASE.qualification,
      substantive: [{ id: 'S1', text: '★所投产品须为全新、未使用的合格产品，整机保修三年' }],
      specifications: [
        { id: 'T1', text: '14 英寸屏幕，处理器不低于 8 核，内存不低于 16GB，固态硬盘不低于 512GB' },
      ],
      evaluationMethod: 'lowestPrice',
      sme: { mode: 'reserved' },
      energySaving: true,
      deliveryPeriod: '合同签订后 15 日内',
      deliveryPlace: '云岭县财政局',
    },
  });

  // 5. 已更正: a correction that may affect the bids moved the deadline (条例31).
  const ultrasound = line('ultrasound', unit('蒙医中医医院'), ULTRASOUND, between(150, 260), '1 台');
  project({
    key: 'ultrasound',
    target: 'corrected',
    name: `${COUNTY}蒙医中医医院彩色多普勒超声诊断系统采购项目`,
    template: 'medicalEquipment',
    shares: [{ ref: ultrasound.ref, lotNo: null }],
    lots: [
      lot('彩色多普勒超声诊断系统', ultrasound.amountFen, {
        ceilingFen: ultrasound.amountFen,
        quantity: '1 台',
      }),
    ],
    ago: 16,
    prepDays: 10,
    requirements: {
      qualification: [
        ...BASE.qualification,
        { id: 'Q3', text: '投标人须具有有效的医疗器械经营许可证或备案凭证' },
      ],
      substantive: [{ id: 'S1', text: '★所投设备须具有有效的医疗器械注册证' }],
      specifications: [
        { id: 'T1', text: '配置凸阵、线阵、相控阵及腔内探头，支持弹性成像' },
        { id: 'T2', text: '主机显示器不小于 21.5 英寸，图像存储容量不小于 1TB' },
      ],
      scoring: [
        {
          id: 'P1',
          factor: '技术参数响应',
          text: '完全满足技术参数得 40 分，每有一项一般参数负偏离扣 2 分，扣完为止',
          weightBp: 4000,
        },
        {
          id: 'P2',
          factor: '培训与售后',
          text: '提供临床应用培训不少于 5 日得 10 分；保修期每延长一年得 5 分，最多 10 分',
          weightBp: 2000,
        },
      ],
      evaluationMethod: 'bestValue',
      priceWeightBp: 4000,
      sme: { mode: 'deduction', smallMicroRateBp: 1000 },
      depositFen: depositOf(ultrasound.amountFen),
      bondBp: 500,
      deliveryPeriod: '合同签订后 45 日内',
      deliveryPlace: '云岭县蒙医中医医院',
      paymentTerms: '安装验收合格后支付 90%，质保期满一年后支付 10%',
    },
    correction: {
      afterWorkingDays: 8,
      content:
        '采购需求技术参数第 T2 项更正为：主机显示器不小于 23.8 英寸，图像存储容量不小于 2TB。投标截止及开标时间相应顺延。',
    },
  });

  // 6. 已终止 with a 终止公告 (87号令 第二十九条).
  const cars = line('cars', unit('交通运输局'), CARS, between(38, 55), '2 辆');
  project({
    key: 'cars',
    target: 'terminated',
    name: `${COUNTY}交通运输局执法执勤用车采购项目`,
    shares: [{ ref: cars.ref, lotNo: null }],
    lots: [
      lot('执法执勤用车', cars.amountFen, {
        quantity: '2 辆',
        description: '国产新能源 SUV，符合党政机关公务用车配备标准',
      }),
    ],
    ago: 21,
    prepDays: 6,
    requirements: {
      qualification: BASE.qualification,
      substantive: [{ id: 'S1', text: '★车辆须列入工业和信息化部《道路机动车辆生产企业及产品公告》' }],
      specifications: [{ id: 'T1', text: '纯电续航里程不低于 400 公里，含执法标识喷涂及警示灯具' }],
      evaluationMethod: 'lowestPrice',
      sme: { mode: 'deduction', smallMicroRateBp: 1000 },
      energySaving: true,
      deliveryPeriod: '合同签订后 30 日内',
    },
    termination: {
      afterWorkingDays: 6,
      reason: '因执法执勤用车编制核定调整，采购人申请终止本项目，预算资金另行安排',
    },
  });

  // 7. 已批准: 竞争性谈判 above the open-tender threshold, approved by the 设区的市 finance bureau.
  const imaging = line('imaging', unit('人民医院'), IMAGING, between(430, 560), '1 套');
  project({
    key: 'imaging',
    target: 'approved',
    name: `${COUNTY}人民医院数字化医学影像设备竞争性谈判采购项目`,
    method: 'negotiation',
    methodReason:
      '技术复杂、性质特殊，不能确定详细规格或者具体要求（政府采购法 第三十条第二项），需与供应商分别谈判确定配置',
    template: 'medicalEquipment',
    shares: [{ ref: imaging.ref, lotNo: null }],
    lots: [
      lot('数字化医学影像设备', imaging.amountFen, {
        ceilingFen: imaging.amountFen,
        quantity: '1 套',
        description: '数字化 X 射线摄影系统及影像归档和通信系统',
      }),
    ],
    ago: 6,
    requirements: {
      qualification: [
        ...BASE.qualification,
        { id: 'Q3', text: '投标人须具有有效的医疗器械经营许可证或备案凭证' },
      ],
      substantive: [{ id: 'S1', text: '★所投设备须具有有效的医疗器械注册证，并提供辐射安全相关证明' }],
      specifications: [{ id: 'T1', text: '平板探测器尺寸不小于 43cm×43cm，影像归档系统与医院信息系统对接' }],
      evaluationMethod: 'lowestPrice',
      sme: { mode: 'none' },
      deliveryPeriod: '合同签订后 60 日内',
      deliveryPlace: '云岭县人民医院',
    },
    approval: {
      reference: `赤财采〔${year}〕${g.int(20, 60)}号`,
      authority: '赤峰市财政局',
      note: '同意采用竞争性谈判方式采购',
    },
  });

  // 8. 已检查: a services open tender checked and waiting to be published.
  const guards = line('guards', unit('城市管理综合执法局'), GUARDS, between(45, 60), null);
  project({
    key: 'guards',
    target: 'linted',
    name: `${COUNTY}城市管理综合执法局保安服务项目`,
    category: 'services',
    template: 'communityServices',
    shares: [{ ref: guards.ref, lotNo: null }],
    lots: [lot('保安服务', guards.amountFen, { quantity: '1 年' })],
    ago: 2,
    requirements: {
      qualification: [...BASE.qualification, { id: 'Q3', text: '投标人须具有公安机关核发的保安服务许可证' }],
      substantive: [{ id: 'S1', text: '★服务期一年，派驻保安员不少于 12 人，均须持有保安员证' }],
      scoring: [
        {
          id: 'P1',
          factor: '服务方案',
          text: '方案包含巡逻、门岗、应急处置三部分，每部分完整可行得 10 分',
          weightBp: 3000,
        },
        {
          id: 'P2',
          factor: '人员培训',
          text: '有岗前及季度培训计划的得 10 分，仅有岗前培训的得 5 分',
          weightBp: 1000,
        },
      ],
      evaluationMethod: 'bestValue',
      priceWeightBp: 6000,
      sme: { mode: 'reserved' },
      deliveryPeriod: '服务期一年',
    },
  });

  // 9. 草稿 with unresolved findings: the check flags a local-registration and a registered-capital condition.
  const cost = line('cost', unit('住房和城乡建设局'), COST, between(30, 40), null);
  project({
    key: 'cost',
    target: 'draft',
    name: `${COUNTY}住房和城乡建设局工程造价咨询服务项目`,
    category: 'services',
    method: 'consultation',
    methodReason: '服务的数量事先不能确定，不能事先计算出价格总额（财库〔2014〕214号 第三条第四项）',
    template: 'communityServices',
    shares: [{ ref: cost.ref, lotNo: null }],
    lots: [lot('工程造价咨询服务', cost.amountFen, { quantity: '1 年' })],
    ago: 3,
    requirements: {
      qualification: [
        ...BASE.qualification,
        { id: 'Q3', text: '投标人须为本县注册的企业，并在本县设有常设服务机构' },
        { id: 'Q4', text: '投标人注册资本不低于 300 万元' },
      ],
      substantive: [{ id: 'S1', text: '★服务期一年，按委托逐项出具造价咨询成果文件' }],
      scoring: [
        {
          id: 'P1',
          factor: '服务方案',
          text: '方案包含工作流程、质量控制、进度保证三部分，每部分完整可行得 15 分',
          weightBp: 4500,
        },
        {
          id: 'P2',
          factor: '项目人员',
          text: '项目负责人具有一级造价工程师注册证书得 25 分',
          weightBp: 2500,
        },
      ],
      evaluationMethod: 'bestValue',
      priceWeightBp: 3000,
      sme: { mode: 'reserved' },
    },
  });

  // 10. 草稿 just drawn up, not yet checked.
  const audit = line('audit', unit('财政局'), AUDIT, between(31, 38), null);
  project({
    key: 'audit',
    target: 'draft',
    name: `${COUNTY}财政局${year}年度财政专项资金绩效审计服务项目`,
    category: 'services',
    method: 'consultation',
    methodReason: '服务的数量事先不能确定，不能事先计算出价格总额（财库〔2014〕214号 第三条第四项）',
    template: 'communityServices',
    shares: [{ ref: audit.ref, lotNo: null }],
    lots: [lot('财政专项资金绩效审计服务', audit.amountFen)],
    ago: 1,
    requirements: {
      qualification: [...BASE.qualification, { id: 'Q3', text: '投标人须为依法设立的会计师事务所' }],
      evaluationMethod: 'bestValue',
      priceWeightBp: 3000,
    },
  });

  // 11–13. 校安工程: 27 schools in three batches (公开招标 published, 公开招标 checked, 磋商 draft).
  const schoolLots = SCHOOLS.map((school) => {
    const [work, description] = g.pick(SCHOOL_WORKS);
    return lot(`${school}${work}工程`, between(24, 78), { description });
  });
  const batches = [
    { key: 'school-1', target: 'published' as const, lots: schoolLots.slice(0, 15), ago: 10 },
    { key: 'school-2', target: 'linted' as const, lots: schoolLots.slice(15, 23), ago: 4 },
    { key: 'school-3', target: 'draft' as const, lots: schoolLots.slice(23), ago: 1 },
  ];
  batches.forEach((b, i) => {
    const total = sumOf(b.lots);
    const l = line(`school-${i + 1}`, unit('教育局'), SCHOOL, total, `${b.lots.length} 所学校`);
    const tender = b.key !== 'school-3';
    project({
      key: b.key,
      target: b.target,
      name: `${COUNTY}${year}年中小学校舍安全工程（第${'一二三'[i] ?? ''}批）`,
      category: 'works',
      method: tender ? 'openTender' : 'consultation',
      methodReason: tender ? null : '不属于依法必须进行招标的工程建设项目（政府采购法实施条例 第二十五条）',
      template: 'works',
      programme: 'schoolSafety',
      shares: [{ ref: l.ref, lotNo: null }],
      lots: b.lots,
      ago: b.ago,
      prepDays: 12,
      requirements: {
        qualification: [
          ...BASE.qualification,
          { id: 'Q3', text: '投标人须具有建筑工程施工总承包三级及以上资质，并具有有效的安全生产许可证' },
          {
            id: 'Q4',
            text: '拟派项目经理须具有建筑工程专业二级及以上注册建造师执业资格，且未担任其他在建工程项目经理',
          },
        ],
        substantive: [
          { id: 'S1', text: '★施工须安排在假期进行，工期不超过 60 日历天' },
          { id: 'S2', text: '★工程质量达到合格标准，施工期间不得影响学校正常教学秩序' },
        ],
        specifications: [{ id: 'T1', text: '按施工图纸及工程量清单施工，材料须符合国家现行质量标准' }],
        evaluationMethod: 'lowestPrice',
        sme: { mode: 'deduction', smallMicroRateBp: 300 },
        depositFen: depositOf(total),
        bondBp: 1000,
        deliveryPeriod: '60 日历天',
        deliveryPlace: '各学校校内',
        paymentTerms: '按工程进度支付，竣工验收合格后付至 97%，余款缺陷责任期满后支付',
      },
      openingPlace: `${COUNTY}公共资源交易中心开标二室`,
    });
  });

  // 14–15. 一事一议: village roads by 竞争性磋商 (below the works tender figure).
  const roads = [
    {
      key: 'road-1',
      target: 'published' as const,
      v: ['杏山镇', '杏山村'] as const,
      km: g.int(18, 32) / 10,
      ago: 5,
    },
    {
      key: 'road-2',
      target: 'linted' as const,
      v: ['哈达乡', '哈达营子村'] as const,
      km: g.int(12, 25) / 10,
      ago: 2,
    },
  ];
  roads.forEach((r, i) => {
    const [township, village] = r.v;
    const l = line(
      `road-${i + 1}`,
      villageOf(township, village),
      ROAD,
      wan(Math.round(r.km * 52 * 10) / 10),
      `${r.km} 公里`,
    );
    project({
      key: r.key,
      target: r.target,
      name: `${COUNTY}${township}${village}通组道路硬化工程`,
      category: 'works',
      method: 'consultation',
      methodReason:
        '不属于依法必须进行招标的工程建设项目（政府采购法实施条例 第二十五条；财库〔2014〕214号 第三条第五项）',
      template: 'works',
      programme: 'caseByCase',
      shares: [{ ref: l.ref, lotNo: null }],
      lots: [
        lot(`${village}通组道路硬化`, l.amountFen, {
          quantity: `${r.km} 公里`,
          description: '路面宽 4.5 米，C30 水泥混凝土面层厚 20 厘米',
        }),
      ],
      ago: r.ago,
      prepDays: 8,
      openingPlace: `${COUNTY}政府采购中心磋商室`,
      requirements: {
        qualification: [
          ...BASE.qualification,
          { id: 'Q3', text: '投标人须具有公路工程施工总承包三级及以上资质，并具有有效的安全生产许可证' },
        ],
        substantive: [{ id: 'S1', text: '★工期不超过 45 日历天，工程质量达到合格标准' }],
        scoring: [
          {
            id: 'P1',
            factor: '施工组织设计',
            text: '包含施工方案、进度计划、质量和安全措施四部分，每部分完整可行得 10 分',
            weightBp: 4000,
          },
          {
            id: 'P2',
            factor: '项目管理机构',
            text: '项目经理具有公路工程专业注册建造师证书得 30 分',
            weightBp: 3000,
          },
        ],
        evaluationMethod: 'bestValue',
        priceWeightBp: 3000,
        sme: { mode: 'reserved' },
        deliveryPeriod: '45 日历天',
        deliveryPlace: `${township}${village}`,
      },
    });
  });

  // Open lines of the same 品目 across units, for the bundle suggestions (GET /api/bundle-suggestions).
  for (const [i, name] of ['公安局', '民政局', '林业和草原局', '水利局'].entries()) {
    line(`open-copier-${i + 1}`, unit(name), COPIERS, between(5, 12), `${g.int(3, 8)} 台`);
  }
  for (const [i, name] of ['农牧局', '自然资源局', '疾病预防控制中心'].entries()) {
    line(`open-desktop-${i + 1}`, unit(name), DESKTOPS, between(12, 30), `${g.int(20, 60)} 台`);
  }

  // 16–18. Published about four weeks before the seed day, so their deadlines have passed: bidding.ts takes
  // bids on them and opens them at the deadline — one with an unopened lot, one opened, one failed (废标).
  // (Drawn last, so the projects above keep the values they always had.)
  const NETWORK = ['A02010200', '网络设备', 'goods', '信息化建设'] as [string, string, Category, string];
  const officePcs = line('office-pcs', unit('教育局'), DESKTOPS, between(42, 68), `${g.int(8, 14) * 10} 台`);
  const officeCopiers = line('office-copiers', unit('教育局'), COPIERS, between(9, 16), `${g.int(6, 12)} 台`);
  const network = line('network', unit('卫生健康委员会'), NETWORK, between(55, 85), '1 批');
  const clinicPcs = line(
    'clinic-pcs',
    unit('妇幼保健院'),
    DESKTOPS,
    between(28, 40),
    `${g.int(5, 8) * 10} 台`,
  );
  const pcSpec = {
    id: 'T1',
    text: '台式计算机：处理器不低于 8 核，内存不低于 16GB，固态硬盘不低于 512GB，23.8 英寸显示器',
  };
  const goodsTender = (o: {
    substantive: string;
    specifications: { id: string; text: string; lotNo?: number }[];
    deposit: bigint;
    deliveryPlace: string;
  }): RequirementsInput => ({
    qualification: BASE.qualification,
    substantive: [{ id: 'S1', text: o.substantive }],
    specifications: o.specifications,
    evaluationMethod: 'lowestPrice',
    sme: { mode: 'deduction', smallMicroRateBp: 1000 },
    energySaving: true,
    depositFen: depositOf(o.deposit),
    deliveryPeriod: '合同签订后 20 日内',
    deliveryPlace: o.deliveryPlace,
    paymentTerms: '验收合格后 30 日内一次性支付',
  });
  project({
    key: 'office',
    target: 'published',
    name: `${COUNTY}教育局办公设备采购项目`,
    shares: [
      { ref: officePcs.ref, lotNo: null },
      { ref: officeCopiers.ref, lotNo: null },
    ],
    lots: [
      lot('台式计算机', officePcs.amountFen, {
        ceilingFen: officePcs.amountFen,
        quantity: officePcs.quantity,
      }),
      lot('复印机', officeCopiers.amountFen, {
        ceilingFen: officeCopiers.amountFen,
        quantity: officeCopiers.quantity,
        description: 'A3 黑白数码复合机，含输稿器及工作台',
      }),
    ],
    ago: 28,
    prepDays: 7,
    requirements: goodsTender({
      substantive: '★所投产品须为全新、未使用的合格产品，整机保修三年',
      specifications: [
        { ...pcSpec, lotNo: 1 },
        { id: 'T2', text: '复印机：复印速度不低于 35 页/分钟，支持双面自动复印和网络打印、扫描', lotNo: 2 },
      ],
      deposit: officePcs.amountFen + officeCopiers.amountFen,
      deliveryPlace: '云岭县教育局及所属学校',
    }),
  });
  project({
    key: 'network',
    target: 'published',
    name: `${COUNTY}卫生健康委员会全民健康信息平台网络设备采购项目`,
    shares: [{ ref: network.ref, lotNo: null }],
    lots: [
      lot('网络及安全设备', network.amountFen, {
        ceilingFen: network.amountFen,
        quantity: '1 批',
        description: '核心交换机、汇聚交换机、下一代防火墙及上网行为管理设备',
      }),
    ],
    ago: 27,
    prepDays: 8,
    requirements: goodsTender({
      substantive: '★所投设备须为全新、未使用的合格产品，提供原厂三年质保及软件特征库升级服务',
      specifications: [
        { id: 'T1', text: '核心交换机：交换容量不低于 4.8Tbps，支持虚拟化堆叠，双电源冗余' },
        { id: 'T2', text: '下一代防火墙：吞吐量不低于 10Gbps，含入侵防御和防病毒模块' },
      ],
      deposit: network.amountFen,
      deliveryPlace: '云岭县卫生健康委员会机房',
    }),
  });
  project({
    key: 'clinic-pcs',
    target: 'published',
    name: `${COUNTY}妇幼保健院台式计算机采购项目`,
    shares: [{ ref: clinicPcs.ref, lotNo: null }],
    lots: [
      lot('台式计算机', clinicPcs.amountFen, {
        ceilingFen: clinicPcs.amountFen,
        quantity: clinicPcs.quantity,
      }),
    ],
    ago: 25,
    prepDays: 6,
    requirements: goodsTender({
      substantive: '★所投产品须为全新、未使用的合格产品，整机保修三年',
      specifications: [pcSpec],
      deposit: clinicPcs.amountFen,
      deliveryPlace: '云岭县妇幼保健院',
    }),
  });

  const programmes: DemoProgrammeSpec[] = [
    {
      kind: 'schoolSafety',
      name: `${COUNTY}${year}年中小学校舍安全工程`,
      description: `全县 ${SCHOOLS.length} 所中小学、幼儿园校舍抗震加固及维修改造，分批组织采购`,
    },
    {
      kind: 'caseByCase',
      name: `${COUNTY}${year}年村级公益事业一事一议财政奖补项目`,
      description: '村内通组道路硬化等村级公益事业建设，由村民委员会作为采购人',
    },
  ];
  return { year, lines, programmes, projects };
}

/** The accepted plan lines the demo's projects are made from, dated around `today`. */
export function tenderingPlanLines(seed: string, today: string): DemoPlanLine[] {
  const t = demoTendering(seed, today);
  const g = new Gen(seededRng(`${seed}:tendering-plan`));
  // The open lines are planned for the same month, so the suggestion window joins them.
  const ahead = addDays(today, 45);
  const openMonth = Number(ahead.slice(0, 4)) === t.year ? Number(ahead.slice(5, 7)) : 12;
  return t.lines.map((l) => {
    const publishedOn = addDays(today, -g.int(75, 100));
    const expectedStartOn = addDays(publishedOn, g.int(30, 40));
    const start = Number(expectedStartOn.slice(0, 4)) === t.year ? Number(expectedStartOn.slice(5, 7)) : 1;
    return {
      purchaserName: l.purchaserName,
      year: t.year,
      budgetItem: l.budgetItem,
      itemCode: l.itemCode,
      itemName: l.itemName,
      category: l.category,
      quantity: l.quantity,
      amountFen: l.amountFen,
      plannedMonth: l.ref.startsWith('open-') ? openMonth : start,
      status: 'accepted',
      intention: {
        summary: `${l.purchaserName}采购${l.itemName}，预算 ${yuan(l.amountFen)} 万元`,
        expectedStartOn,
        publishedOn,
      },
      returnNote: null,
      ref: l.ref,
    };
  });
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Timeline                                                                                                     */
/* ------------------------------------------------------------------------------------------------------------ */

export type StepKind =
  | 'programme'
  | 'create'
  | 'lint'
  | 'justify'
  | 'relint'
  | 'approve'
  | 'publish'
  | 'ask'
  | 'answer'
  | 'correct'
  | 'terminate';

export interface Step {
  at: Date;
  kind: StepKind;
  /** Project key, or programme kind. */
  key: string;
  /** For ask/answer: the question's index in the project's list. */
  question?: number;
  publish?: z.input<typeof publishBody>;
  /** For approve: the day on the finance bureau's reply. */
  approvedOn?: string;
}

export interface TenderingTimeline {
  data: DemoTendering;
  steps: Step[];
  /** The state each project reaches: its target, or an earlier one when the calendar cannot yet cover it. */
  reached: Map<string, Target>;
}

const notCovered = (e: unknown): boolean => e instanceof AppError && e.code === 'CALENDAR_NOT_COVERED';

/** The value, or null when the legal calendar does not cover the days it needs. */
function covered<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    if (notCovered(e)) return null;
    throw e;
  }
}

/** The last working day on or before `day` (throws CALENDAR_NOT_COVERED beyond the calendar). */
function workdayOnOrBefore(day: string): string {
  let d = day;
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/** As workdayOnOrBefore, but weekends only where the calendar stops: for days no period is counted from. */
function officeDayOnOrBefore(day: string): string {
  const exact = covered(() => workdayOnOrBefore(day));
  if (exact) return exact;
  let d = day;
  while ([0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) d = addDays(d, -1);
  return d;
}

const TIMED = (m: DemoProjectSpec['method']): TimedMethod => m;

/** Beijing time on `day`, `minutes` after midnight. */
function dayAt(day: string, minutes: number): Date {
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return new Date(`${day}T${hh}:${mm}:00+08:00`);
}

const MAX_SHIFT_DAYS = 140;

/** The published part of a project's life, or null when the calendar cannot cover it `shift` days earlier. */
function publishedSteps(p: DemoProjectSpec, today: string, shift: number, slot: number): Step[] | null {
  return covered(() => {
    const method = TIMED(p.method);
    const published = workdayOnOrBefore(addDays(today, -(p.ago + shift)));
    const deadline = earliestBidDeadline(method, published);
    const documentsUntil = earliestDocumentsAvailableUntil(method, published) ?? deadline;
    const created = workdayOnOrBefore(addDays(published, -p.prepDays));
    const steps: Step[] = [
      ...draftSteps(p, created, slot),
      {
        at: dayAt(published, 9 * 60 + slot * 4),
        kind: 'publish',
        key: p.key,
        publish: {
          documentsIssuedOn: published,
          documentsAvailableUntil: documentsUntil,
          bidDeadlineAt: `${deadline}T09:30:00+08:00`,
          openingPlace: p.openingPlace,
        },
      },
    ];
    let lastDay = published;
    p.questions.forEach((q, i) => {
      const asked = addWorkingDays(published, 2 + i);
      steps.push({ at: dayAt(asked, 14 * 60 + slot * 3), kind: 'ask', key: p.key, question: i });
      lastDay = asked > lastDay ? asked : lastDay;
      if (q.answer !== null) {
        const answered = addWorkingDays(asked, 1);
        steps.push({ at: dayAt(answered, 15 * 60 + 30 + slot), kind: 'answer', key: p.key, question: i });
        lastDay = answered > lastDay ? answered : lastDay;
      }
    });
    if (p.correction) {
      const on = addWorkingDays(published, p.correction.afterWorkingDays);
      const moved = deadlineAfterCorrection({
        method,
        correctionPublishedOn: on,
        currentDeadline: deadline,
        affectsBids: true,
      });
      // The demo's correction is there to show a moved deadline.
      if (moved <= deadline) return null;
      steps.push({ at: dayAt(on, 16 * 60 + slot), kind: 'correct', key: p.key });
      lastDay = on > lastDay ? on : lastDay;
    }
    if (p.termination) {
      const on = addWorkingDays(published, p.termination.afterWorkingDays);
      steps.push({ at: dayAt(on, 16 * 60 + 30 + slot), kind: 'terminate', key: p.key });
      lastDay = on > lastDay ? on : lastDay;
    }
    // Everything happened before the seed day, and before the response deadline.
    if (lastDay >= today || lastDay >= deadline) return null;
    return steps;
  });
}

/** Drawing up and checking (and approval): the steps before publication, all on the day `created`. */
function draftSteps(p: DemoProjectSpec, created: string, slot: number): Step[] {
  const t = 9 * 60 + 30 + slot * 5;
  const steps: Step[] = [{ at: dayAt(created, t), kind: 'create', key: p.key }];
  const checks = p.target !== 'draft' || p.key === 'cost';
  if (checks) steps.push({ at: dayAt(created, t + 1), kind: 'lint', key: p.key });
  if (p.justification) {
    steps.push({ at: dayAt(created, t + 2), kind: 'justify', key: p.key });
    steps.push({ at: dayAt(created, t + 3), kind: 'relint', key: p.key });
  }
  if (p.approval) {
    // The finance bureau's reply came in a few days before; the agent records it when drawing the project up.
    const approvedOn = officeDayOnOrBefore(addDays(created, -3));
    steps.push({ at: dayAt(created, 15 * 60 + slot), kind: 'approve', key: p.key, approvedOn });
  }
  return steps;
}

function earlierTarget(p: DemoProjectSpec): Target {
  return p.approval ? 'approved' : 'linted';
}

/**
 * Days and times of every step, before `today` (YYYY-MM-DD, the seed day). A published project whose lawful
 * schedule runs past the covered calendar is moved back a week at a time; if that never fits, it stays checked
 * (or approved) instead.
 */
export function tenderingTimeline(seed: string, today: string): TenderingTimeline {
  const data = demoTendering(seed, today);
  const steps: Step[] = [];
  const reached = new Map<string, Target>();
  data.projects.forEach((p, slot) => {
    const publishes = p.target === 'published' || p.target === 'corrected' || p.target === 'terminated';
    if (publishes) {
      for (let shift = 0; shift <= MAX_SHIFT_DAYS; shift += 7) {
        const found = publishedSteps(p, today, shift, slot);
        if (found) {
          steps.push(...found);
          reached.set(p.key, p.target);
          return;
        }
      }
    }
    steps.push(...draftSteps(p, officeDayOnOrBefore(addDays(today, -Math.max(p.ago, 1))), slot));
    reached.set(p.key, publishes ? earlierTarget(p) : p.target);
  });
  for (const prog of data.programmes) {
    const first = steps
      .filter((s) => data.projects.find((p) => p.key === s.key)?.programme === prog.kind)
      .reduce((min, s) => (s.at < min ? s.at : min), new Date(`${today}T00:00:00+08:00`));
    const day = officeDayOnOrBefore(addDays(shanghaiDayOf(first), -7));
    steps.push({ at: dayAt(day, 8 * 60 + 45), kind: 'programme', key: prog.kind });
  }
  // Stable: steps at the same instant keep their order.
  const ordered = steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.at.getTime() - b.s.at.getTime() || a.i - b.i);
  return { data, steps: ordered.map((x) => x.s), reached };
}

function shanghaiDayOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Run                                                                                                          */
/* ------------------------------------------------------------------------------------------------------------ */

export interface TenderingActors {
  agent: UserActor;
  supplier: UserActor;
}

export interface TenderingCounts {
  programmes: number;
  projects: number;
  clarifications: number;
}

/**
 * Drives the tendering use cases step by step inside the seed's transaction (each command's own transaction
 * is a savepoint), with the clock at each step's time.
 */
export async function runTendering(
  tx: Tx,
  timeline: TenderingTimeline,
  actors: TenderingActors,
  lineId: (ref: string) => string,
  onStep: () => void,
  /** Runs whatever else happened before `at` (bids, openings), so the log stays in the order things happened. */
  before: (at: Date) => Promise<void> = async () => {},
): Promise<TenderingCounts> {
  const { data } = timeline;
  const clock = fixedClock(new Date(0));
  const as = (actor: UserActor): RequestContext => ({ actor, requestId: null, clock });
  const agent = as(actors.agent);
  const supplier = as(actors.supplier);
  const templates = await tx.select().from(tenderTemplates);
  const templateId = (kind: TemplateKind): string | null =>
    templates.filter((t) => t.kind === kind).sort((a, b) => b.version - a.version)[0]?.id ?? null;
  const programmeIds = new Map<string, string>();
  const projectIds = new Map<string, string>();
  const questionIds = new Map<string, string>();
  const specOf = (key: string): DemoProjectSpec => {
    const p = data.projects.find((x) => x.key === key);
    if (!p) throw new Error(`demo tendering names an unknown project: ${key}`);
    return p;
  };
  const idOf = (key: string): string => {
    const id = projectIds.get(key);
    if (!id) throw new Error(`demo project ${key} used before it was created`);
    return id;
  };
  let clarifications = 0;

  for (const step of timeline.steps) {
    await before(step.at);
    clock.set(step.at);
    if (step.kind === 'programme') {
      const prog = data.programmes.find((x) => x.kind === step.key);
      if (!prog) throw new Error(`demo programme missing: ${step.key}`);
      const row = await createProgramme(tx, agent, {
        name: prog.name,
        kind: prog.kind,
        year: data.year,
        description: prog.description,
      });
      programmeIds.set(prog.kind, row.id);
      onStep();
      continue;
    }
    const p = specOf(step.key);
    switch (step.kind) {
      case 'create': {
        const body = projectBody.parse({
          name: p.name,
          category: p.category,
          method: p.method,
          methodReason: p.methodReason,
          programmeId: p.programme ? (programmeIds.get(p.programme) ?? null) : null,
          templateId: templateId(p.template),
          shares: p.shares.map((s) => ({ planLineId: lineId(s.ref), lotNo: s.lotNo })),
          lots: p.lots.map((l) => ({
            name: l.name,
            budgetFen: l.budgetFen.toString(),
            ceilingFen: l.ceilingFen?.toString() ?? null,
            quantity: l.quantity,
            description: l.description,
          })),
          requirements: p.requirements,
        });
        const view = await createProject(tx, agent, body);
        projectIds.set(p.key, view.id);
        break;
      }
      case 'lint':
      case 'relint': {
        const view = await lintProject(tx, agent, idOf(p.key));
        // A project meant to pass whose last check does not: a bug in the data above, named plainly.
        const last = step.kind === 'relint' || !p.justification;
        if (last && p.target !== 'draft' && !view.lint?.clear) {
          const found = [...(view.lint?.findings ?? []), ...(view.lint?.problems ?? [])];
          throw new Error(`demo project ${p.key} fails its check: ${JSON.stringify(found)}`);
        }
        break;
      }
      case 'justify':
        if (!p.justification) throw new Error(`demo project ${p.key} has no justification`);
        await justifyFinding(tx, agent, idOf(p.key), p.justification);
        break;
      case 'approve': {
        if (!p.approval) throw new Error(`demo project ${p.key} has no approval`);
        const approvedOn = step.approvedOn ?? shanghaiDayOf(step.at);
        await recordApproval(tx, agent, idOf(p.key), approvalBody.parse({ ...p.approval, approvedOn }));
        break;
      }
      case 'publish':
        await publishProject(tx, agent, idOf(p.key), publishBody.parse(step.publish));
        break;
      case 'ask': {
        const q = p.questions[step.question ?? 0];
        if (!q) throw new Error(`demo project ${p.key} has no question ${step.question}`);
        const asked = await askQuestion(tx, supplier, idOf(p.key), { question: q.question });
        questionIds.set(`${p.key}:${step.question}`, asked.id);
        clarifications++;
        break;
      }
      case 'answer': {
        const q = p.questions[step.question ?? 0];
        const qid = questionIds.get(`${p.key}:${step.question}`);
        if (!q?.answer || !qid) throw new Error(`demo project ${p.key} answers an unasked question`);
        await answerQuestion(tx, agent, idOf(p.key), qid, { answer: q.answer });
        break;
      }
      case 'correct':
        if (!p.correction) throw new Error(`demo project ${p.key} has no correction`);
        await correctProject(
          tx,
          agent,
          idOf(p.key),
          correctionBody.parse({ content: p.correction.content, affectsBids: true }),
        );
        break;
      case 'terminate':
        if (!p.termination) throw new Error(`demo project ${p.key} has no termination`);
        await terminateProject(tx, agent, idOf(p.key), { reason: p.termination.reason });
        break;
    }
    onStep();
  }
  return { programmes: programmeIds.size, projects: projectIds.size, clarifications };
}

/** A user row as the actor a signed-in session would carry. */
export function actorOf(row: {
  id: string;
  username: string;
  displayName: string;
  role: string;
  purchaserId: string | null;
  supplierId: string | null;
  expertId: string | null;
}): UserActor {
  const role = row.role === 'supplier' ? 'supplier' : row.role === 'agent' ? 'agent' : null;
  if (!role) throw new Error(`demo tendering acts only as the agent or a supplier, not ${row.role}`);
  return {
    kind: 'user',
    role,
    userId: row.id,
    username: row.username,
    displayName: row.displayName,
    purchaserId: row.purchaserId,
    supplierId: row.supplierId,
    expertId: row.expertId,
    sessionId: null,
  };
}
