/**
 * The demo's committees and evaluations (ADR 0006; RULES.md §3, §10), driven through the planning, tendering,
 * bidding and evaluation modules' own use cases inside the seed's transaction, each step with the clock at its
 * time. Six projects of 云岭县教育局, each from its own plan line (intention published, commissioned, accepted),
 * published, bid for with sealed bids, opened, and then:
 *
 * - 校园安防监控设备: the committee drawn with the supervisor's input, one expert declined and was replaced from
 *   the committed order, the others confirmed; the review is tomorrow (names still hidden);
 * - 教师办公用计算机: 最低评标价法, report signed;
 * - 录播教室设备: 综合评分法 with an abnormally low bid explained and accepted, a deviating score, one dissent;
 * - 第二中学校舍维修改造工程: 合理定价评审抽签法, one bid at another price void, the lottery drawn, signed;
 * - 教育城域网运维服务: 暗标 (blind technical documents, one naming its bidder), signed;
 * - 学生机房计算机: fewer than three bids qualified, 废标 with next steps.
 *
 * Two more were evaluated (最低评标价法) months before the seed day, so that award.ts can take them on through the
 * contract to acceptance and payment: 班班通交互式一体机 and 教研室便携式计算机. Their custodians' keys must exist by
 * then: `keysInTime` moves the bidding run's key registration back to before their bids.
 *
 * The custodians' opening keys are the ones bidding.ts registers (jingban, caizheng); they are fetched and
 * unlocked with the documented passphrase, as the custodians' browsers do, so this run follows the day they were
 * registered. Drawn experts act through accounts zhuanjia2… made for the experts of the specialties drawn from.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { asc, eq } from 'drizzle-orm';
import type { RequestContext, UserActor } from '../../platform/auth/actor.ts';
import { isWorkingDay } from '../../platform/calendar.ts';
import { fixedClock, shanghaiDay } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import type { Tx } from '../../platform/db/client.ts';
import { FileStore } from '../../platform/files/store.ts';
import { runDueJobs } from '../../platform/jobs/runner.ts';
import {
  commissionPlanLine,
  createPlanLine,
  decideCommission,
  publishIntention,
} from '../../modules/planning/commands.ts';
import { projectBody, publishBody } from '../../modules/tendering/contract.ts';
import {
  createProject,
  earliestBidDeadline,
  earliestDocumentsAvailableUntil,
  lintProject,
  publishProject,
  tenderingJobs,
} from '../../modules/tendering/index.ts';
import { tenderTemplates } from '../../modules/tendering/tables.ts';
import { bidEnvelope } from '../../modules/bidding/contract.ts';
import {
  assignCustodians,
  myCustodianKey,
  readSealingKeys,
  registerForProject,
} from '../../modules/bidding/commands.ts';
import { completeBid, submitBid, uploadPiece, type UploadArea } from '../../modules/bidding/submission.ts';
import { handInShares, startOpening, wrappedShares } from '../../modules/bidding/opening.ts';
import {
  sealBid,
  shareContext,
  toBase64,
  unlockCustodianKey,
  unwrapWithKey,
  type CryptoKeyHandle,
  type Declarations,
  type DocumentInput,
} from '../../modules/bidding/sealing.contract.ts';
import {
  decideAbnormal,
  explainPrice,
  formCommittee,
  prepareCommitteeDraw,
  prepareDrawForLot,
  readRoom,
  recordChecks,
  recordScores,
  respondToInvitation,
  signDeclaration,
  signReport,
  startReview,
  submitPhase,
  witnessDraw,
} from '../../modules/evaluation/index.ts';
import { committeeSeats, committees } from '../../modules/evaluation/tables.ts';
import { suppliers } from '../../modules/orgs/tables.ts';
import {
  DEMO_BID_ITERATIONS,
  DEMO_BID_PASSPHRASE,
  DEMO_OPENING_PASSPHRASE,
  type BiddingTimeline,
} from './bidding.ts';
import { addDays, type DemoAccount, type DemoData } from './data.ts';

const COUNTY = '云岭县';
const PURCHASER = `${COUNTY}教育局`;

/** Construction firms bidding for the works project, in order of preference (approved, unsanctioned ones). */
const WORKS_TRADE = [
  `${COUNTY}恒盛建筑工程有限公司`,
  `${COUNTY}第一建筑工程有限公司`,
  `${COUNTY}宏基建筑安装有限责任公司`,
  '内蒙古中盛建筑工程有限公司',
  `${COUNTY}金城装饰工程有限公司`,
];
/** The works bidders' accounts, with the demo password. */
export const DEMO_WORKS_BIDDER_USERNAMES = [
  'gongyingshang6',
  'gongyingshang7',
  'gongyingshang8',
  'gongyingshang9',
];
/** Experts of these specialty groups get accounts: the demo's committees are drawn from them. */
const EXPERT_GROUPS = ['A02', 'A04', 'B01', 'C01'];

/** The accounts the evaluations act through: the works bidders, and the experts who may be drawn. */
export function demoEvaluationAccounts(data: DemoData, sanctioned: ReadonlySet<string>): DemoAccount[] {
  const firms = WORKS_TRADE.map((name) => data.suppliers.find((s) => s.name === name)).filter(
    (s) => s !== undefined && s.status === 'approved' && !sanctioned.has(s.name),
  );
  const bidders = DEMO_WORKS_BIDDER_USERNAMES.slice(0, firms.length).map((username, i): DemoAccount => {
    const firm = firms[i];
    if (!firm) throw new Error('demo works bidder missing');
    return {
      username,
      role: 'supplier',
      displayName: firm.contactName,
      org: firm.name,
      binding: { kind: 'supplier', name: firm.name },
    };
  });
  const bound = new Set(data.accounts.flatMap((a) => (a.binding?.kind === 'expert' ? [a.binding.name] : [])));
  const experts = data.experts
    .filter(
      (e) =>
        e.status === 'active' &&
        !bound.has(e.name) &&
        e.specialtyCodes.some((c) => EXPERT_GROUPS.some((g) => c.startsWith(g))),
    )
    .map((e, i): DemoAccount => ({
      username: `zhuanjia${i + 2}`,
      role: 'expert',
      displayName: e.name,
      org: `${e.employer}（${e.titleName}）`,
      binding: { kind: 'expert', name: e.name },
    }));
  return [...bidders, ...experts];
}

/** The file store the server uses with the same environment: the blind documents must be readable there. */
/**
 * Where the demo's sealed and opened documents go: the data directory the server uses (main.ts passes it), or,
 * for callers that give none (tests), a fresh temporary one — never the working directory.
 */
export function demoFileStore(dataDir?: string): UploadArea {
  const config = loadConfig();
  const dir = dataDir ?? mkdtempSync(path.join(tmpdir(), 'zc-demo-files-'));
  return {
    dir: path.join(dir, 'uploads'),
    store: new FileStore(path.join(dir, 'files'), config.auditHash, config.maxUploadBytes),
  };
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Plan                                                                                                         */
/* ------------------------------------------------------------------------------------------------------------ */

/** 'early': signed like 'signed', but published `ago` days before the seed day rather than around the key day. */
type Stage = 'committee' | 'signed' | 'failed' | 'early';
type Method = 'lowestPrice' | 'bestValue' | 'priceLottery';

interface BidPlan {
  /** 'it': 0 gongyingshang, n gongyingshang(n+1); 'works': DEMO_WORKS_BIDDER_USERNAMES[n]. */
  bidder: number;
  priceFen: bigint;
  /** 暗标 technical document text. */
  blindText?: string;
}

interface ProjectPlan {
  key: string;
  stage: Stage;
  name: string;
  category: 'goods' | 'works' | 'services';
  item: [code: string, name: string, budgetItem: string];
  quantity: string | null;
  lotName: string;
  lotDescription: string;
  budgetFen: bigint;
  ceiling: boolean;
  trade: 'it' | 'works';
  specialty: string;
  method: Method;
  blind?: boolean;
  lottery?: { floatDownBp: number; reviewedFen: bigint };
  substantive: string;
  specifications: string[];
  scoring?: { id: string; factor: string; text: string; weightBp: number }[];
  priceWeightBp?: number;
  bids: BidPlan[];
  /** Index of the bid every expert fails on S1 (with this reason): the 废标. */
  failing?: { bids: number[]; reason: string };
  /** Days in working days before the bidding run's key day the project was published (negative: after). */
  slot: number;
  /** 'early' projects: published this many calendar days before the seed day (the last office day by then). */
  ago?: number;
}

const yuan = (n: number): bigint => BigInt(Math.round(n * 100));

const PLANS: readonly ProjectPlan[] = [
  {
    key: 'cctv',
    stage: 'committee',
    name: `${COUNTY}教育局校园安防监控设备采购项目`,
    category: 'goods',
    item: ['A02021100', '视频监控设备', '校园安全'],
    quantity: '1 批',
    lotName: '校园安防监控设备',
    lotDescription: '网络摄像机、硬盘录像机、监控大屏及综合布线',
    budgetFen: yuan(680_000),
    ceiling: true,
    trade: 'it',
    specialty: 'A0202',
    method: 'lowestPrice',
    substantive: '★所投设备须为全新、未使用的合格产品，提供原厂三年质保',
    specifications: ['网络摄像机不低于 400 万像素，支持红外夜视 50 米，防护等级 IP66'],
    bids: [
      { bidder: 3, priceFen: yuan(652_300) },
      { bidder: 1, priceFen: yuan(638_800) },
      { bidder: 4, priceFen: yuan(661_500) },
      { bidder: 2, priceFen: yuan(645_000) },
    ],
    slot: 3,
  },
  {
    key: 'teacher-pcs',
    stage: 'signed',
    name: `${COUNTY}教育局教师办公用计算机采购项目`,
    category: 'goods',
    item: ['A02010104', '台式计算机', '办公设备购置'],
    quantity: '120 台',
    lotName: '台式计算机',
    lotDescription: '教师备课及办公用台式计算机，含正版操作系统',
    budgetFen: yuan(540_000),
    ceiling: true,
    trade: 'it',
    specialty: 'A0201',
    method: 'lowestPrice',
    substantive: '★所投产品须为全新、未使用的合格产品，整机保修三年',
    specifications: ['处理器不低于 6 核，内存不低于 16GB，固态硬盘不低于 512GB，23.8 英寸显示器'],
    bids: [
      { bidder: 0, priceFen: yuan(512_400) },
      { bidder: 2, priceFen: yuan(498_600) },
      { bidder: 1, priceFen: yuan(526_000) },
      { bidder: 4, priceFen: yuan(503_800) },
    ],
    slot: -2,
  },
  {
    key: 'recording',
    stage: 'signed',
    name: `${COUNTY}教育局中小学录播教室设备采购项目`,
    category: 'goods',
    item: ['A02100000', '多媒体教学设备', '教育信息化'],
    quantity: '6 套',
    lotName: '常态化录播教室设备',
    lotDescription: '摄像机、拾音设备、录播主机及管理平台，含安装调试',
    budgetFen: yuan(960_000),
    ceiling: true,
    trade: 'it',
    specialty: 'A0402',
    method: 'bestValue',
    substantive: '★所投设备须为全新、未使用的合格产品，整套系统质保不少于三年',
    specifications: ['录播主机支持 1080P 多路同步录制，支持常态化自动录制、直播及点播'],
    scoring: [
      {
        id: 'P1',
        factor: '技术参数响应',
        text: '完全满足技术参数得 40 分，每有一项一般参数负偏离扣 2 分，扣完为止',
        weightBp: 4000,
      },
      {
        id: 'P2',
        factor: '安装培训及售后',
        text: '方案包含进度计划、安装调试、教师培训和售后响应四项内容的各得 5 分',
        weightBp: 2000,
      },
    ],
    priceWeightBp: 4000,
    bids: [
      { bidder: 1, priceFen: yuan(918_000) },
      { bidder: 0, priceFen: yuan(896_500) },
      { bidder: 3, priceFen: yuan(378_000) },
      { bidder: 2, priceFen: yuan(905_200) },
    ],
    slot: -1,
  },
  {
    key: 'school-repair',
    stage: 'signed',
    name: `${COUNTY}第二中学教学楼维修改造工程`,
    category: 'works',
    item: ['B07000000', '校舍维修改造工程', '校舍维修'],
    quantity: null,
    lotName: '教学楼屋面防水及外墙维修',
    lotDescription: '拆除原屋面防水层重做 SBS 改性沥青防水卷材，外墙保温及涂料，按施工图及工程量清单',
    budgetFen: yuan(1_300_000),
    ceiling: false,
    trade: 'works',
    specialty: 'B0102',
    method: 'priceLottery',
    // 财政评审价 1,286,500.00 元, 下浮 8% → 定标价 1,183,580.00 元.
    lottery: { floatDownBp: 800, reviewedFen: yuan(1_286_500) },
    substantive: '★投标人须具有建筑工程施工总承包三级及以上资质，并具有有效的安全生产许可证',
    specifications: ['工期 60 日历天，须在暑假期间完工；质量标准：合格'],
    bids: [
      { bidder: 0, priceFen: yuan(1_183_580) },
      { bidder: 1, priceFen: yuan(1_183_580) },
      { bidder: 2, priceFen: yuan(1_150_000) },
      { bidder: 3, priceFen: yuan(1_183_580) },
    ],
    slot: 0,
  },
  {
    key: 'network-ops',
    stage: 'signed',
    name: `${COUNTY}教育局教育城域网运维服务项目`,
    category: 'services',
    item: ['C16060000', '运行维护服务', '教育信息化'],
    quantity: '1 年',
    lotName: '教育城域网及校园网运行维护服务',
    lotDescription: '城域网核心及 42 所学校接入网络的日常巡检、故障处理和安全运维',
    budgetFen: yuan(480_000),
    ceiling: true,
    trade: 'it',
    specialty: 'C0102',
    method: 'bestValue',
    blind: true,
    substantive: '★服务期一年，故障响应时间不超过 2 小时，驻场运维人员不少于 2 人',
    specifications: ['每月对城域网核心设备巡检一次，每学期对各校网络设备巡检一次并出具报告'],
    scoring: [
      {
        id: 'P1',
        factor: '运维服务方案（暗标）',
        text: '方案包含巡检、故障处理、安全加固和应急预案四部分，每部分完整可行得 10 分',
        weightBp: 4000,
      },
      {
        id: 'P2',
        factor: '人员配备方案（暗标）',
        text: '驻场人员具有网络工程师资格、运维经历三年以上的，每人得 5 分，最多 20 分',
        weightBp: 2000,
      },
    ],
    priceWeightBp: 4000,
    bids: [
      {
        bidder: 2,
        priceFen: yuan(452_000),
        blindText:
          '运维服务方案\n一、巡检：每月对城域网核心交换机、汇聚设备巡检一次，每学期对各校接入设备巡检一次。\n二、故障处理：7×24 小时受理，2 小时内到场。\n三、安全加固：季度漏洞扫描与配置基线核查。\n四、应急预案：核心设备双机热备，备件库常备。',
      },
      {
        bidder: 1,
        priceFen: yuan(438_600),
        blindText: `运维服务方案\n本方案由{投标人}编制。一、巡检：每月巡检核心设备。二、故障处理：2 小时内响应。三、安全加固：每季度漏洞扫描。四、应急预案：设备故障时启用备用链路。`,
      },
      {
        bidder: 4,
        priceFen: yuan(461_000),
        blindText:
          '运维服务方案\n一、巡检：按月巡检城域网，学期巡检校园网。\n二、故障处理：远程 30 分钟内响应、现场 2 小时内到达。\n三、安全加固：定期升级设备固件和特征库。\n四、应急预案：针对断网、病毒爆发、设备损坏分别制定处置流程。',
      },
    ],
    slot: 1,
  },
  {
    key: 'lab-pcs',
    stage: 'failed',
    name: `${COUNTY}教育局学生机房计算机采购项目`,
    category: 'goods',
    item: ['A02010104', '台式计算机', '教学设施购置'],
    quantity: '90 台',
    lotName: '学生机房计算机',
    lotDescription: '学生机、教师机及机房管理软件',
    budgetFen: yuan(450_000),
    ceiling: true,
    trade: 'it',
    specialty: 'A0201',
    method: 'lowestPrice',
    substantive: '★所投产品须为全新、未使用的合格产品，整机保修三年',
    specifications: ['学生机处理器不低于 6 核，内存不低于 8GB，支持硬盘保护和网络同传'],
    bids: [
      { bidder: 4, priceFen: yuan(426_000) },
      { bidder: 0, priceFen: yuan(431_500) },
      { bidder: 3, priceFen: yuan(418_800) },
    ],
    failing: {
      bids: [0, 2],
      reason: '投标文件承诺整机保修一年，不满足招标文件★第 S1 项“整机保修三年”的实质性要求',
    },
    slot: 2,
  },
  {
    key: 'smartboards',
    stage: 'early',
    name: `${COUNTY}教育局中小学班班通交互式一体机采购项目`,
    category: 'goods',
    item: ['A02100000', '多媒体教学设备', '教育信息化'],
    quantity: '60 台',
    lotName: '班班通交互式一体机',
    lotDescription: '86 英寸交互式智能一体机及移动支架，含安装调试和教师操作培训',
    budgetFen: yuan(720_000),
    ceiling: true,
    trade: 'it',
    specialty: 'A0402',
    method: 'lowestPrice',
    substantive: '★所投设备须为全新、未使用的合格产品，整机质保不少于三年',
    specifications: ['显示尺寸不低于 86 英寸，4K 分辨率，支持 20 点触控，内置 OPS 电脑模块'],
    bids: [
      { bidder: 3, priceFen: yuan(689_000) },
      { bidder: 0, priceFen: yuan(672_500) },
      { bidder: 1, priceFen: yuan(701_800) },
      { bidder: 4, priceFen: yuan(665_300) },
    ],
    slot: 0,
    ago: 100,
  },
  {
    key: 'teaching-laptops',
    stage: 'early',
    name: `${COUNTY}教育局教研室便携式计算机采购项目`,
    category: 'goods',
    item: ['A02010105', '便携式计算机', '办公设备购置'],
    quantity: '40 台',
    lotName: '便携式计算机',
    lotDescription: '教研员下校听课、教研活动用便携式计算机，含正版操作系统和办公软件',
    budgetFen: yuan(420_000),
    ceiling: true,
    trade: 'it',
    specialty: 'A0201',
    method: 'lowestPrice',
    substantive: '★所投产品须为全新、未使用的合格产品，整机保修三年',
    specifications: ['处理器不低于 8 核，内存不低于 16GB，固态硬盘不低于 1TB，整机重量不超过 1.5 千克'],
    bids: [
      { bidder: 2, priceFen: yuan(398_400) },
      { bidder: 4, priceFen: yuan(405_000) },
      { bidder: 0, priceFen: yuan(389_900) },
    ],
    slot: 0,
    ago: 60,
  },
];

/* ------------------------------------------------------------------------------------------------------------ */
/* Timeline                                                                                                     */
/* ------------------------------------------------------------------------------------------------------------ */

export type EvalStep =
  | { at: Date; kind: 'plan'; key: string; day: string; startOn: string }
  | { at: Date; kind: 'commission'; key: string }
  | { at: Date; kind: 'accept'; key: string }
  | { at: Date; kind: 'create'; key: string }
  | { at: Date; kind: 'publish'; key: string; publish: ReturnType<typeof publishBody.parse> }
  | { at: Date; kind: 'custodians'; key: string }
  | { at: Date; kind: 'bid'; key: string; bid: number }
  | { at: Date; kind: 'close'; key: string }
  | { at: Date; kind: 'open'; key: string }
  | { at: Date; kind: 'handIn'; key: string; holder: 'centre' | 'supervisor' }
  | { at: Date; kind: 'committee'; key: string; reviewAt: string }
  | { at: Date; kind: 'draw'; key: string }
  | { at: Date; kind: 'witness'; key: string }
  | { at: Date; kind: 'respond'; key: string; decline: boolean }
  | { at: Date; kind: 'review'; key: string };

export interface EvaluationTimeline {
  steps: EvalStep[];
}

/** A working day where the legal calendar covers it; beyond it, Monday to Friday. */
function officeDay(day: string): boolean {
  try {
    return isWorkingDay(day);
  } catch {
    const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
    return wd !== 0 && wd !== 6;
  }
}
export const nextOfficeDay = (day: string, step = 1): string => {
  let d = addDays(day, step);
  while (!officeDay(d)) d = addDays(d, step);
  return d;
};
export const dayAt = (day: string, hhmm: string): Date => new Date(`${day}T${hhmm}:00+08:00`);
const plus = (at: Date, minutes: number): Date => new Date(at.getTime() + minutes * 60_000);

/**
 * The evaluation steps, dated after the bidding run's custodians registered their keys (the day before its first
 * step) and before `now`; without that key day (no bidding in this demo) there is nothing to do.
 */
export function evaluationTimeline(bidding: BiddingTimeline, now: Date): EvaluationTimeline {
  const keys = bidding.steps.filter((s) => s.kind === 'key');
  const keyStep = keys[keys.length - 1];
  if (!keyStep) return { steps: [] };
  const keyDay = shanghaiDay(keyStep.at);
  const today = shanghaiDay(now);
  const steps: EvalStep[] = [];
  for (const p of PLANS) {
    // Published a few working days around the key day; bids come in once the custodians are named.
    let published = keyDay;
    for (let i = 0; i < 6 - p.slot; i++) published = nextOfficeDay(published, -1);
    // An early one: months back, on the last office day `ago` days before today (its keys are moved to fit).
    if (p.stage === 'early') {
      published = addDays(today, -(p.ago ?? 90));
      if (!officeDay(published)) published = nextOfficeDay(published, -1);
    }
    const deadline = earliestBidDeadline('openTender', published);
    const until = earliestDocumentsAvailableUntil('openTender', published) ?? deadline;
    const deadlineAt = dayAt(deadline, '09:30');
    const review = p.stage === 'committee' ? nextOfficeDay(today) : nextOfficeDay(deadline);
    const reviewAt = dayAt(review, '09:00');
    if (p.stage !== 'committee' && plus(reviewAt, 6 * 60) >= now) continue;
    const startOn = published;
    const planned = nextOfficeDay(addDays(published, -40), -1);
    const created = nextOfficeDay(published, -1);
    const custodiansAt =
      p.stage === 'early'
        ? dayAt(published, '10:00')
        : new Date(
            Math.max(dayAt(published, '10:00').getTime(), dayAt(nextOfficeDay(keyDay), '09:00').getTime()),
          );
    const own: EvalStep[] = [
      { at: dayAt(planned, '09:10'), kind: 'plan', key: p.key, day: planned, startOn },
      { at: dayAt(nextOfficeDay(created, -1), '10:20'), kind: 'commission', key: p.key },
      { at: dayAt(nextOfficeDay(created, -1), '15:40'), kind: 'accept', key: p.key },
      { at: dayAt(created, '10:00'), kind: 'create', key: p.key },
      {
        at: dayAt(published, '09:20'),
        kind: 'publish',
        key: p.key,
        publish: publishBody.parse({
          documentsIssuedOn: published,
          documentsAvailableUntil: until,
          bidDeadlineAt: `${deadline}T09:30:00+08:00`,
          openingPlace: `${COUNTY}政府采购中心开标二室`,
        }),
      },
      { at: custodiansAt, kind: 'custodians', key: p.key },
    ];
    p.bids.forEach((_, i) => {
      // Spread over the last days before the deadline, never before the custodians were named.
      let day = deadline;
      for (let k = 0; k < p.bids.length - i + 1; k++) day = nextOfficeDay(day, -1);
      const at = new Date(
        Math.max(dayAt(day, `${10 + i}:15`).getTime(), plus(custodiansAt, 30 * (i + 1)).getTime()),
      );
      own.push({ at, kind: 'bid', key: p.key, bid: i });
    });
    own.push(
      { at: deadlineAt, kind: 'close', key: p.key },
      { at: plus(deadlineAt, 1), kind: 'open', key: p.key },
      { at: plus(deadlineAt, 4), kind: 'handIn', key: p.key, holder: 'centre' },
      { at: plus(deadlineAt, 7), kind: 'handIn', key: p.key, holder: 'supervisor' },
    );
    // The committee: planned after the opening, drawn within two working days of the review (198号).
    const drawDay = p.stage === 'committee' ? nextOfficeDay(today, -1) : deadline;
    const formedAt = p.stage === 'committee' ? dayAt(nextOfficeDay(deadline), '10:00') : plus(deadlineAt, 60);
    const drawAt = dayAt(drawDay, '14:00');
    own.push(
      { at: formedAt, kind: 'committee', key: p.key, reviewAt: reviewAt.toISOString() },
      { at: drawAt, kind: 'draw', key: p.key },
      { at: plus(drawAt, 6), kind: 'witness', key: p.key },
      { at: plus(drawAt, 40), kind: 'respond', key: p.key, decline: p.stage === 'committee' },
    );
    if (p.stage !== 'committee') own.push({ at: reviewAt, kind: 'review', key: p.key });
    if (own.some((s) => s.at >= now)) continue;
    steps.push(...own);
  }
  const ordered = steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.at.getTime() - b.s.at.getTime() || a.i - b.i);
  return { steps: ordered.map((x) => x.s) };
}

/**
 * The bidding timeline with its custodians' key registration no later than the working day before the first
 * evaluation project named them (the early projects come months before the bidding run's own projects). Only the
 * two `key` steps move; everything else, and the order, stays.
 */
export function keysInTime(bidding: BiddingTimeline, evaluation: EvaluationTimeline): BiddingTimeline {
  const named = evaluation.steps.find((s) => s.kind === 'custodians');
  const keys = bidding.steps.filter((s) => s.kind === 'key');
  if (!named || keys.length === 0 || keys.every((k) => k.at < named.at)) return bidding;
  const day = nextOfficeDay(shanghaiDay(named.at), -1);
  const moved = keys.map((k, i) => ({ ...k, at: dayAt(day, i === 0 ? '10:05' : '10:40') }));
  return { ...bidding, steps: [...moved, ...bidding.steps.filter((s) => s.kind !== 'key')] };
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Run                                                                                                          */
/* ------------------------------------------------------------------------------------------------------------ */

export interface EvaluationActors {
  agent: UserActor;
  /** The finance supervisor: custodian and witness of the draws. */
  supervisor: UserActor;
  purchaser: UserActor;
  /** IT bidders: gongyingshang, gongyingshang2…5. */
  itBidders: UserActor[];
  worksBidders: UserActor[];
  /** Expert id → its account. */
  expert: (expertId: string) => UserActor | null;
  sizeOf: (supplierId: string) => string | null;
}

export interface EvaluationCounts {
  projects: number;
}

export interface EvaluationRun {
  until: (at: Date) => Promise<void>;
  finish: () => Promise<EvaluationCounts>;
  /** The project made for a plan's key, once its 'create' step ran. */
  projectOf: (key: string) => string | null;
}

const ITEMS: Record<string, string> = { 交货期: '合同签订后 20 日内', 质保期: '三年' };

function declarationsOf(size: string | null): Declarations {
  const labels = { medium: '中型', small: '小型', micro: '微型' } as const;
  const sme = size === 'medium' || size === 'small' || size === 'micro' ? size : null;
  return {
    sme: sme
      ? {
          size: sme,
          statement: `本公司郑重声明，本公司参加本项目采购活动提供的货物、工程或服务全部由符合政策要求的中小企业提供，本公司属于${labels[sme]}企业。`,
        }
      : null,
    domesticProduct: true,
    other: {},
  };
}

/**
 * Drives the use cases step by step, the clock at each step's time; `before` runs the bidding run's steps dated
 * earlier, so the log keeps the order things happened in.
 */
export function runEvaluation(
  tx: Tx,
  timeline: EvaluationTimeline,
  actors: EvaluationActors,
  area: UploadArea,
  onStep: () => void,
  before: (at: Date) => Promise<void>,
): EvaluationRun {
  const clock = fixedClock(new Date(0));
  const as = (actor: UserActor): RequestContext => ({ actor, requestId: null, clock });
  const agent = as(actors.agent);
  const supervisor = as(actors.supervisor);
  const purchaser = as(actors.purchaser);
  const lineIds = new Map<string, string>();
  const projectIds = new Map<string, string>();
  const bidIds = new Map<string, string>();
  const drawIds = new Map<string, string>();
  let custodianKeys: Promise<[CryptoKeyHandle, CryptoKeyHandle]> | null = null;
  let next = 0;

  const planOf = (key: string): ProjectPlan => {
    const p = PLANS.find((x) => x.key === key);
    if (!p) throw new Error(`demo evaluation names an unknown project: ${key}`);
    return p;
  };
  const idOf = (key: string): string => {
    const id = projectIds.get(key);
    if (!id) throw new Error(`demo evaluation project ${key} used before it was created`);
    return id;
  };
  const bidderOf = (p: ProjectPlan, n: number): UserActor => {
    const a = (p.trade === 'it' ? actors.itBidders : actors.worksBidders)[n];
    if (!a) throw new Error(`demo evaluation bidder ${p.trade}:${n} missing`);
    return a;
  };
  const expertCtx = (expertId: string | null): RequestContext => {
    const a = expertId ? actors.expert(expertId) : null;
    if (!a) throw new Error(`demo expert ${expertId} has no account`);
    return as(a);
  };
  /** The custodians' browsers: their own key fetched and unlocked with the documented passphrase. */
  const keys = (): Promise<[CryptoKeyHandle, CryptoKeyHandle]> => {
    custodianKeys ??= (async () => {
      const centre = await myCustodianKey(tx, agent);
      const sup = await myCustodianKey(tx, supervisor);
      return Promise.all([
        unlockCustodianKey(centre, DEMO_OPENING_PASSPHRASE),
        unlockCustodianKey(sup, DEMO_OPENING_PASSPHRASE),
      ]);
    })();
    return custodianKeys;
  };

  const supplierName = async (id: string | null): Promise<string | null> =>
    id
      ? ((await tx.select({ name: suppliers.name }).from(suppliers).where(eq(suppliers.id, id)))[0]?.name ??
        null)
      : null;
  const seatsOf = async (projectId: string) => {
    const [c] = await tx.select().from(committees).where(eq(committees.projectId, projectId));
    if (!c) throw new Error('demo committee missing');
    return tx
      .select()
      .from(committeeSeats)
      .where(eq(committeeSeats.committeeId, c.id))
      .orderBy(asc(committeeSeats.position));
  };

  const review = async (p: ProjectPlan, start: Date): Promise<void> => {
    const pid = idOf(p.key);
    let t = start;
    const at = (minutes: number): void => {
      t = plus(t, minutes);
      clock.set(t);
    };
    clock.set(t);
    const seats = await seatsOf(pid);
    const experts = seats.filter((s) => s.kind === 'expert' && s.status === 'confirmed');
    const chair = experts[0];
    if (!chair) throw new Error('demo committee without experts');
    await startReview(tx, agent, pid, { chairSeatId: chair.id }, area.store);
    const members = [...experts.map((s) => expertCtx(s.expertId)), purchaser];
    for (const m of members) {
      at(2);
      await signDeclaration(tx, m, pid);
    }
    const lot = async () => {
      const view = await readRoom(tx, agent, pid);
      const l = view.lots[0];
      if (!l) throw new Error('demo evaluation lot missing');
      return l;
    };
    const bidIdsOf = (): string[] =>
      p.bids.map((_, i) => {
        const id = bidIds.get(`${p.key}:${i}`);
        if (!id) throw new Error('demo bid missing');
        return id;
      });
    const ids = bidIdsOf();
    const scoreFor = (memberIndex: number, bidIndex: number) =>
      (p.scoring ?? []).map((s, k) => {
        const base = [36, 38, 31, 35][bidIndex % 4] ?? 34;
        const full = s.weightBp / 100;
        let points = Math.min(full, Math.round(((base + ((memberIndex + bidIndex) % 3) - 1) * full) / 40));
        // One expert far below the others on the first bid's first item: the deviation the chair sees.
        if (p.key === 'recording' && memberIndex === 2 && bidIndex === 0 && k === 0) points = 12;
        return { itemId: s.id, points: String(points) };
      });
    if (p.blind) {
      for (const [mi, m] of members.entries()) {
        at(6);
        for (const [bi, id] of ids.entries())
          await recordScores(tx, m, pid, 1, { bidId: id, items: scoreFor(mi, bi) });
        await submitPhase(tx, m, pid, 1, 'blind');
      }
    }
    const clauses = (await lot()).clauses;
    for (const m of members) {
      at(8);
      for (const [bi, id] of ids.entries()) {
        const fails = p.failing?.bids.includes(bi) ?? false;
        const results = [
          ...clauses.qualification.map((c) => ({
            kind: 'qualification' as const,
            clauseId: c.id,
            pass: true,
            reason: null,
          })),
          ...clauses.compliance.map((c) => ({
            kind: 'compliance' as const,
            clauseId: c.id,
            pass: !(fails && c.id === 'S1'),
            reason: fails && c.id === 'S1' ? (p.failing?.reason ?? null) : null,
          })),
        ];
        await recordChecks(tx, m, pid, 1, { bidId: id, results });
      }
      await submitPhase(tx, m, pid, 1, 'checks');
    }
    let state = await lot();
    if (state.status === 'failed') return;
    if (state.status === 'abnormal') {
      for (const r of state.abnormal) {
        const bi = ids.indexOf(r.bidId);
        at(18);
        await explainPrice(tx, as(bidderOf(p, p.bids[bi]?.bidder ?? 0)), r.id, {
          text: '我公司为录播设备生产厂家的省级总代理，主机和摄像机为库存现货，已计提折旧；报价包含全部运输、安装调试、教师培训和三年质保费用，详见所附成本测算表及近一年同类项目合同。',
        });
        at(15);
        await decideAbnormal(tx, members[0] as RequestContext, r.id, {
          accept: true,
          reason: '投标人提供了成本测算表和同类项目合同，能够证明其报价合理，不影响产品质量和诚信履约',
        });
      }
      state = await lot();
    }
    if (state.status === 'scoring') {
      const qualified = state.bids.filter((b) => b.qualified).map((b) => b.bidId);
      for (const [mi, m] of members.entries()) {
        at(7);
        for (const id of qualified)
          await recordScores(tx, m, pid, 1, { bidId: id, items: scoreFor(mi, ids.indexOf(id)) });
        await submitPhase(tx, m, pid, 1, 'scores');
      }
      state = await lot();
    }
    if (state.status === 'awaitingDraw') {
      at(10);
      const d = await prepareDrawForLot(tx, agent, pid, 1);
      at(4);
      await witnessDraw(
        tx,
        supervisor,
        d.id,
        `抽签现场 ${shanghaiDay(t)} 监督人员孙立新随机输入 ${p.bids.length * 1379}`,
      );
      state = await lot();
    }
    if (state.status !== 'reporting') throw new Error(`demo evaluation of ${p.key} stuck at ${state.status}`);
    for (const [mi, m] of members.entries()) {
      at(3);
      const dissent =
        p.key === 'recording' && mi === 3
          ? '认为投标人报价明显低于其他投标人，虽作出说明，仍存在降低配置或售后服务不到位的履约风险'
          : null;
      await signReport(tx, m, pid, 1, {
        agree: dissent === null,
        dissent,
        reportHash: state.reportHash ?? '',
      });
    }
  };

  const run = async (step: EvalStep): Promise<void> => {
    clock.set(step.at);
    const p = planOf(step.key);
    switch (step.kind) {
      case 'plan': {
        const [code, itemName, budgetItem] = p.item;
        const line = await createPlanLine(tx, purchaser, {
          year: Number(step.startOn.slice(0, 4)),
          budgetItem,
          itemCode: code,
          itemName,
          category: p.category,
          quantity: p.quantity,
          amountFen: p.budgetFen.toString(),
          plannedMonth: Number(step.startOn.slice(5, 7)),
          description: p.lotDescription,
        });
        lineIds.set(p.key, line.id);
        clock.set(plus(step.at, 20));
        await publishIntention(tx, purchaser, line.id, {
          summary: `${PURCHASER}采购${p.lotName}，预算 ${(Number(p.budgetFen) / 1_000_000).toFixed(2)} 万元`,
          expectedStartOn: step.startOn,
          urgent: false,
          urgentReason: null,
        });
        break;
      }
      case 'commission':
        await commissionPlanLine(tx, purchaser, lineIds.get(p.key) ?? '', { note: null });
        break;
      case 'accept':
        await decideCommission(tx, agent, lineIds.get(p.key) ?? '', { decision: 'accept', note: null });
        break;
      case 'create': {
        const templates = await tx.select().from(tenderTemplates);
        const kind = p.category === 'works' ? 'works' : p.category === 'services' ? 'services' : 'goods';
        const template =
          templates.filter((t) => t.kind === kind).sort((a, b) => b.version - a.version)[0] ??
          templates.filter((t) => t.kind === 'goods').sort((a, b) => b.version - a.version)[0];
        const body = projectBody.parse({
          name: p.name,
          category: p.category,
          method: 'openTender',
          templateId: template?.id ?? null,
          shares: [{ planLineId: lineIds.get(p.key), lotNo: null }],
          lots: [
            {
              name: p.lotName,
              budgetFen: p.budgetFen.toString(),
              ceilingFen: p.ceiling ? p.budgetFen.toString() : null,
              quantity: p.quantity,
              description: p.lotDescription,
            },
          ],
          requirements: {
            qualification: [
              { id: 'Q1', text: '具有独立承担民事责任的能力，符合政府采购法第二十二条规定的条件' },
              {
                id: 'Q2',
                text: '未被列入失信被执行人、重大税收违法失信主体、政府采购严重违法失信行为记录名单',
              },
            ],
            substantive: [{ id: 'S1', text: p.substantive }],
            specifications: p.specifications.map((text, i) => ({ id: `T${i + 1}`, text })),
            scoring: p.scoring ?? [],
            evaluationMethod: p.method,
            priceWeightBp: p.priceWeightBp ?? null,
            lottery: p.lottery
              ? {
                  floatDownBp: p.lottery.floatDownBp,
                  rounding: 'yuan',
                  mode: 'halfUp',
                  reviewed: [{ lotNo: 1, reviewedFen: p.lottery.reviewedFen.toString() }],
                }
              : null,
            blindTechnical: p.blind ?? false,
            sme: { mode: 'deduction', smallMicroRateBp: p.category === 'works' ? 300 : 1000 },
            deliveryPeriod:
              p.category === 'works'
                ? '60 日历天'
                : p.category === 'services'
                  ? '服务期一年'
                  : '合同签订后 20 日内',
            deliveryPlace: p.category === 'works' ? `${COUNTY}第二中学` : `${PURCHASER}及所属学校`,
            paymentTerms: '验收合格后 30 日内支付合同金额的 95%，余款质保期满后支付',
          },
        });
        const view = await createProject(tx, agent, body);
        projectIds.set(p.key, view.id);
        clock.set(plus(step.at, 5));
        const linted = await lintProject(tx, agent, view.id);
        if (!linted.lint?.clear)
          throw new Error(
            `demo project ${p.key} fails its check: ${JSON.stringify([...(linted.lint?.findings ?? []), ...(linted.lint?.problems ?? [])])}`,
          );
        break;
      }
      case 'publish':
        await publishProject(tx, agent, idOf(p.key), step.publish);
        break;
      case 'custodians':
        await assignCustodians(tx, agent, idOf(p.key), { supervisorUserId: actors.supervisor.userId });
        break;
      case 'bid': {
        const pid = idOf(p.key);
        const plan = p.bids[step.bid];
        if (!plan) throw new Error('demo bid plan missing');
        const actor = bidderOf(p, plan.bidder);
        const ctx = as(actor);
        clock.set(plus(step.at, -25));
        await registerForProject(tx, ctx, pid);
        clock.set(step.at);
        const sealing = await readSealingKeys(tx, ctx, pid);
        const documents: DocumentInput[] = plan.blindText
          ? [
              {
                kind: 'blindTechnical',
                name: '技术服务方案（暗标）.txt',
                mime: 'text/plain',
                // One bidder forgot the anonymity rule and named itself: the identity-leak report shows it.
                bytes: new TextEncoder().encode(
                  plan.blindText.replace('{投标人}', (await supplierName(actor.supplierId)) ?? ''),
                ),
              },
            ]
          : [];
        const sealed = await sealBid({
          bidId: randomUUID(),
          projectId: pid,
          documents,
          priceSheets: [{ lotNo: 1, priceFen: plan.priceFen.toString(), items: ITEMS }],
          declarations: declarationsOf(actors.sizeOf(actor.supplierId ?? '')),
          bidderPassphrase: DEMO_BID_PASSPHRASE,
          centrePublicKey: sealing.centrePublicKey,
          supervisorPublicKey: sealing.supervisorPublicKey,
          iterations: DEMO_BID_ITERATIONS,
        });
        const envelope = bidEnvelope.parse(sealed.envelope);
        await submitBid(tx, ctx, envelope, documents.length ? area : null);
        for (const [i, bytes] of sealed.sealedDocuments.entries()) {
          await uploadPiece(
            tx,
            ctx,
            envelope.bidId,
            `doc:${i}`,
            `bytes 0-${bytes.length - 1}/${bytes.length}`,
            Readable.from([Buffer.from(bytes)]),
            area,
          );
        }
        if (sealed.sealedDocuments.length) await completeBid(tx, ctx, envelope.bidId, area);
        bidIds.set(`${p.key}:${step.bid}`, envelope.bidId);
        break;
      }
      case 'close':
        await runDueJobs(tx, clock, tenderingJobs, 'cli:seed');
        break;
      case 'open':
        await startOpening(tx, agent, idOf(p.key));
        break;
      case 'handIn': {
        const pid = idOf(p.key);
        const ctx = step.holder === 'centre' ? agent : supervisor;
        const wrapped = await wrappedShares(tx, ctx, pid);
        const [centreKey, supervisorKey] = await keys();
        const key = step.holder === 'centre' ? centreKey : supervisorKey;
        const shares = [];
        for (const item of wrapped.items) {
          if (item.wrapped.kind !== 'ecies') throw new Error('a custodian share must be key-wrapped');
          const share = await unwrapWithKey(item.wrapped, key, shareContext(pid, item.bidId, step.holder));
          shares.push({ bidId: item.bidId, share: toBase64(share) });
        }
        await handInShares(tx, ctx, pid, { shares }, area.store);
        break;
      }
      case 'committee':
        await formCommittee(tx, agent, idOf(p.key), {
          reviewAt: step.reviewAt,
          reviewPlace: `${COUNTY}政府采购中心评标一室`,
          remote: false,
          complex: false,
          regionCodes: [],
          slots: [{ specialtyCode: p.specialty, count: 4, alternates: 2 }],
          purchaserReps: [{ name: actors.purchaser.displayName, userId: actors.purchaser.userId }],
        });
        break;
      case 'draw': {
        const view = await prepareCommitteeDraw(tx, agent, idOf(p.key));
        const d = view.draws.find((x) => x.status === 'committed');
        if (!d) throw new Error('demo committee draw missing');
        drawIds.set(p.key, d.id);
        break;
      }
      case 'witness':
        await witnessDraw(
          tx,
          supervisor,
          drawIds.get(p.key) ?? '',
          `评审专家抽取现场 ${shanghaiDay(step.at)} 孙立新 ${p.name.length * 7919}`,
        );
        break;
      case 'respond': {
        // Each drawn expert answers; with `decline`, the first cannot come and the next in the order is invited.
        let t = step.at;
        let declined = !step.decline;
        for (let guard = 0; guard < 20; guard++) {
          const invited = (await seatsOf(idOf(p.key))).filter(
            (s) => s.kind === 'expert' && s.status === 'invited',
          );
          const seat = invited[0];
          if (!seat) break;
          t = plus(t, 11);
          clock.set(t);
          const decline = !declined;
          declined = true;
          await respondToInvitation(
            tx,
            expertCtx(seat.expertId),
            seat.id,
            decline
              ? { accept: false, reason: '评审当日需参加单位组织的技术培训，无法到场' }
              : { accept: true, reason: null },
          );
        }
        break;
      }
      case 'review':
        await review(p, step.at);
        break;
    }
  };

  const until = async (at: Date): Promise<void> => {
    for (let step = timeline.steps[next]; step && step.at < at; step = timeline.steps[next]) {
      await before(step.at);
      await run(step);
      next++;
      onStep();
    }
    await before(at);
  };

  return {
    until,
    finish: async () => {
      await until(new Date(8.64e15));
      return { projects: projectIds.size };
    },
    projectOf: (key) => projectIds.get(key) ?? null,
  };
}
