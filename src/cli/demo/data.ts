/**
 * The demo centre: a fictional county procurement centre with its purchasers, suppliers, expert pool and one
 * account per role. Pure and deterministic — the same seed gives the same data on every machine, so a bug
 * report against the demo can name 云岭县第一中学 or an expert and everyone finds the same record.
 *
 * 云岭县 does not exist. Its division code 150439 is well formed (内蒙古 15, 赤峰市 04, county 39) but is
 * assigned to no real county, which also keeps the generated ID numbers from belonging to real people. Names of
 * firms and people are invented; any resemblance is coincidence.
 */
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '../../modules/orgs/rules.ts';
import type { PurchaserLevel, SupplierSize } from '../../modules/orgs/rules.ts';
import type { Role } from '../../platform/auth/actor.ts';
import { seededRng, type Rng } from '../../platform/rng.ts';
import { idNumberCheckChar } from './id-number.ts';

export const DEMO_SEED = 'zhengcai-demo';
export const DEMO_PASSWORD = 'Zhengcai@2026';

/** Lists of names are written as space-separated words; this splits them. */
function words(text: string): readonly string[] {
  return text.split(/\s+/).filter((w) => w.length > 0);
}

const COUNTY = '云岭县';
const DIVISION = '150439';
const FINANCE_BUREAU = `${COUNTY}财政局`;
/** Birth dates and years of service are reckoned against this year, not the clock, to stay deterministic. */
const REFERENCE_YEAR = 2026;

export interface DemoCentre {
  name: string;
  regionCode: string;
  regionName: string;
  address: string;
  phone: string;
}

export interface DemoPurchaser {
  name: string;
  level: PurchaserLevel;
  /** Villages name their township; the seed resolves it to parentId. */
  parentName: string | null;
  regionCode: string;
  creditCode: string | null;
  financeUnit: string;
  contactName: string;
  contactPhone: string;
  address: string;
}

export type DemoSupplierStatus = 'pending' | 'approved' | 'rejected';

export interface DemoSupplier {
  name: string;
  creditCode: string;
  legalRepresentative: string;
  size: SupplierSize;
  regionCode: string;
  address: string;
  contactName: string;
  contactPhone: string;
  businessScope: string;
  status: DemoSupplierStatus;
  reviewNote: string | null;
}

export interface DemoSpecialty {
  code: string;
  name: string;
  parentCode: string | null;
}

export type DemoTitleLevel = 'senior' | 'intermediate';
export type DemoExpertStatus = 'active' | 'suspended';

export interface DemoExpert {
  name: string;
  idNumber: string;
  phone: string;
  titleLevel: DemoTitleLevel;
  titleName: string;
  years: number;
  employer: string;
  regionCode: string;
  status: DemoExpertStatus;
  /** Leaf codes of the specialty tree, 1–3 of them. */
  specialtyCodes: string[];
}

export type DemoBinding =
  { kind: 'purchaser'; name: string } | { kind: 'supplier'; name: string } | { kind: 'expert'; name: string };

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  /** Whom the account works for, in words, for the README and the login page's demo hint. */
  org: string;
  /** The record users.purchaserId / supplierId / expertId points at, named by its unique demo name. */
  binding: DemoBinding | null;
}

/** Dated history rows name their expert by its unique demo name, like accounts do. */
export interface DemoEmployment {
  expertName: string;
  employer: string;
  startedOn: string;
  endedOn: string | null;
}
export interface DemoLeave {
  expertName: string;
  startsOn: string;
  endsOn: string;
  reason: string;
}
export interface DemoExpertReview {
  expertName: string;
  projectRef: string;
  specialtyCode: string;
  reviewedOn: string;
  rating: number | null;
}
export interface DemoExpertHistory {
  employments: DemoEmployment[];
  leaves: DemoLeave[];
  reviews: DemoExpertReview[];
}

export interface DemoData {
  centre: DemoCentre;
  specialties: DemoSpecialty[];
  purchasers: DemoPurchaser[];
  suppliers: DemoSupplier[];
  experts: DemoExpert[];
  /** Employments, leaves and a year of reviews, dated back from the day the demo is loaded. */
  expertHistory: DemoExpertHistory;
  accounts: readonly DemoAccount[];
}

const CENTRE: DemoCentre = {
  name: `${COUNTY}政府采购中心`,
  regionCode: DIVISION,
  regionName: `内蒙古自治区赤峰市${COUNTY}`,
  address: `${COUNTY}兴隆大街16号政务服务中心四楼`,
  phone: '0476-7521606',
};

const EDUCATION_BUREAU = `${COUNTY}教育局`;
const DEMO_SUPPLIER = `${COUNTY}联创电脑科技有限公司`;
const DEMO_EXPERT = '高志远';
const HOUSING_BUREAU = `${COUNTY}住房和城乡建设局`;

/**
 * One account per role. A constant rather than part of the generated data, so the README and the browser
 * tests can name them without running the generator; the bound records are hand-written and exist for any seed.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', role: 'admin', displayName: '系统管理员', org: CENTRE.name, binding: null },
  { username: 'jingban', role: 'agent', displayName: '刘婷', org: `${CENTRE.name}采购业务股`, binding: null },
  {
    username: 'jingban2',
    role: 'agent',
    displayName: '王海军',
    org: `${CENTRE.name}采购业务股`,
    binding: null,
  },
  { username: 'zhuren', role: 'director', displayName: '赵志刚', org: CENTRE.name, binding: null },
  {
    username: 'caigouren',
    role: 'purchaser',
    displayName: '李秀梅',
    org: EDUCATION_BUREAU,
    binding: { kind: 'purchaser', name: EDUCATION_BUREAU },
  },
  {
    username: 'gongyingshang',
    role: 'supplier',
    displayName: '陈俊峰',
    org: DEMO_SUPPLIER,
    binding: { kind: 'supplier', name: DEMO_SUPPLIER },
  },
  {
    username: 'zhuanjia',
    role: 'expert',
    displayName: DEMO_EXPERT,
    org: `${HOUSING_BUREAU}（高级工程师）`,
    binding: { kind: 'expert', name: DEMO_EXPERT },
  },
  {
    username: 'caizheng',
    role: 'financeSupervisor',
    displayName: '孙立新',
    org: `${FINANCE_BUREAU}政府采购监督管理股`,
    binding: null,
  },
  {
    username: 'jijian',
    role: 'disciplineSupervisor',
    displayName: '周文静',
    org: `${COUNTY}纪委监委派驻第三纪检监察组`,
    binding: null,
  },
];

/* ------------------------------------------------------------------------------------------------------------ */
/* Reference lists                                                                                              */
/* ------------------------------------------------------------------------------------------------------------ */

/**
 * A trimmed 政府采购品目-style tree; leaves are what experts declare and what draws filter on. The code carries
 * the hierarchy: a letter for the category, two digits per level below it.
 */
const SPECIALTY_TREE: readonly (readonly [code: string, name: string])[] = [
  ['A', '货物'],
  ['A02', '信息技术设备'],
  ['A0201', '计算机设备'],
  ['A0202', '网络与安全设备'],
  ['A0203', '办公设备'],
  ['A03', '医疗设备'],
  ['A0301', '医学影像设备'],
  ['A0302', '临床检验设备'],
  ['A0303', '手术急救设备'],
  ['A04', '教学设备及家具'],
  ['A0401', '教学仪器'],
  ['A0402', '多媒体教学设备'],
  ['A0403', '课桌椅及办公家具'],
  ['B', '工程'],
  ['B01', '房屋建筑'],
  ['B0101', '房屋建筑施工'],
  ['B0102', '装饰装修'],
  ['B02', '市政工程'],
  ['B0201', '道路桥梁'],
  ['B0202', '给水排水'],
  ['B03', '水利工程'],
  ['B0301', '农田水利与节水灌溉'],
  ['B0302', '河道与小流域治理'],
  ['B04', '生态建设工程'],
  ['B0401', '造林绿化'],
  ['B0402', '防沙治沙'],
  ['B05', '工程造价'],
  ['B0501', '土建工程造价'],
  ['B0502', '安装工程造价'],
  ['C', '服务'],
  ['C01', '信息技术服务'],
  ['C0101', '软件开发'],
  ['C0102', '运行维护'],
  ['C03', '工程咨询'],
  ['C0301', '工程监理'],
  ['C0302', '勘察设计'],
  ['C05', '财务审计'],
  ['C0501', '会计审计'],
  ['C0502', '资产评估'],
  ['C08', '物业管理'],
  ['C0801', '物业服务'],
  ['C0802', '保洁服务'],
];

/** 机关 carry credit-code type '11', 事业单位 '12' (机构编制 registers both). */
const COUNTY_UNITS: readonly (readonly [string, '11' | '12'])[] = [
  ['教育局', '11'],
  ['卫生健康委员会', '11'],
  ['公安局', '11'],
  ['人民医院', '12'],
  ['第一中学', '12'],
  ['自然资源局', '11'],
  ['交通运输局', '11'],
  ['农牧局', '11'],
  ['水利局', '11'],
  ['住房和城乡建设局', '11'],
  ['财政局', '11'],
  ['林业和草原局', '11'],
  ['民政局', '11'],
  ['文化和旅游局', '11'],
  ['蒙医中医医院', '12'],
  ['妇幼保健院', '12'],
  ['第二中学', '12'],
  ['实验小学', '12'],
  ['职业教育中心', '12'],
  ['城市管理综合执法局', '11'],
  ['疾病预防控制中心', '12'],
  ['人民政府办公室', '11'],
];

const TOWNSHIPS = words('云岭镇 杏山镇 柳河镇 金沟镇 双井乡 哈达乡 白塔子乡 五道沟乡');

const VILLAGES: readonly (readonly [township: string, village: string])[] = [
  ['云岭镇', '东关村'],
  ['云岭镇', '西沟村'],
  ['杏山镇', '杏山村'],
  ['杏山镇', '后营子村'],
  ['柳河镇', '柳河村'],
  ['金沟镇', '金沟村'],
  ['金沟镇', '三家村'],
  ['双井乡', '双井村'],
  ['哈达乡', '哈达营子村'],
  ['五道沟乡', '头道沟村'],
];

/** Registration places outside the county, as 6-digit division codes with the address prefix that goes with them. */
const PLACES = {
  local: { code: DIVISION, prefix: COUNTY },
  chifeng: { code: '150402', prefix: '赤峰市红山区' },
  huhhot: { code: '150102', prefix: '呼和浩特市新城区' },
  saihan: { code: '150105', prefix: '呼和浩特市赛罕区' },
  beijing: { code: '110108', prefix: '北京市海淀区' },
  hengshui: { code: '131102', prefix: '衡水市桃城区' },
} as const;
type Place = keyof typeof PLACES;

/** 工商 registers enterprises ('91'), 个体工商户 ('92') and 农民专业合作社 ('93'); 司法行政 registers law firms ('31'). */
type SupplierKind = '91' | '92' | '93' | '31';

interface SupplierSpec {
  name: string;
  kind: SupplierKind;
  place: Place;
  size: SupplierSize;
  scope: string;
}

const s = (
  name: string,
  place: Place,
  size: SupplierSize,
  scope: string,
  kind: SupplierKind = '91',
): SupplierSpec => ({
  name,
  kind,
  place,
  size,
  scope,
});

const SUPPLIERS: readonly SupplierSpec[] = [
  // Goods: information technology and office equipment
  s(DEMO_SUPPLIER, 'local', 'small', '计算机及外围设备、网络设备、办公设备销售及维修'),
  s('内蒙古云图信息技术有限公司', 'huhhot', 'medium', '信息系统集成、软件开发、计算机及网络设备销售'),
  s('赤峰市启明办公设备有限公司', 'chifeng', 'small', '复印机、打印机、多功能一体机销售及维修'),
  s(`${COUNTY}华信网络工程有限公司`, 'local', 'micro', '综合布线、安防监控系统安装、网络设备销售'),
  s('内蒙古拓维数码科技有限公司', 'saihan', 'small', '数码产品、多媒体教学设备、交互式电子白板销售及安装'),
  s(`${COUNTY}博文文化用品有限公司`, 'local', 'micro', '办公用品、文化用品、纸张耗材销售'),
  s('赤峰市鼎新电子科技有限公司', 'chifeng', 'small', '电子产品、监控设备、LED 显示屏销售与安装'),
  s(`${COUNTY}晨光办公用品商店`, 'local', 'micro', '办公用品、日用百货零售', '92'),
  // Goods: medical
  s('赤峰市康泰医疗器械有限公司', 'chifeng', 'small', '第二类、第三类医疗器械批发零售'),
  s('内蒙古仁和医疗设备有限公司', 'huhhot', 'medium', '医学影像设备、检验设备销售及技术服务'),
  s(`${COUNTY}济民医药有限责任公司`, 'local', 'small', '药品、医疗器械、卫生材料批发零售'),
  s('内蒙古蒙康医疗科技有限公司', 'saihan', 'small', '医疗器械销售、维修及租赁'),
  s('赤峰市安诺医用设备有限公司', 'chifeng', 'micro', '手术室设备、急救设备、医用耗材销售'),
  s('北京华医联创医疗器械有限公司', 'beijing', 'large', '医疗器械生产、销售及技术开发'),
  // Goods: teaching equipment and furniture
  s(`${COUNTY}宏达家具有限公司`, 'local', 'small', '办公家具、学生课桌椅、公寓床生产与销售'),
  s('内蒙古育才教学设备有限公司', 'huhhot', 'medium', '教学仪器、实验室设备、功能教室整体建设'),
  s('赤峰市金桥文体用品有限公司', 'chifeng', 'micro', '体育器材、文化用品、音乐器材销售'),
  s(`${COUNTY}鑫源木业有限公司`, 'local', 'micro', '木制品加工、木质家具制造与销售'),
  s('河北冠华教学仪器制造有限公司', 'hengshui', 'medium', '教学仪器、实验室设备制造与销售'),
  // Goods: other
  s(`${COUNTY}丰收农机有限公司`, 'local', 'micro', '农牧业机械及配件销售、维修'),
  s(`${COUNTY}通达汽车销售服务有限公司`, 'local', 'small', '汽车销售、维修保养及配件'),
  s('赤峰市蓝天消防器材有限公司', 'chifeng', 'micro', '消防器材销售、消防设施维护保养'),
  s(`${COUNTY}康洁商贸有限公司`, 'local', 'micro', '劳保用品、清洁用品、日用百货批发零售'),
  // Works
  s(`${COUNTY}第一建筑工程有限公司`, 'local', 'medium', '房屋建筑工程施工总承包二级、市政公用工程施工'),
  s(`${COUNTY}宏基建筑安装有限责任公司`, 'local', 'small', '房屋建筑工程、水暖电安装工程施工'),
  s('赤峰市建兴路桥工程有限公司', 'chifeng', 'medium', '公路工程施工总承包、桥梁工程专业承包'),
  s('内蒙古兴安水利水电工程有限公司', 'huhhot', 'medium', '水利水电工程施工总承包、河湖整治'),
  s(`${COUNTY}绿源园林绿化工程有限公司`, 'local', 'small', '园林绿化工程施工、苗木种植销售'),
  s(`${COUNTY}金城装饰工程有限公司`, 'local', 'small', '建筑装修装饰工程专业承包'),
  s('内蒙古北辰建设集团有限公司', 'huhhot', 'large', '房屋建筑工程施工总承包一级、市政公用工程施工总承包'),
  s('赤峰市宏远市政工程有限公司', 'chifeng', 'medium', '市政公用工程施工总承包、给排水管网施工'),
  s(`${COUNTY}永丰水利工程有限公司`, 'local', 'small', '农田水利、节水灌溉工程施工'),
  s(`${COUNTY}恒盛建筑工程有限公司`, 'local', 'small', '房屋建筑工程施工、校舍维修加固'),
  s('内蒙古瑞丰生态建设有限公司', 'saihan', 'small', '造林绿化、防沙治沙、水土保持工程施工'),
  s(`${COUNTY}鼎盛土石方工程有限公司`, 'local', 'micro', '土石方工程、场地平整'),
  s(`${COUNTY}长青造林专业合作社`, 'local', 'micro', '造林绿化、苗木培育、退耕还林后期管护', '93'),
  s(`${COUNTY}天成电力安装工程有限公司`, 'local', 'small', '输变电工程、电力设施安装及维护'),
  s('内蒙古中盛建筑工程有限公司', 'saihan', 'medium', '房屋建筑工程、钢结构工程施工'),
  s(`${COUNTY}安达建筑劳务有限公司`, 'local', 'micro', '建筑劳务分包'),
  s(`${COUNTY}宏伟防水保温工程有限公司`, 'local', 'micro', '防水防腐保温工程专业承包'),
  // Services
  s(`${COUNTY}安家物业服务有限公司`, 'local', 'small', '物业管理、保洁、绿化养护、秩序维护'),
  s('赤峰市洁美保洁服务有限公司', 'chifeng', 'small', '保洁服务、外墙清洗、病媒生物防制'),
  s(`${COUNTY}诚信会计师事务所有限责任公司`, 'local', 'micro', '审计、验资、财务咨询'),
  s('赤峰正信会计师事务所（普通合伙）', 'chifeng', 'small', '财务报表审计、工程决算审计、税务咨询'),
  s('内蒙古正衡工程造价咨询有限公司', 'huhhot', 'small', '工程造价咨询、招标代理、全过程造价控制'),
  s('赤峰市建科工程监理有限责任公司', 'chifeng', 'small', '房屋建筑工程监理、市政公用工程监理'),
  s('内蒙古天弘工程设计有限公司', 'huhhot', 'medium', '建筑工程设计、市政工程设计、工程勘察'),
  s(`${COUNTY}宏安保安服务有限公司`, 'local', 'small', '门卫、巡逻、守护保安服务'),
  s(`${COUNTY}顺达汽车修理有限公司`, 'local', 'micro', '机动车维修、公务车辆定点维修保养'),
  s(`${COUNTY}金穗餐饮管理有限公司`, 'local', 'micro', '食堂承包经营、餐饮管理服务'),
  s(`内蒙古${COUNTY}律师事务所`, 'local', 'micro', '法律顾问、诉讼代理、合同审查', '31'),
  s(`${COUNTY}畅通印刷有限公司`, 'local', 'micro', '包装装潢印刷、其他印刷品印刷'),
  s('赤峰市卓越资产评估有限公司', 'chifeng', 'micro', '资产评估、土地估价'),
  s('内蒙古绿洲环境检测有限公司', 'saihan', 'small', '环境监测、室内空气检测、水质检测'),
  s(`${COUNTY}惠民劳务派遣有限公司`, 'local', 'micro', '劳务派遣、人力资源服务'),
  s('内蒙古北方测绘地理信息有限公司', 'huhhot', 'medium', '工程测量、不动产测绘、地理信息系统'),
  s(`${COUNTY}快捷物流配送有限公司`, 'local', 'micro', '普通货物运输、仓储、配送服务'),
  s(`${COUNTY}绿洁环卫服务有限公司`, 'local', 'small', '城乡环卫保洁、垃圾清运、公厕管理'),
  s('赤峰市智联安防科技有限公司', 'chifeng', 'small', '安防系统集成、平安校园建设'),
  s(`${COUNTY}兴农农资有限责任公司`, 'local', 'micro', '化肥、种子、地膜等农资销售'),
];

const PENDING_SUPPLIERS = 6;
const REJECTION_NOTES: readonly string[] = [
  '上传的营业执照已过有效期，请更新证照后重新提交。',
  '法定代表人身份证明与营业执照登记信息不一致，请核实后重新提交。',
];

interface ExpertProfile {
  count: number;
  /** Percentage of senior titles; the rest are intermediate and must have at least 8 years in the field. */
  seniorPercent: number;
  senior: readonly string[];
  intermediate: readonly string[];
  leaves: readonly string[];
  /**
   * Where such experts work. Names of demo purchasers and suppliers are spelled exactly, so that recusal has
   * real conflicts to find (an expert cannot evaluate a purchase by, or a bid from, their own employer).
   */
  employers: readonly string[];
}

const EXPERT_PROFILES: readonly ExpertProfile[] = [
  {
    count: 28,
    seniorPercent: 60,
    senior: ['高级工程师', '正高级工程师'],
    intermediate: ['工程师'],
    leaves: ['B0101', 'B0102', 'B0201', 'B0202'],
    employers: [
      HOUSING_BUREAU,
      `${COUNTY}交通运输局`,
      `${COUNTY}第一建筑工程有限公司`,
      '内蒙古北辰建设集团有限公司',
      `${COUNTY}建筑设计院`,
      `${COUNTY}建设工程质量安全监督站`,
      `${COUNTY}住房保障服务中心`,
      `${COUNTY}公路养护中心`,
      '赤峰市建筑工程质量检测中心',
    ],
  },
  {
    count: 15,
    seniorPercent: 55,
    senior: ['高级工程师', '高级经济师'],
    intermediate: ['工程师', '经济师'],
    leaves: ['B0501', 'B0502'],
    employers: [
      '内蒙古正衡工程造价咨询有限公司',
      FINANCE_BUREAU,
      `${COUNTY}财政投资评审中心`,
      `${COUNTY}审计局`,
    ],
  },
  {
    count: 9,
    seniorPercent: 60,
    senior: ['高级工程师'],
    intermediate: ['工程师'],
    leaves: ['C0301', 'C0302'],
    employers: [
      '赤峰市建科工程监理有限责任公司',
      `${COUNTY}建筑设计院`,
      `${COUNTY}建设工程质量安全监督站`,
      '赤峰市城乡规划设计研究院',
    ],
  },
  {
    count: 13,
    seniorPercent: 55,
    senior: ['高级工程师', '正高级工程师'],
    intermediate: ['工程师'],
    leaves: ['B0301', 'B0302'],
    employers: [
      `${COUNTY}水利局`,
      `${COUNTY}水利工程建设管理站`,
      `${COUNTY}水土保持工作站`,
      '内蒙古兴安水利水电工程有限公司',
    ],
  },
  {
    count: 9,
    seniorPercent: 55,
    senior: ['高级工程师', '高级农艺师'],
    intermediate: ['工程师', '农艺师'],
    leaves: ['B0401', 'B0402'],
    employers: [
      `${COUNTY}林业和草原局`,
      `${COUNTY}农牧局`,
      `${COUNTY}林业工作站`,
      '内蒙古瑞丰生态建设有限公司',
    ],
  },
  {
    count: 19,
    seniorPercent: 65,
    senior: ['副主任医师', '主任医师', '副主任技师', '高级工程师'],
    intermediate: ['主治医师', '主管技师'],
    leaves: ['A0301', 'A0302', 'A0303'],
    employers: [
      `${COUNTY}人民医院`,
      `${COUNTY}蒙医中医医院`,
      `${COUNTY}妇幼保健院`,
      `${COUNTY}疾病预防控制中心`,
      `${COUNTY}卫生健康委员会`,
    ],
  },
  {
    count: 19,
    seniorPercent: 55,
    senior: ['高级工程师'],
    intermediate: ['工程师'],
    leaves: ['A0201', 'A0202', 'A0203', 'C0101', 'C0102'],
    employers: [
      `${COUNTY}公安局`,
      `${COUNTY}人民政府办公室`,
      `${COUNTY}融媒体中心`,
      `${COUNTY}大数据中心`,
      `${COUNTY}第一中学`,
      '内蒙古云图信息技术有限公司',
      DEMO_SUPPLIER,
    ],
  },
  {
    count: 15,
    seniorPercent: 60,
    senior: ['高级教师', '正高级教师', '高级实验师'],
    intermediate: ['一级教师', '实验师'],
    leaves: ['A0401', 'A0402', 'A0403'],
    employers: [
      `${COUNTY}第一中学`,
      `${COUNTY}第二中学`,
      `${COUNTY}实验小学`,
      `${COUNTY}职业教育中心`,
      EDUCATION_BUREAU,
    ],
  },
  {
    count: 15,
    seniorPercent: 60,
    senior: ['高级会计师', '高级审计师', '高级经济师'],
    intermediate: ['会计师', '审计师'],
    leaves: ['C0501', 'C0502'],
    employers: [
      `${COUNTY}诚信会计师事务所有限责任公司`,
      FINANCE_BUREAU,
      `${COUNTY}会计核算中心`,
      `${COUNTY}审计局`,
      `${COUNTY}人民医院`,
      `${COUNTY}农村信用合作联社`,
    ],
  },
  {
    count: 8,
    seniorPercent: 50,
    senior: ['高级经济师'],
    intermediate: ['经济师', '工程师'],
    leaves: ['C0801', 'C0802'],
    employers: [
      `${COUNTY}安家物业服务有限公司`,
      `${COUNTY}机关事务服务中心`,
      `${COUNTY}城市管理综合执法局`,
      `${COUNTY}人民医院`,
    ],
  },
];

const SUSPENDED_EXPERTS = 5;

/** Weighted by repetition: the common surnames, plus those frequent in 赤峰 (包, 白, 敖, 鲍). */
const SURNAMES: readonly string[] = [
  ...'王王王李李李张张张刘刘刘陈陈杨杨赵赵黄周吴徐孙马马朱胡郭郭何高高林罗郑梁谢宋唐许韩冯邓曹彭曾于于董白白包包田石任吕苏崔孟姜贾范侯齐鲍敖邢宁',
];
const MALE_GIVEN = words(`
  建国 志强 卫东 永胜 国栋 文军 振华 晓东 俊杰 宏伟 建军 春雷 德胜 长青 玉林 树林
  福祥 广义 金山 庆丰 海涛 立军 占军 景春 志勇 国庆 文斌 瑞峰 明 伟 磊 鹏
  刚 勇 军 涛 斌 超 浩 宇 凯 旭东 学军 永刚
`);
const FEMALE_GIVEN = words(`
  桂英 丽娟 海燕 晓燕 红梅 淑珍 玉兰 春燕 丽华 雪梅 雅琴 晓丽 金凤 秀兰 亚楠 佳怡
  淑芬 凤霞 秀云 立华 艳红 美玲 慧敏 文华 晓红 春梅 玉梅 丽萍 静 敏 婷 娜
  丽 艳 霞 芳 颖 慧 丹 璐 倩 红 英 洁
`);
/** Mongolian names carry no Han surname; a county in 赤峰 has many. */
const MONGOLIAN_MALE = words('巴特尔 额尔敦 那顺 宝音 朝鲁 苏和 阿拉坦 孟和 巴雅尔');
const MONGOLIAN_FEMALE = words('乌日娜 其木格 萨仁 斯琴 娜仁 高娃 托娅 图雅 塔娜');

const STREETS = words(`
  兴隆大街 迎宾路 团结路 文化街 新华路 建设大街 长青路 和平街 振兴路 胜利街
`);

const MOBILE_PREFIXES = words(`
  130 131 132 133 135 136 137 138 139 150 151 152 153 155
  156 157 158 159 177 180 181 183 185 186 187 188 189 199
`);

/* ------------------------------------------------------------------------------------------------------------ */
/* Generator                                                                                                    */
/* ------------------------------------------------------------------------------------------------------------ */

function at<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  if (x === undefined) throw new RangeError(`index ${i} outside a list of ${xs.length}`);
  return x;
}

export class Gen {
  private readonly names = new Set<string>();
  private readonly phones = new Set<string>();
  private readonly codes = new Set<string>();
  private readonly ids = new Set<string>();

  constructor(private readonly rng: Rng) {}

  int(min: number, max: number): number {
    return min + this.rng.int(max - min + 1);
  }
  pick<T>(xs: readonly T[]): T {
    return at(xs, this.rng.int(xs.length));
  }
  chance(percent: number): boolean {
    return this.rng.int(100) < percent;
  }
  /** k distinct elements, in a random order. */
  sample<T>(xs: readonly T[], k: number): T[] {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < k && pool.length > 0) {
      const [x] = pool.splice(this.rng.int(pool.length), 1);
      if (x !== undefined) out.push(x);
    }
    return out;
  }
  chars(alphabet: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[this.rng.int(alphabet.length)] ?? '';
    return out;
  }

  /** Names a person must keep for the whole demo (account holders) are reserved before generation. */
  reserveName(name: string): void {
    this.names.add(name);
  }

  /** One name per fictional person, so the same name never stands for two people in the demo. */
  personName(male: boolean): string {
    for (;;) {
      const name = this.chance(8)
        ? this.pick(male ? MONGOLIAN_MALE : MONGOLIAN_FEMALE)
        : this.pick(SURNAMES) + this.pick(male ? MALE_GIVEN : FEMALE_GIVEN);
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
  }

  mobile(): string {
    for (;;) {
      const phone = this.pick(MOBILE_PREFIXES) + this.chars('0123456789', 8);
      if (!this.phones.has(phone)) {
        this.phones.add(phone);
        return phone;
      }
    }
  }

  address(prefix: string): string {
    return `${prefix}${this.pick(STREETS)}${this.int(1, 188)}号`;
  }

  /**
   * 统一社会信用代码 whose 9-character organisation part is itself valid under GB 11714. Bodies set up since
   * 2015 got 'MA…' organisation codes; older ones kept their 8-digit codes.
   */
  creditCode(prefix: string, division: string, modern: boolean): string {
    for (;;) {
      const body = modern ? `MA${this.chars(CREDIT_CODE_ALPHABET, 6)}` : this.chars('0123456789', 8);
      const first17 = prefix + division + body + orgCodeCheckChar(body);
      const code = first17 + creditCodeCheckChar(first17);
      if (!this.codes.has(code)) {
        this.codes.add(code);
        return code;
      }
    }
  }

  /** Every number carries the fictional county's address code, so none can be a real person's. */
  idNumber(male: boolean, birthYear: number): string {
    for (;;) {
      const month = this.int(1, 12);
      const day = this.int(1, 28);
      // The third sequence digit is odd for men and even for women.
      const sequence =
        this.int(0, 99) * 10 + (male ? this.pick([1, 3, 5, 7, 9]) : this.pick([0, 2, 4, 6, 8]));
      const first17 = `${DIVISION}${birthYear}${pad(month, 2)}${pad(day, 2)}${pad(sequence, 3)}`;
      const id = first17 + idNumberCheckChar(first17);
      if (!this.ids.has(id)) {
        this.ids.add(id);
        return id;
      }
    }
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const ORG_CODE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714-1997 check character of an 8-character organisation code body: 11 − Σ mod 11, 10 → X, 11 → 0. */
export function orgCodeCheckChar(body: string): string {
  if (body.length !== 8) throw new RangeError('组织机构代码本体应为 8 位');
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = ORG_CODE_ALPHABET.indexOf(body[i] ?? '');
    if (v < 0) throw new RangeError(`invalid character at ${i + 1}`);
    sum += v * (ORG_CODE_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function specialties(): DemoSpecialty[] {
  return SPECIALTY_TREE.map(([code, name]) => ({
    code,
    name,
    parentCode: code.length === 1 ? null : code.slice(0, code.length - 2),
  }));
}

function accountNamed(username: string): DemoAccount {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username);
  if (!account) throw new Error(`demo account ${username} missing`);
  return account;
}

function purchasers(g: Gen): DemoPurchaser[] {
  const out: DemoPurchaser[] = [];
  for (const [unit, type] of COUNTY_UNITS) {
    const name = COUNTY + unit;
    const contactName =
      name === EDUCATION_BUREAU ? accountNamed('caigouren').displayName : g.personName(g.chance(50));
    out.push({
      name,
      level: 'county',
      parentName: null,
      regionCode: DIVISION,
      // 机构编制 bodies were all coded before 2015 and kept their numeric organisation codes.
      creditCode: g.creditCode(type, DIVISION, false),
      financeUnit: FINANCE_BUREAU,
      contactName,
      contactPhone: g.mobile(),
      address: g.address(COUNTY),
    });
  }
  for (const township of TOWNSHIPS) {
    out.push({
      name: `${COUNTY}${township}人民政府`,
      level: 'township',
      parentName: null,
      regionCode: DIVISION,
      creditCode: g.creditCode('11', DIVISION, false),
      financeUnit: FINANCE_BUREAU,
      contactName: g.personName(g.chance(60)),
      contactPhone: g.mobile(),
      address: `${COUNTY}${township}政府街${g.int(1, 30)}号`,
    });
  }
  for (const [township, village] of VILLAGES) {
    out.push({
      name: `${COUNTY}${township}${village}村民委员会`,
      level: 'village',
      parentName: `${COUNTY}${township}人民政府`,
      regionCode: DIVISION,
      // 村民委员会 are coded by 民政 as 基层群众性自治组织, a category rules.ts's GB 32100 table does not
      // list; rather than dress them up as another kind of body, the demo leaves the code empty.
      creditCode: null,
      // Village accounts are kept by the township's finance office (村账乡管).
      financeUnit: `${COUNTY}${township}财政所`,
      contactName: g.personName(g.chance(70)),
      contactPhone: g.mobile(),
      address: `${COUNTY}${township}${village}`,
    });
  }
  return out;
}

function suppliers(g: Gen): DemoSupplier[] {
  // Review outcomes fall on random suppliers, except the one the demo supplier account acts for.
  const reviewable = SUPPLIERS.map((spec) => spec.name).filter((name) => name !== DEMO_SUPPLIER);
  const [rejected1, rejected2, ...pendingNames] = g.sample(
    reviewable,
    REJECTION_NOTES.length + PENDING_SUPPLIERS,
  );
  const rejected = [rejected1, rejected2];
  return SUPPLIERS.map((spec): DemoSupplier => {
    const place = PLACES[spec.place];
    const rejectedIndex = rejected.indexOf(spec.name);
    const status: DemoSupplierStatus =
      rejectedIndex >= 0 ? 'rejected' : pendingNames.includes(spec.name) ? 'pending' : 'approved';
    // Law firms are licensed by the regional 司法厅, so their code carries the region's division, not the county's.
    const codeDivision = spec.kind === '31' ? '150000' : place.code;
    const legalRepresentative = g.personName(g.chance(75));
    return {
      name: spec.name,
      // 'MA…' organisation codes are the 工商 series; the law firm keeps a numeric code.
      creditCode: g.creditCode(
        spec.kind,
        codeDivision,
        spec.kind !== '31' && (spec.size === 'micro' || g.chance(50)),
      ),
      legalRepresentative,
      size: spec.size,
      regionCode: place.code,
      address: g.address(place.prefix),
      contactName:
        spec.name === DEMO_SUPPLIER
          ? accountNamed('gongyingshang').displayName
          : spec.size === 'micro' && g.chance(60)
            ? legalRepresentative
            : g.personName(g.chance(50)),
      contactPhone: g.mobile(),
      businessScope: spec.scope,
      status,
      reviewNote: rejectedIndex >= 0 ? at(REJECTION_NOTES, rejectedIndex) : null,
    };
  });
}

function experts(g: Gen): DemoExpert[] {
  const out: DemoExpert[] = [];
  EXPERT_PROFILES.forEach((profile, profileIndex) => {
    for (let i = 0; i < profile.count; i++) {
      // The first building engineer is the one the demo expert account signs in as.
      const isDemoExpert = profileIndex === 0 && i === 0;
      const male = isDemoExpert || g.chance(62);
      const senior = isDemoExpert || g.chance(profile.seniorPercent);
      const birthYear = isDemoExpert ? 1978 : senior ? g.int(1961, 1988) : g.int(1966, 1994);
      const maxYears = REFERENCE_YEAR - birthYear - 22;
      // 评审专家管理办法: an intermediate title qualifies only with 8 years in the field.
      const years = isDemoExpert ? 18 : g.int(senior ? Math.min(12, maxYears) : 8, maxYears);
      const primary = at(profile.leaves, i % profile.leaves.length);
      const others = g.sample(
        profile.leaves.filter((leaf) => leaf !== primary),
        g.pick([0, 0, 1, 1, 2]),
      );
      out.push({
        name: isDemoExpert ? DEMO_EXPERT : g.personName(male),
        idNumber: g.idNumber(male, birthYear),
        phone: g.mobile(),
        titleLevel: senior ? 'senior' : 'intermediate',
        titleName: isDemoExpert ? '高级工程师' : g.pick(senior ? profile.senior : profile.intermediate),
        years,
        employer: isDemoExpert ? HOUSING_BUREAU : g.pick(profile.employers),
        regionCode: DIVISION,
        status: 'active',
        specialtyCodes: isDemoExpert ? ['B0101', 'B0102'] : [primary, ...others],
      });
    }
  });
  const suspendable = out.filter((e) => e.name !== DEMO_EXPERT);
  for (const expert of g.sample(suspendable, SUSPENDED_EXPERTS)) expert.status = 'suspended';
  return out;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Expert history: what the pool coverage report reads                                                          */
/* ------------------------------------------------------------------------------------------------------------ */

/** The day the tests load the demo on; the CLI passes the real day so the last 12 months are always filled. */
export const DEMO_REFERENCE_DAY = '2026-03-02';

/** YYYY-MM-DD plus n days (negative: earlier), in calendar days with no time zone. */
export function addDays(day: string, n: number): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
 * Projects a year brings per leaf specialty: roads, school buildings and cost reviews dominate a county's
 * purchasing, as in seed 000's project list; a hospital buys imaging equipment once or twice a year.
 */
const DEMAND_WEIGHTS: Readonly<Record<string, number>> = {
  B0101: 14,
  B0102: 6,
  B0201: 9,
  B0202: 4,
  B0301: 7,
  B0302: 3,
  B0401: 4,
  B0402: 3,
  B0501: 9,
  B0502: 3,
  C0301: 4,
  C0302: 2,
  A0301: 3,
  A0302: 3,
  A0303: 2,
  A0201: 5,
  A0202: 3,
  A0203: 3,
  C0101: 2,
  C0102: 2,
  A0401: 3,
  A0402: 4,
  A0403: 4,
  C0501: 3,
  C0502: 1,
  C0801: 4,
  C0802: 3,
};
const LEAVE_REASONS = words('外出培训 病假 出国访学 产假 援疆挂职 借调省厅');
const PAST_EMPLOYER_PERCENT = 40;
const CURRENT_LEAVES = 7;
const PAST_LEAVES = 6;

/**
 * From a stream of its own, so the people generated above stay exactly as they were before history existed.
 * Former employers come from the expert's own field, many of them demo purchasers and suppliers, and most left
 * within the last 3 years: that is what 条例9 recusal bites on, and why some specialties come out short.
 */
function expertHistory(seed: string, pool: readonly DemoExpert[], today: string): DemoExpertHistory {
  const g = new Gen(seededRng(`${seed}:expert-history`));
  const employments: DemoEmployment[] = [];
  for (const e of pool) {
    const profile = EXPERT_PROFILES.find((p) => p.leaves.includes(at(e.specialtyCodes, 0)));
    const former = (profile?.employers ?? []).filter((name) => name !== e.employer);
    if (former.length > 0 && g.chance(PAST_EMPLOYER_PERCENT)) {
      const startedOn = addDays(today, -g.int(60, 1400));
      const endedOn = addDays(startedOn, -g.int(1, 40));
      employments.push({ expertName: e.name, employer: e.employer, startedOn, endedOn: null });
      employments.push({
        expertName: e.name,
        employer: g.pick(former),
        startedOn: addDays(endedOn, -365 * g.int(2, 10) - g.int(0, 300)),
        endedOn,
      });
    } else {
      const yearsThere = g.int(1, Math.max(1, Math.min(e.years, 20)));
      employments.push({
        expertName: e.name,
        employer: e.employer,
        startedOn: addDays(today, -365 * yearsThere - g.int(0, 300)),
        endedOn: null,
      });
    }
  }

  const active = pool.filter((e) => e.status === 'active');
  const leaves: DemoLeave[] = [];
  for (const e of g.sample(active, CURRENT_LEAVES + PAST_LEAVES)) {
    const current = leaves.length < CURRENT_LEAVES;
    const startsOn = addDays(today, current ? -g.int(0, 20) : -g.int(60, 330));
    leaves.push({
      expertName: e.name,
      startsOn,
      endsOn: addDays(startsOn, g.int(14, current ? 90 : 40)),
      reason: g.pick(LEAVE_REASONS),
    });
  }

  const leafWeights = Object.entries(DEMAND_WEIGHTS).flatMap(([code, w]) => Array<string>(w).fill(code));
  const projects = Array.from({ length: leafWeights.length }, () => ({
    code: g.pick(leafWeights),
    reviewedOn: addDays(today, -g.int(1, 364)),
  })).sort((a, b) => (a.reviewedOn < b.reviewedOn ? -1 : a.reviewedOn > b.reviewedOn ? 1 : 0));
  const numbers = new Map<string, number>();
  const reviews: DemoExpertReview[] = [];
  for (const p of projects) {
    const year = p.reviewedOn.slice(0, 4);
    const n = (numbers.get(year) ?? 0) + 1;
    numbers.set(year, n);
    const projectRef = `YLZC-${year}-${pad(n, 3)}`;
    const eligible = active.filter((e) => e.specialtyCodes.includes(p.code));
    for (const e of g.sample(eligible, 5)) {
      // Ratings trail the review by a few weeks: the newest sittings are not yet rated.
      const rated = p.reviewedOn < addDays(today, -21);
      reviews.push({
        expertName: e.name,
        projectRef,
        specialtyCode: p.code,
        reviewedOn: p.reviewedOn,
        rating: rated ? g.pick([3, 4, 4, 4, 5, 5]) : null,
      });
    }
  }
  return { employments, leaves, reviews };
}

export function demoData(seed: string = DEMO_SEED, today: string = DEMO_REFERENCE_DAY): DemoData {
  const g = new Gen(seededRng(seed));
  for (const account of DEMO_ACCOUNTS) g.reserveName(account.displayName);
  const centre = { ...CENTRE };
  const specialtyList = specialties();
  const purchaserList = purchasers(g);
  const supplierList = suppliers(g);
  const expertList = experts(g);
  return {
    centre,
    specialties: specialtyList,
    purchasers: purchaserList,
    suppliers: supplierList,
    experts: expertList,
    expertHistory: expertHistory(seed, expertList, today),
    accounts: DEMO_ACCOUNTS,
  };
}
