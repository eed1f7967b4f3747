/**
 * The demo's awards, challenges, complaints, contracts and performance (RULES.md §2.2, §2.3, §6), driven through the
 * award module's own use cases inside the seed's transaction, each step with the clock at its time. The signed
 * reports of evaluation.ts reach the purchaser by themselves (a domain event); from there:
 *
 * - 教育城域网运维服务: still 待采购人确认 — the purchaser recorded a lawful reason for the delay (87号令68), so
 *   nothing is deemed and `caigouren` can confirm it;
 * - 中小学录播教室设备: confirmed, result published, and a losing bidder's 质疑 of the result not yet answered, which
 *   suspends signing (条例54);
 * - 教师办公用计算机: confirmed, published, a 质疑 answered (dismissed), then a 投诉 accepted by the finance
 *   supervisor, who suspended the procurement (法57, at most 30 日);
 * - 第二中学教学楼维修改造工程: contract generated, signed by both parties with their own keys, published (条例50)
 *   and filed (法47); milestones planned, the first reported and confirmed, the second overdue with an issue raised
 *   and answered;
 * - 教研室便携式计算机 (evaluated two months back): performed, accepted (验收), invoiced, payment due;
 * - 班班通交互式一体机 (evaluated three months back): accepted and paid in full — completed, with its savings;
 * - 学生机房计算机 (废标 at the evaluation): retendered as a new draft.
 *
 * Most steps are counted in working days from the review; the accepted project's last steps are counted back from
 * the seed day, so its payment is still due. A step that would fall on or after `now` — and every later step of
 * that project — is left out: on some days the demo simply has not got as far.
 */
import { asc, eq } from 'drizzle-orm';
import type { RequestContext, UserActor } from '../../platform/auth/actor.ts';
import { fixedClock, shanghaiDay } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { confirmWinner, publishResult, recordDelay } from '../../modules/award/index.ts';
import { awardOf } from '../../modules/award/decision/index.ts';
import {
  acceptComplaint,
  fileChallenge,
  fileComplaint,
  replyToChallenge,
  suspendProcurement,
} from '../../modules/award/challenges/index.ts';
import {
  fileContract,
  generateContracts,
  publishContract,
  registerSigningKey,
  signContractWith,
} from '../../modules/award/contracts/index.ts';
import {
  MIN_SIGNING_KEY_ITERATIONS,
  newSigningKey,
  type NewSigningKey,
  type SigningKeyHandle,
} from '../../modules/award/contracts/signature.contract.ts';
import { generateBody } from '../../modules/award/contracts/contract.ts';
import {
  answerIssue,
  confirmMilestone,
  planMilestones,
  proposeChecklist,
  raiseIssue,
  recordAcceptance,
  recordInvoice,
  recordPayment,
  reportMilestone,
} from '../../modules/award/performance/index.ts';
import { challenges, invoices, milestones } from '../../modules/award/tables.ts';
import { retenderProject } from '../../modules/tendering/index.ts';
import { DEMO_PASSWORD } from './data.ts';
import { dayAt, nextOfficeDay, type EvaluationTimeline } from './evaluation.ts';

/* ------------------------------------------------------------------------------------------------------------ */
/* Timeline                                                                                                     */
/* ------------------------------------------------------------------------------------------------------------ */

type MilestoneKind = 'delivery' | 'installation' | 'training' | 'service' | 'other';
interface PlannedMilestone {
  kind: MilestoneKind;
  title: string;
  dueOn: string;
}

export type AwardStep =
  | { at: Date; kind: 'delay'; key: string }
  | { at: Date; kind: 'confirm'; key: string }
  | { at: Date; kind: 'result'; key: string }
  | { at: Date; kind: 'challenge'; key: string; requests: string; facts: string }
  | { at: Date; kind: 'reply'; key: string; reply: string }
  | { at: Date; kind: 'complain'; key: string; requests: string; facts: string }
  | { at: Date; kind: 'acceptComplaint'; key: string }
  | { at: Date; kind: 'suspend'; key: string; reason: string }
  | {
      at: Date;
      kind: 'generate';
      key: string;
      bondPercent: number;
      performancePeriod: string;
      deliveryPlace: string;
    }
  | { at: Date; kind: 'sign'; key: string; party: 'purchaser' | 'supplier' }
  | { at: Date; kind: 'publishContract'; key: string }
  | { at: Date; kind: 'file'; key: string; serial: string }
  | { at: Date; kind: 'plan'; key: string; milestones: PlannedMilestone[] }
  | { at: Date; kind: 'report'; key: string; seq: number; note: string }
  | { at: Date; kind: 'confirmMilestone'; key: string; seq: number }
  | { at: Date; kind: 'issue'; key: string; seq: number; description: string }
  | { at: Date; kind: 'answer'; key: string; response: string }
  | { at: Date; kind: 'accept'; key: string; opinion: string }
  | { at: Date; kind: 'invoice'; key: string; number: string }
  | { at: Date; kind: 'pay'; key: string; serial: string }
  | { at: Date; kind: 'retender'; key: string; reason: string };

export interface AwardTimeline {
  steps: AwardStep[];
}

/** Working days from a day (negative: back), on the office calendar evaluation.ts uses. */
function office(day: string, n: number): string {
  let d = day;
  for (let i = 0; i < Math.abs(n); i++) d = nextOfficeDay(d, n < 0 ? -1 : 1);
  return d;
}

/** `days` calendar days after `day`, or the office day before when that is not one. */
function officeDayFrom(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  const shifted = d.toISOString().slice(0, 10);
  return nextOfficeDay(nextOfficeDay(shifted, 1), -1);
}

type Script = (reviewedOn: string, today: string, key: string) => AwardStep[];

const REPAIR_PERIOD = '60 日历天（须在暑假期间完工）';

/** What happens after each reviewed project's report, by the evaluation plan's key. */
const SCRIPTS: Record<string, Script> = {
  'network-ops': (r, _today, key) => [{ at: dayAt(office(r, 4), '16:20'), kind: 'delay', key }],

  recording: (r, today, key) => {
    // The losing bidder files on the last office day before today, or the window's last day if that is earlier.
    const windowCloses = office(office(r, 2), 8);
    const last = office(today, -1);
    const filedOn = last < windowCloses ? last : windowCloses;
    return [
      { at: dayAt(office(r, 1), '11:00'), kind: 'confirm', key },
      { at: dayAt(office(r, 2), '10:00'), kind: 'result', key },
      {
        at: dayAt(filedOn > office(r, 2) ? filedOn : office(r, 3), '14:30'),
        kind: 'challenge',
        key,
        requests: '请求对本项目中标结果依法重新审查，责令原评审委员会重新评审或者另行确定中标供应商',
        facts:
          '中标供应商的报价明显低于其他投标人的报价，不足其他投标人平均报价的一半。评审委员会虽要求其作出说明，但其所附成本测算未包含三年质保和教师培训费用，不能证明其报价合理；评审报告中亦有评审专家对此签署了不同意见。',
      },
    ];
  },

  'teacher-pcs': (r, _today, key) => [
    { at: dayAt(office(r, 1), '10:10'), kind: 'confirm', key },
    { at: dayAt(office(r, 2), '09:30'), kind: 'result', key },
    {
      at: dayAt(office(r, 4), '15:20'),
      kind: 'challenge',
      key,
      requests: '请求确认中标供应商的投标无效，依法另行确定中标供应商',
      facts:
        '中标供应商所投台式计算机的处理器为 4 核产品，不满足招标文件“处理器不低于 6 核”的技术要求，评审委员会未予认定，评审结果错误。',
    },
    {
      at: dayAt(office(r, 6), '16:00'),
      kind: 'reply',
      key,
      reply:
        '经核查，中标供应商投标文件的技术参数响应表及所附产品彩页均载明所投产品处理器为 6 核 12 线程，满足招标文件要求；评审委员会按照招标文件规定的评审程序和标准进行评审。质疑事项缺乏事实依据，质疑不成立。',
    },
    {
      at: dayAt(office(r, 7), '10:30'),
      kind: 'complain',
      key,
      requests: '请求财政部门认定质疑答复错误，责令采购人另行确定中标供应商',
      facts:
        '质疑答复未对中标供应商所投产品型号与所附彩页不一致的问题作出说明。我公司已取得该型号产品的官方参数页，证明其处理器为 4 核，质疑答复认定事实错误。',
    },
    { at: dayAt(office(r, 8), '09:40'), kind: 'acceptComplaint', key },
    {
      at: dayAt(office(r, 8), '10:10'),
      kind: 'suspend',
      key,
      reason:
        '投诉事项可能影响中标结果，为核实所投产品的技术参数，暂停本项目采购活动（政府采购法第五十七条）',
    },
  ],

  'school-repair': (r, _today, key) => {
    const signedOn = office(r, 4);
    return [
      { at: dayAt(office(r, 1), '09:50'), kind: 'confirm', key },
      { at: dayAt(office(r, 2), '09:10'), kind: 'result', key },
      {
        at: dayAt(office(r, 3), '10:00'),
        kind: 'generate',
        key,
        bondPercent: 5,
        performancePeriod: REPAIR_PERIOD,
        deliveryPlace: '云岭县第二中学',
      },
      { at: dayAt(office(r, 3), '15:30'), kind: 'sign', key, party: 'purchaser' },
      { at: dayAt(signedOn, '09:30'), kind: 'sign', key, party: 'supplier' },
      {
        at: dayAt(signedOn, '14:00'),
        kind: 'plan',
        key,
        milestones: [
          { kind: 'other', title: '施工人员、机械进场', dueOn: office(r, 5) },
          { kind: 'other', title: '屋面原防水层拆除完成', dueOn: office(r, 6) },
          { kind: 'installation', title: '屋面防水及外墙保温施工完成', dueOn: officeDayFrom(signedOn, 45) },
          { kind: 'other', title: '竣工验收', dueOn: officeDayFrom(signedOn, 58) },
        ],
      },
      { at: dayAt(office(r, 5), '09:20'), kind: 'publishContract', key },
      { at: dayAt(office(r, 5), '17:00'), kind: 'report', key, seq: 1, note: '施工人员 26 人及机械已进场' },
      { at: dayAt(office(r, 6), '10:00'), kind: 'file', key, serial: '0217' },
      { at: dayAt(office(r, 6), '11:00'), kind: 'confirmMilestone', key, seq: 1 },
      {
        at: dayAt(office(r, 7), '09:30'),
        kind: 'issue',
        key,
        seq: 2,
        description:
          '屋面原防水层拆除未按履约计划完成，现场施工人员不足，影响后续防水施工和暑假期间完工的目标，请说明原因并提出整改措施',
      },
      {
        at: dayAt(office(r, 7), '16:10'),
        kind: 'answer',
        key,
        response:
          '因连续降雨停工两日。已增派施工人员 12 名，计划三日内完成拆除，并保证在暑假结束前完成全部施工内容。',
      },
    ];
  },

  'teaching-laptops': (r, today, key) => {
    // Performed up to the payment: the acceptance a few working days back, the payment still due.
    const back = (n: number) => {
      const d = office(today, -n);
      const floor = office(r, 6);
      return d > floor ? d : office(floor, 10 - n);
    };
    return [
      { at: dayAt(office(r, 1), '10:30'), kind: 'confirm', key },
      { at: dayAt(office(r, 2), '09:40'), kind: 'result', key },
      {
        at: dayAt(office(r, 3), '10:00'),
        kind: 'generate',
        key,
        bondPercent: 0,
        performancePeriod: '合同签订后 20 日内交货',
        deliveryPlace: '云岭县教育局教研室',
      },
      { at: dayAt(office(r, 4), '10:00'), kind: 'sign', key, party: 'purchaser' },
      { at: dayAt(office(r, 4), '15:00'), kind: 'sign', key, party: 'supplier' },
      {
        at: dayAt(office(r, 5), '09:30'),
        kind: 'plan',
        key,
        milestones: [
          { kind: 'delivery', title: '40 台便携式计算机到货', dueOn: back(9) },
          { kind: 'installation', title: '预装软件、资产登记及发放', dueOn: back(6) },
        ],
      },
      { at: dayAt(office(r, 5), '10:00'), kind: 'publishContract', key },
      { at: dayAt(office(r, 6), '10:00'), kind: 'file', key, serial: '0198' },
      { at: dayAt(back(10), '16:00'), kind: 'report', key, seq: 1, note: '40 台已送达教研室，附送货单' },
      { at: dayAt(back(9), '10:00'), kind: 'confirmMilestone', key, seq: 1 },
      { at: dayAt(back(6), '15:00'), kind: 'report', key, seq: 2, note: '已完成软件预装和资产登记' },
      { at: dayAt(back(5), '10:00'), kind: 'confirmMilestone', key, seq: 2 },
      {
        at: dayAt(back(4), '15:00'),
        kind: 'accept',
        key,
        opinion: '货物数量、规格型号与合同一致，开机运行正常，技术参数满足采购需求和投标承诺，验收合格。',
      },
      { at: dayAt(back(3), '10:00'), kind: 'invoice', key, number: '15320417' },
    ];
  },

  smartboards: (r, _today, key) => [
    { at: dayAt(office(r, 1), '10:00'), kind: 'confirm', key },
    { at: dayAt(office(r, 2), '09:30'), kind: 'result', key },
    {
      at: dayAt(office(r, 3), '10:00'),
      kind: 'generate',
      key,
      bondPercent: 5,
      performancePeriod: '合同签订后 30 日内交货并完成安装调试和培训',
      deliveryPlace: '云岭县教育局所属各中小学',
    },
    { at: dayAt(office(r, 4), '10:00'), kind: 'sign', key, party: 'purchaser' },
    { at: dayAt(office(r, 4), '16:00'), kind: 'sign', key, party: 'supplier' },
    {
      at: dayAt(office(r, 5), '09:30'),
      kind: 'plan',
      key,
      milestones: [
        { kind: 'delivery', title: '60 台交互式一体机到货', dueOn: office(r, 14) },
        { kind: 'installation', title: '安装调试完成', dueOn: office(r, 18) },
        { kind: 'training', title: '教师操作培训', dueOn: office(r, 19) },
      ],
    },
    { at: dayAt(office(r, 5), '10:30'), kind: 'publishContract', key },
    { at: dayAt(office(r, 6), '10:00'), kind: 'file', key, serial: '0154' },
    { at: dayAt(office(r, 13), '16:00'), kind: 'report', key, seq: 1, note: '60 台已分送各校，附签收单' },
    { at: dayAt(office(r, 14), '10:00'), kind: 'confirmMilestone', key, seq: 1 },
    { at: dayAt(office(r, 17), '16:30'), kind: 'report', key, seq: 2, note: '各校一体机已安装调试完毕' },
    { at: dayAt(office(r, 18), '10:00'), kind: 'confirmMilestone', key, seq: 2 },
    { at: dayAt(office(r, 19), '11:30'), kind: 'report', key, seq: 3, note: '已完成 3 场教师操作培训' },
    { at: dayAt(office(r, 19), '15:00'), kind: 'confirmMilestone', key, seq: 3 },
    {
      at: dayAt(office(r, 20), '15:00'),
      kind: 'accept',
      key,
      opinion: '设备数量、规格型号与合同一致，安装规范，运行正常，培训已完成，验收合格。',
    },
    { at: dayAt(office(r, 21), '10:00'), kind: 'invoice', key, number: '15310962' },
    { at: dayAt(office(r, 30), '10:00'), kind: 'pay', key, serial: '0871' },
  ],

  'lab-pcs': (r, _today, key) => [
    {
      at: dayAt(office(r, 3), '10:00'),
      kind: 'retender',
      key,
      reason: '合格投标人不足三家，项目废标；经核实采购需求无不合理条件，重新组织公开招标',
    },
  ],
};

/**
 * The award steps of each project the evaluation run reviewed, dated from its review day and before `now`: a
 * project's steps stop at its first step not yet due.
 */
export function awardTimeline(evaluation: EvaluationTimeline, now: Date): AwardTimeline {
  const today = shanghaiDay(now);
  const steps: AwardStep[] = [];
  for (const [key, script] of Object.entries(SCRIPTS)) {
    const review = evaluation.steps.find((s) => s.kind === 'review' && s.key === key);
    if (!review) continue;
    const own = script(shanghaiDay(review.at), today, key);
    const cut = own.findIndex((s) => s.at >= now);
    steps.push(...(cut < 0 ? own : own.slice(0, cut)));
  }
  const ordered = steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.at.getTime() - b.s.at.getTime() || a.i - b.i);
  return { steps: ordered.map((x) => x.s) };
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Run                                                                                                          */
/* ------------------------------------------------------------------------------------------------------------ */

export interface AwardActors {
  agent: UserActor;
  /** The finance supervisor: handles the complaint. */
  supervisor: UserActor;
  /** 云岭县教育局's account: confirms, signs, performs. */
  purchaser: UserActor;
  /** A supplier's account (a bidder's), by supplier id. */
  supplier: (supplierId: string) => UserActor | null;
  /** The project the evaluation run made for a plan key. */
  projectOf: (key: string) => string | null;
}

export interface AwardCounts {
  /** Projects made here (the retender's draft). */
  projects: number;
}

export interface AwardRun {
  until: (at: Date) => Promise<void>;
  finish: () => Promise<AwardCounts>;
}

/**
 * Drives the award use cases step by step, the clock at each step's time; `before` runs the evaluation run's
 * (and through it the bidding run's) steps dated earlier.
 */
export function runAward(
  tx: Tx,
  timeline: AwardTimeline,
  actors: AwardActors,
  onStep: () => void,
  before: (at: Date) => Promise<void>,
): AwardRun {
  const clock = fixedClock(new Date(0));
  const as = (actor: UserActor): RequestContext => ({ actor, requestId: null, clock });
  const agent = as(actors.agent);
  const supervisor = as(actors.supervisor);
  const purchaser = as(actors.purchaser);
  const contractIds = new Map<string, string>();
  const challengeIds = new Map<string, string>();
  const complaintIds = new Map<string, string>();
  const issueIds = new Map<string, string>();
  const signingKeys = new Map<string, Promise<SigningKeyHandle>>();
  // The signers' key pairs, made (PBKDF2 off the main thread) as soon as the run is created, as bidding.ts does
  // for the custodians: one for the purchaser and one per project its winner signs. Registered when first used.
  const signers = new Set(
    timeline.steps.flatMap((s) => (s.kind === 'sign' ? [s.party === 'purchaser' ? s.party : s.key] : [])),
  );
  const made: Promise<NewSigningKey>[] = [...signers].map(() =>
    newSigningKey(DEMO_PASSWORD, MIN_SIGNING_KEY_ITERATIONS),
  );
  // Not awaited until needed: keep a failure from surfacing as an unhandled rejection in the meantime.
  for (const m of made) m.catch(() => {});
  /** Projects whose story stopped early: a later clock fell outside the published holiday calendar. */
  const stopped = new Set<string>();
  let retendered = 0;
  let next = 0;

  const projectId = (key: string): string => {
    const id = actors.projectOf(key);
    if (!id) throw new Error(`demo award names a project the evaluation run did not make: ${key}`);
    return id;
  };
  const contractOf = (key: string): string => {
    const id = contractIds.get(key);
    if (!id) throw new Error(`demo contract of ${key} used before it was generated`);
    return id;
  };
  const award = async (key: string) => {
    const row = await awardOf(tx, projectId(key), 1);
    if (!row) throw new Error(`demo award of ${key} missing`);
    return row;
  };
  const supplierCtx = (supplierId: string | null): RequestContext => {
    const actor = supplierId ? actors.supplier(supplierId) : null;
    if (!actor) throw new Error(`demo supplier ${supplierId} has no account`);
    return as(actor);
  };
  const winner = async (key: string): Promise<RequestContext> =>
    supplierCtx((await award(key)).winnerSupplierId);
  /** The bidder ranked after the winner: the one that challenges. */
  const runnerUp = async (key: string): Promise<RequestContext> => {
    const row = await award(key);
    const other = row.candidates.find((c) => c.supplierId !== row.winnerSupplierId);
    if (!other) throw new Error(`demo award of ${key} has no other candidate`);
    return supplierCtx(other.supplierId);
  };
  /**
   * The account's signing key, wrapped with the demo password: registered the first time it signs, as its browser
   * does (it unwraps with the same password in the UI).
   */
  const keyOf = (ctx: RequestContext): Promise<SigningKeyHandle> => {
    if (ctx.actor.kind !== 'user') throw new Error('only accounts sign');
    const userId = ctx.actor.userId;
    let key = signingKeys.get(userId);
    if (!key) {
      const pair = made.shift();
      if (!pair) throw new Error('demo signing keys ran out');
      key = pair.then(async (k) => {
        await registerSigningKey(tx, ctx, {
          publicKey: k.publicKey,
          fingerprint: k.fingerprint,
          wrapped: k.wrapped,
        });
        return k.privateKey;
      });
      signingKeys.set(userId, key);
    }
    return key;
  };
  const milestoneOf = async (key: string, seq: number): Promise<string> => {
    const rows = await tx
      .select({ id: milestones.id, seq: milestones.seq })
      .from(milestones)
      .where(eq(milestones.contractId, contractOf(key)))
      .orderBy(asc(milestones.seq));
    const m = rows.find((x) => x.seq === seq);
    if (!m) throw new Error(`demo milestone ${seq} of ${key} missing`);
    return m.id;
  };
  const day = (at: Date): string => shanghaiDay(at);

  const run = async (step: AwardStep): Promise<void> => {
    clock.set(step.at);
    const key = step.key;
    switch (step.kind) {
      case 'delay':
        await recordDelay(tx, purchaser, projectId(key), 1, {
          reason:
            '评审报告推荐的第一中标候选人所报驻场运维人员的网络工程师资格证书需向发证机构核实，已书面通知其补充证明材料，核实后即确认',
        });
        break;
      case 'confirm': {
        const row = await award(key);
        const first = row.candidates[0];
        if (!first) throw new Error(`demo award of ${key} has no candidate`);
        await confirmWinner(tx, purchaser, projectId(key), 1, { bidId: first.bidId, passedOver: [] });
        break;
      }
      case 'result':
        await publishResult(tx, agent, projectId(key));
        break;
      case 'challenge': {
        const view = await fileChallenge(tx, await runnerUp(key), projectId(key), {
          lotNo: 1,
          subject: 'result',
          knewOn: null,
          requests: step.requests,
          facts: step.facts,
          evidenceFileIds: [],
        });
        challengeIds.set(key, view.id);
        break;
      }
      case 'reply':
        await replyToChallenge(tx, agent, challengeIds.get(key) ?? '', {
          reply: step.reply,
          outcome: 'dismissed',
          remedy: null,
        });
        break;
      case 'complain': {
        const [c] = await tx
          .select()
          .from(challenges)
          .where(eq(challenges.id, challengeIds.get(key) ?? ''));
        const view = await fileComplaint(tx, supplierCtx(c?.supplierId ?? null), c?.id ?? '', {
          requests: step.requests,
          facts: step.facts,
          evidenceFileIds: [],
        });
        complaintIds.set(key, view.id);
        break;
      }
      case 'acceptComplaint':
        await acceptComplaint(tx, supervisor, complaintIds.get(key) ?? '');
        break;
      case 'suspend':
        await suspendProcurement(tx, supervisor, complaintIds.get(key) ?? '', {
          endsOn: null,
          reason: step.reason,
        });
        break;
      case 'generate': {
        const amount = (await award(key)).amountFen ?? 0n;
        // The bond in whole yuan, at most 10% of the amount (条例48).
        const bondFen = ((amount * BigInt(step.bondPercent)) / 10_000n) * 100n;
        const [id] = await generateContracts(
          tx,
          agent,
          projectId(key),
          1,
          generateBody.parse({
            bondFen: bondFen.toString(),
            bondForm: bondFen > 0n ? 'bankGuarantee' : 'none',
            paymentTermsDays: 30,
            performancePeriod: step.performancePeriod,
            deliveryPlace: step.deliveryPlace,
          }),
        );
        if (!id) throw new Error(`demo contract of ${key} not generated`);
        contractIds.set(key, id);
        break;
      }
      case 'sign': {
        const ctx = step.party === 'purchaser' ? purchaser : await winner(key);
        await signContractWith(tx, ctx, contractOf(key), await keyOf(ctx));
        break;
      }
      case 'publishContract':
        await publishContract(tx, agent, contractOf(key));
        break;
      case 'file':
        await fileContract(tx, purchaser, contractOf(key), {
          filingReference: `云财采备〔${day(step.at).slice(0, 4)}〕${step.serial}号`,
        });
        break;
      case 'plan':
        await planMilestones(tx, purchaser, contractOf(key), {
          milestones: step.milestones.map((m) => ({ id: null, periodEndsOn: null, ...m })),
        });
        break;
      case 'report':
        await reportMilestone(tx, await winner(key), await milestoneOf(key, step.seq), {
          reportedOn: day(step.at),
          note: step.note,
        });
        break;
      case 'confirmMilestone':
        await confirmMilestone(tx, purchaser, await milestoneOf(key, step.seq));
        break;
      case 'issue': {
        const { id } = await raiseIssue(tx, purchaser, contractOf(key), {
          category: 'late',
          description: step.description,
          milestoneId: await milestoneOf(key, step.seq),
          responseDays: 3,
        });
        issueIds.set(key, id);
        break;
      }
      case 'answer':
        await answerIssue(tx, await winner(key), issueIds.get(key) ?? '', { response: step.response });
        break;
      case 'accept': {
        const checklist = await proposeChecklist(tx, purchaser, contractOf(key));
        await recordAcceptance(tx, purchaser, contractOf(key), {
          items: checklist.items.map((i) => ({ id: i.id, result: 'pass' })),
          members: [actors.purchaser.displayName, '王建国', '赵丽华'],
          testingBody: null,
          complex: false,
          publicService: false,
          recipientsOpinion: null,
          opinion: step.opinion,
          acceptedOn: day(step.at),
        });
        break;
      }
      case 'invoice': {
        const amount = (await award(key)).amountFen ?? 0n;
        await recordInvoice(tx, await winner(key), contractOf(key), {
          number: step.number,
          amountFen: amount.toString(),
          issuedOn: day(step.at),
          receivedOn: day(step.at),
          fileId: null,
        });
        break;
      }
      case 'pay': {
        const [invoice] = await tx
          .select()
          .from(invoices)
          .where(eq(invoices.contractId, contractOf(key)));
        if (!invoice) throw new Error(`demo invoice of ${key} missing`);
        await recordPayment(tx, purchaser, contractOf(key), {
          amountFen: invoice.amountFen.toString(),
          paidOn: day(step.at),
          reference: `云岭县国库集中支付 ${day(step.at).slice(0, 4)}-${step.serial}`,
          invoiceId: invoice.id,
        });
        break;
      }
      case 'retender': {
        await retenderProject(tx, agent, projectId(key), { reason: step.reason, methodReason: null });
        retendered++;
        break;
      }
    }
  };

  const until = async (at: Date): Promise<void> => {
    for (let step = timeline.steps[next]; step && step.at < at; step = timeline.steps[next]) {
      await before(step.at);
      if (!stopped.has(step.key)) {
        try {
          await run(step);
        } catch (e) {
          // Near the end of the published holiday calendar (a December seed) a clock this step starts can reach
          // a year not yet covered: the use case refuses it as it would refuse a user, and the story stops here.
          if (!(e instanceof AppError && e.code === 'CALENDAR_NOT_COVERED')) throw e;
          stopped.add(step.key);
        }
      }
      next++;
      onStep();
    }
    await before(at);
  };

  return {
    until,
    finish: async () => {
      await until(new Date(8.64e15));
      return { projects: retendered };
    },
  };
}
