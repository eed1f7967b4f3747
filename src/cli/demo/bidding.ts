/**
 * The demo's sealed bids and openings (ADR 0005), driven through the bidding module's own use cases inside the
 * seed's transaction, each step with the clock at its time: the agent 刘婷 (jingban) and the finance supervisor
 * 孙立新 (caizheng) set up opening keys under a documented passphrase; on two projects still open for bids a
 * handful of suppliers register and send sealed bids (one replaced, one withdrawn) that stay sealed; three
 * projects past their deadline are closed by the scheduled job and opened — the custodians unwrap their shares
 * locally, as their browsers would, and hand them in — giving signed opening records, a lot not opened for want
 * of three bids with the objection it drew and its answer, and a project failed at the opening (废标).
 *
 * Like tendering.ts: the plan (pure, from its own random stream), the timeline (pure, dated from the tendering
 * timeline's publications, every step before the seed's clock and every bid before its deadline — a step that
 * cannot be placed so is left out), and the run. Key material, nonces and bid ids are random by nature.
 */
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { RequestContext, UserActor } from '../../platform/auth/actor.ts';
import { isRole } from '../../platform/auth/actor.ts';
import { isWorkingDay } from '../../platform/calendar.ts';
import { fixedClock, shanghaiDay } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/client.ts';
import { runDueJobs } from '../../platform/jobs/runner.ts';
import { seededRng } from '../../platform/rng.ts';
import { bidEnvelope } from '../../modules/bidding/contract.ts';
import {
  assignCustodians,
  readSealingKeys,
  registerCustodianKey,
  registerForProject,
} from '../../modules/bidding/commands.ts';
import { submitBid, withdrawBid } from '../../modules/bidding/submission.ts';
import {
  answerObjection,
  handInShares,
  raiseObjection,
  startOpening,
  wrappedShares,
} from '../../modules/bidding/opening.ts';
import {
  newCustodianKey,
  sealBid,
  shareContext,
  toBase64,
  unlockCustodianKey,
  unwrapWithKey,
  type CryptoKeyHandle,
  type CustodianKey,
  type Declarations,
} from '../../modules/bidding/sealing.contract.ts';
import { bids, lotOpenings } from '../../modules/bidding/tables.ts';
import { projects, tenderingJobs } from '../../modules/tendering/index.ts';
import { addDays, Gen, type DemoAccount, type DemoSupplier } from './data.ts';
import type { DemoProjectSpec, TenderingTimeline } from './tendering.ts';

/** The opening-key passphrase of both demo custodians (jingban, caizheng): in the README, to unlock in the UI. */
export const DEMO_OPENING_PASSPHRASE = '开标密钥Zhengcai2026';
/** The bid passphrase of every demo bid: a demo bidder can hand in its own share at an opening with it. */
export const DEMO_BID_PASSPHRASE = '投标口令Zhengcai2026';
/**
 * PBKDF2 rounds wrapping the demo bidders' shares. The custodians' keys keep the full PBKDF2_ITERATIONS; the
 * bids' shares use fewer only because the seed seals a score of them on every empty start (each envelope
 * records its own count, and the browser seals real bids with the full count).
 */
export const DEMO_BID_ITERATIONS = 100_000;

const COUNTY = '云岭县';
/** The IT trade the demo's bidders come from, in order of preference (the first approved, unsanctioned ones). */
const IT_TRADE = [
  '内蒙古拓维数码科技有限公司',
  '内蒙古云图信息技术有限公司',
  '赤峰市启明办公设备有限公司',
  `${COUNTY}华信网络工程有限公司`,
  '赤峰市鼎新电子科技有限公司',
  '赤峰市智联安防科技有限公司',
];
/** Bidder 0 is the demo supplier account; the others get these accounts, with the demo password. */
export const DEMO_BIDDER_USERNAMES = ['gongyingshang2', 'gongyingshang3', 'gongyingshang4', 'gongyingshang5'];

/** Supplier accounts for the demo's other bidders, bound to the first approved, unsanctioned firms of the trade. */
export function demoBidderAccounts(
  suppliers: readonly DemoSupplier[],
  sanctioned: ReadonlySet<string>,
): DemoAccount[] {
  const firms = IT_TRADE.map((name) => suppliers.find((s) => s.name === name)).filter(
    (s): s is DemoSupplier => s !== undefined && s.status === 'approved' && !sanctioned.has(s.name),
  );
  return DEMO_BIDDER_USERNAMES.slice(0, firms.length).map((username, i) => {
    const firm = firms[i] as DemoSupplier;
    return {
      username,
      role: 'supplier',
      displayName: firm.contactName,
      org: firm.name,
      binding: { kind: 'supplier', name: firm.name },
    };
  });
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Plan                                                                                                         */
/* ------------------------------------------------------------------------------------------------------------ */

interface BidPlan {
  /** 0: gongyingshang; n: DEMO_BIDDER_USERNAMES[n - 1]. */
  bidder: number;
  lots: number[];
  /** First sent for these lots, then replaced by the bid above (a new bid before the deadline). */
  replaces?: number[];
  withdrawn?: boolean;
}

interface ProjectPlan {
  key: string;
  /** Opened at the deadline (once it has passed); otherwise the bids stay sealed. */
  open: boolean;
  bids: BidPlan[];
  objection?: { bidder: number; text: string; answer: string };
}

const PLANS: readonly ProjectPlan[] = [
  {
    key: 'multimedia',
    open: false,
    bids: [
      { bidder: 0, lots: [1, 3], replaces: [3] },
      { bidder: 1, lots: [1, 2] },
      { bidder: 2, lots: [3] },
    ],
  },
  {
    key: 'laptops',
    open: false,
    bids: [
      { bidder: 2, lots: [1] },
      { bidder: 0, lots: [1] },
      { bidder: 4, lots: [1], withdrawn: true },
    ],
  },
  {
    key: 'office',
    open: true,
    bids: [
      { bidder: 0, lots: [1] },
      { bidder: 1, lots: [1] },
      { bidder: 3, lots: [1, 2] },
      { bidder: 2, lots: [1] },
      { bidder: 4, lots: [2] },
    ],
    objection: {
      bidder: 4,
      text: '本公司已按时递交第 2 包（复印机）投标文件，请说明第 2 包未开标的原因及后续安排。',
      answer:
        '第 2 包递交投标文件的供应商不足三家，依照《政府采购货物和服务招标投标管理办法》第四十一条不予开标；采购人将依法另行组织采购，贵公司的投标保证金将在五个工作日内退还。',
    },
  },
  {
    key: 'network',
    open: true,
    bids: [
      { bidder: 2, lots: [1] },
      { bidder: 1, lots: [1] },
      { bidder: 4, lots: [1] },
    ],
  },
  {
    key: 'clinic-pcs',
    open: true,
    bids: [
      { bidder: 3, lots: [1] },
      { bidder: 0, lots: [1] },
    ],
  },
];

const ITEMS: Record<string, string> = { 交货期: '合同签订后 20 日内', 质保期: '三年' };

/* ------------------------------------------------------------------------------------------------------------ */
/* Timeline                                                                                                     */
/* ------------------------------------------------------------------------------------------------------------ */

export type BidStep =
  | { at: Date; kind: 'key'; username: string }
  | { at: Date; kind: 'custodians'; key: string }
  | { at: Date; kind: 'register'; key: string; bidder: number }
  | {
      at: Date;
      kind: 'submit';
      key: string;
      bidder: number;
      prices: { lotNo: number; priceFen: string }[];
    }
  | { at: Date; kind: 'withdraw'; key: string; bidder: number }
  | { at: Date; kind: 'close'; key: string }
  | { at: Date; kind: 'open'; key: string }
  | { at: Date; kind: 'handIn'; key: string; holder: 'centre' | 'supervisor' }
  | { at: Date; kind: 'object'; key: string; bidder: number; text: string }
  | { at: Date; kind: 'answer'; key: string; answer: string };

export interface BiddingTimeline {
  steps: BidStep[];
  /** Project key → name, for finding the project the tendering run created. */
  names: Map<string, string>;
}

const MINUTE = 60_000;
const plus = (at: Date, minutes: number): Date => new Date(at.getTime() + minutes * MINUTE);

/** A working day where the legal calendar covers it; beyond it, Monday to Friday. */
function officeDay(day: string): boolean {
  try {
    return isWorkingDay(day);
  } catch {
    const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
    return wd !== 0 && wd !== 6;
  }
}

/** Beijing time of day, minutes after midnight. */
const minuteOfDay = (at: Date): number => {
  const t = new Date(at.getTime() + 8 * 3_600_000);
  return t.getUTCHours() * 60 + t.getUTCMinutes();
};

/** An instant in (from, to), preferably in office hours on a working day; null when the window is too short. */
function instantIn(g: Gen, from: Date, to: Date): Date | null {
  const span = Math.floor((to.getTime() - from.getTime()) / MINUTE) - 1;
  if (span < 1) return null;
  let fallback: Date | null = null;
  for (let i = 0; i < 40; i++) {
    const at = plus(from, 1 + g.int(0, span - 1));
    fallback ??= at;
    const m = minuteOfDay(at);
    if (m >= 8 * 60 + 40 && m <= 17 * 60 + 20 && officeDay(shanghaiDay(at))) return at;
  }
  return fallback;
}

/** A price below the lot's ceiling (or budget), in whole hundreds of yuan. */
function priceOf(g: Gen, lot: DemoProjectSpec['lots'][number] | undefined, over = 0): string {
  const base = lot?.ceilingFen ?? lot?.budgetFen ?? 10_000_000n;
  const fen = (base * BigInt(g.int(8600, 9850) + over)) / 10_000n;
  return ((fen / 10_000n) * 10_000n).toString();
}

/**
 * The bidding steps, dated from the tendering timeline's publications and before `now` (the seed's clock).
 * `bidders` is how many bidder accounts exist (including gongyingshang): bids of missing bidders are left out.
 */
export function biddingTimeline(
  seed: string,
  tendering: TenderingTimeline,
  now: Date,
  bidders: number,
): BiddingTimeline {
  const g = new Gen(seededRng(`${seed}:bidding`));
  const steps: BidStep[] = [];
  const names = new Map<string, string>();
  for (const plan of PLANS) {
    const spec = tendering.data.projects.find((p) => p.key === plan.key);
    const publish = tendering.steps.find((s) => s.kind === 'publish' && s.key === plan.key);
    const deadlineAt = publish?.publish?.bidDeadlineAt;
    if (!spec || !publish || !deadlineAt || tendering.reached.get(plan.key) !== 'published') continue;
    names.set(plan.key, spec.name);
    const deadline = new Date(deadlineAt);
    const opens = plan.open && plus(deadline, 30) < now;
    const end = plus(new Date(Math.min(deadline.getTime(), now.getTime())), -10);
    const custodiansAt = plus(publish.at, 15);
    const from = plus(publish.at, 30);
    const bidsHere = plan.bids.filter((b) => b.bidder < bidders);
    if (end.getTime() - from.getTime() < 60 * MINUTE || bidsHere.length === 0) continue;
    const projectSteps: BidStep[] = [{ at: custodiansAt, kind: 'custodians', key: plan.key }];
    const placed = new Set<number>();
    for (const b of bidsHere) {
      const events = 1 + (b.replaces || b.withdrawn ? 1 : 0);
      const times: Date[] = [];
      for (let i = 0; i < events; i++) {
        const at = instantIn(g, from, end);
        if (at) times.push(at);
      }
      if (times.length < events) continue;
      times.sort((a, c) => a.getTime() - c.getTime());
      const [first = from, second] = times;
      if (second && second.getTime() === first.getTime()) continue;
      const registered = new Date(
        Math.max(plus(first, -g.int(20, 180)).getTime(), plus(custodiansAt, 1).getTime()),
      );
      projectSteps.push({ at: registered, kind: 'register', key: plan.key, bidder: b.bidder });
      placed.add(b.bidder);
      const lotOf = (no: number) => spec.lots[no - 1];
      if (b.replaces && second) {
        const earlier = b.replaces.map((no) => ({ lotNo: no, priceFen: priceOf(g, lotOf(no), 150) }));
        projectSteps.push({ at: first, kind: 'submit', key: plan.key, bidder: b.bidder, prices: earlier });
      }
      const prices = b.lots.map((no) => ({ lotNo: no, priceFen: priceOf(g, lotOf(no)) }));
      const sentAt = b.replaces && second ? second : first;
      projectSteps.push({ at: sentAt, kind: 'submit', key: plan.key, bidder: b.bidder, prices });
      if (b.withdrawn && second) {
        projectSteps.push({ at: second, kind: 'withdraw', key: plan.key, bidder: b.bidder });
      }
    }
    if (opens) {
      projectSteps.push(
        { at: deadline, kind: 'close', key: plan.key },
        { at: plus(deadline, 1), kind: 'open', key: plan.key },
        { at: plus(deadline, 4), kind: 'handIn', key: plan.key, holder: 'centre' },
        { at: plus(deadline, 7), kind: 'handIn', key: plan.key, holder: 'supervisor' },
      );
      // Only a bidder of the project may object at its opening.
      if (plan.objection && placed.has(plan.objection.bidder)) {
        projectSteps.push(
          {
            at: plus(deadline, 12),
            kind: 'object',
            key: plan.key,
            bidder: plan.objection.bidder,
            text: plan.objection.text,
          },
          { at: plus(deadline, 16), kind: 'answer', key: plan.key, answer: plan.objection.answer },
        );
      }
    }
    steps.push(...projectSteps);
  }
  const first = steps.reduce<Date | null>((min, s) => (min && min < s.at ? min : s.at), null);
  if (first) {
    // The custodians set up their opening keys on the working day before the first project needed them.
    let day = addDays(shanghaiDay(first), -1);
    while (!officeDay(day)) day = addDays(day, -1);
    steps.push(
      { at: new Date(`${day}T10:05:00+08:00`), kind: 'key', username: 'jingban' },
      { at: new Date(`${day}T10:40:00+08:00`), kind: 'key', username: 'caizheng' },
    );
  }
  // Stable: steps at the same instant keep their order.
  const ordered = steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.at.getTime() - b.s.at.getTime() || a.i - b.i);
  return { steps: ordered.map((x) => x.s), names };
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Run                                                                                                          */
/* ------------------------------------------------------------------------------------------------------------ */

export interface BiddingActors {
  agent: UserActor;
  supervisor: UserActor;
  /** Index 0 is gongyingshang, then DEMO_BIDDER_USERNAMES in order. */
  bidders: UserActor[];
  /** Supplier id → its size, for the SME declaration sealed with the bid. */
  sizeOf: (supplierId: string) => string | null;
}

export interface BiddingCounts {
  custodianKeys: number;
  bids: number;
  openedLots: number;
  failedProjects: number;
}

export interface BiddingRun {
  /** Runs every step dated before `at`. */
  until: (at: Date) => Promise<void>;
  /** Runs what is left and counts what was made. */
  finish: () => Promise<BiddingCounts>;
}

const SME_LABELS = { medium: '中型', small: '小型', micro: '微型' } as const;
const isSme = (size: string | null): size is keyof typeof SME_LABELS => !!size && size in SME_LABELS;

/** 中小企业声明函 as the bidder's browser seals it: by the supplier's registered size. */
function declarationsOf(size: string | null): Declarations {
  const sme = isSme(size)
    ? {
        size,
        statement: `本公司郑重声明，本公司参加本项目采购活动提供的货物全部由符合政策要求的中小企业制造，本公司属于${SME_LABELS[size]}企业。`,
      }
    : null;
  return { sme, domesticProduct: true, other: {} };
}

/**
 * Drives the bidding use cases inside the seed's transaction, the clock at each step's time. The custodians'
 * key pairs are made (and unlocked, as their browsers would at the opening) as soon as the run is created:
 * PBKDF2 runs off the main thread, alongside the tendering steps.
 */
export function runBidding(
  tx: Tx,
  timeline: BiddingTimeline,
  actors: BiddingActors,
  onStep: () => void,
): BiddingRun {
  const clock = fixedClock(new Date(0));
  const as = (actor: UserActor): RequestContext => ({ actor, requestId: null, clock });
  const agent = as(actors.agent);
  const supervisor = as(actors.supervisor);
  const bidder = (n: number): RequestContext => {
    const actor = actors.bidders[n];
    if (!actor) throw new Error(`demo bidder ${n} missing`);
    return as(actor);
  };
  const needsKeys = timeline.steps.some((s) => s.kind === 'key');
  const made: Promise<[CustodianKey, CustodianKey]> | null = needsKeys
    ? Promise.all([newCustodianKey(DEMO_OPENING_PASSPHRASE), newCustodianKey(DEMO_OPENING_PASSPHRASE)])
    : null;
  const unlocked: Promise<CryptoKeyHandle[]> | null = made
    ? made.then((keys) => Promise.all(keys.map((k) => unlockCustodianKey(k, DEMO_OPENING_PASSPHRASE))))
    : null;
  // Not awaited until needed: keep a failure from surfacing as an unhandled rejection in the meantime.
  unlocked?.catch(() => {});
  const projectIds = new Map<string, string>();
  const liveBid = new Map<string, string>();
  const objections = new Map<string, string>();
  let next = 0;

  const projectId = async (key: string): Promise<string> => {
    const known = projectIds.get(key);
    if (known) return known;
    const name = timeline.names.get(key);
    const [row] = name
      ? await tx.select({ id: projects.id }).from(projects).where(eq(projects.name, name))
      : [];
    if (!row) throw new Error(`demo bidding names a project the tendering run did not make: ${key}`);
    projectIds.set(key, row.id);
    return row.id;
  };

  const run = async (step: BidStep): Promise<void> => {
    clock.set(step.at);
    if (step.kind === 'key') {
      if (!made || !unlocked) throw new Error('demo custodian keys missing');
      const [centreKey, supervisorKey] = await made;
      const ctx = step.username === 'jingban' ? agent : supervisor;
      await registerCustodianKey(tx, ctx, step.username === 'jingban' ? centreKey : supervisorKey);
      return;
    }
    const pid = await projectId(step.key);
    switch (step.kind) {
      case 'custodians':
        await assignCustodians(tx, agent, pid, { supervisorUserId: actors.supervisor.userId });
        break;
      case 'register':
        await registerForProject(tx, bidder(step.bidder), pid);
        break;
      case 'submit': {
        const ctx = bidder(step.bidder);
        // What the supplier's browser does: fetch the custodians' keys, seal locally, upload the envelope.
        const sealing = await readSealingKeys(tx, ctx, pid);
        const supplierId = actors.bidders[step.bidder]?.supplierId ?? '';
        const sealed = await sealBid({
          bidId: randomUUID(),
          projectId: pid,
          priceSheets: step.prices.map((p) => ({ ...p, items: ITEMS })),
          declarations: declarationsOf(actors.sizeOf(supplierId)),
          bidderPassphrase: DEMO_BID_PASSPHRASE,
          centrePublicKey: sealing.centrePublicKey,
          supervisorPublicKey: sealing.supervisorPublicKey,
          iterations: DEMO_BID_ITERATIONS,
        });
        const envelope = bidEnvelope.parse(sealed.envelope);
        // No documents, so no upload area: the demo's bids are a price sheet and declarations.
        await submitBid(tx, ctx, envelope, null);
        liveBid.set(`${step.key}:${step.bidder}`, envelope.bidId);
        break;
      }
      case 'withdraw': {
        const id = liveBid.get(`${step.key}:${step.bidder}`);
        if (!id) throw new Error(`demo bidder ${step.bidder} withdraws no bid on ${step.key}`);
        await withdrawBid(tx, bidder(step.bidder), id);
        break;
      }
      case 'close':
        // The platform's scheduled job closes the project to bids at the deadline.
        await runDueJobs(tx, clock, tenderingJobs, 'cli:seed');
        break;
      case 'open':
        await startOpening(tx, agent, pid);
        break;
      case 'handIn': {
        const ctx = step.holder === 'centre' ? agent : supervisor;
        const wrapped = await wrappedShares(tx, ctx, pid);
        if (wrapped.holder !== step.holder)
          throw new Error(`demo ${step.holder} holds no share of ${step.key}`);
        if (!wrapped.items.length) break;
        if (!unlocked) throw new Error('demo custodian keys missing');
        const [centreKey, supervisorKey] = await unlocked;
        const key = step.holder === 'centre' ? centreKey : supervisorKey;
        if (!key) throw new Error('demo custodian key missing');
        const shares = [];
        // What the custodian's browser does: unwrap each share locally with the unlocked opening key.
        for (const item of wrapped.items) {
          if (item.wrapped.kind !== 'ecies') throw new Error('a custodian share must be key-wrapped');
          const share = await unwrapWithKey(item.wrapped, key, shareContext(pid, item.bidId, step.holder));
          shares.push({ bidId: item.bidId, share: toBase64(share) });
        }
        // The demo's bids carry no documents, so the opening needs no file store.
        await handInShares(tx, ctx, pid, { shares }, null);
        break;
      }
      case 'object': {
        const view = await raiseObjection(tx, bidder(step.bidder), pid, { text: step.text });
        const raised = view.objections.findLast((o) => o.text === step.text && o.answer === null);
        if (raised) objections.set(step.key, raised.id);
        break;
      }
      case 'answer': {
        const id = objections.get(step.key);
        if (!id) throw new Error(`demo objection on ${step.key} missing`);
        await answerObjection(tx, agent, pid, id, { answer: step.answer });
        break;
      }
    }
  };

  const until = async (at: Date): Promise<void> => {
    for (let step = timeline.steps[next]; step && step.at < at; step = timeline.steps[next]) {
      await run(step);
      next++;
      onStep();
    }
  };

  return {
    until,
    finish: async () => {
      await until(new Date(8.64e15));
      const n = async (q: Promise<{ n: number }[]>): Promise<number> => (await q)[0]?.n ?? 0;
      return {
        custodianKeys: timeline.steps.filter((s) => s.kind === 'key').length,
        bids: await n(tx.select({ n: count() }).from(bids)),
        openedLots: await n(
          tx.select({ n: count() }).from(lotOpenings).where(eq(lotOpenings.status, 'opened')),
        ),
        failedProjects: await n(
          tx.select({ n: count() }).from(projects).where(eq(projects.status, 'failed')),
        ),
      };
    },
  };
}

/** A user row as the actor a signed-in session would carry. */
export function userActorOf(row: {
  id: string;
  username: string;
  displayName: string;
  role: string;
  purchaserId: string | null;
  supplierId: string | null;
  expertId: string | null;
}): UserActor {
  if (!isRole(row.role)) throw new Error(`demo account ${row.username} has no known role`);
  return {
    kind: 'user',
    role: row.role,
    userId: row.id,
    username: row.username,
    displayName: row.displayName,
    purchaserId: row.purchaserId,
    supplierId: row.supplierId,
    expertId: row.expertId,
    sessionId: null,
  };
}
