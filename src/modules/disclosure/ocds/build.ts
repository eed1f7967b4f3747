/**
 * One procurement project as OCDS releases (docs/OCDS.md has the mapping). Pure: rows in, releases out.
 *
 * The project's public life is a sequence of steps — the notices, each lot's opening, complaint decisions, the
 * result, contracts, their amendments and filing, acceptances, milestones met and payments — each at the instant it
 * became public. Every step is one release, and a release shows what was public at its step and nothing later:
 * a project never published has no release; bids say nothing before their lot is opened, and a 暗标 lot's bids
 * nothing before its result; bidders are named only where the result notice names them (the winner).
 */
import type { z } from 'zod';
import { NOTICE_KIND_LABELS } from '../../tendering/contract.ts';
import { categoryOf, lotteryPriceOf, METHOD_LABELS, methodOf } from '../../tendering/index.ts';
import type {
  bidDetail,
  bidStatistic,
  ocdsBids,
  ocdsAmendment,
  ocdsAward,
  ocdsContract,
  ocdsDocument,
  ocdsItem,
  ocdsLot,
  ocdsMilestone,
  ocdsOrganization,
  ocdsTender,
  OcdsRelease,
  ReleaseTag,
} from './contract.ts';
import type { CentreRow, ProjectData } from './load.ts';
import { cny, dayEnd, dayStart, iso, yuanNumber, yuanText } from './values.ts';

export interface BuildOptions {
  /** The publisher's ocid prefix, e.g. `ocds-zhengcai` (a real publisher registers its own with OCP). */
  prefix: string;
  centre: CentreRow | null;
  /** Where the public portal is, for links to notices; null leaves documents without a URL. */
  baseUrl: string | null;
  /** Steps after this instant are not public yet. */
  now: Date;
}

/** A release's place in the feed: by date, then ocid, then its order within the project. */
export interface ReleaseKey {
  at: number;
  ocid: string;
  seq: number;
}

export interface BuiltRelease {
  key: ReleaseKey;
  release: OcdsRelease;
}

export const compareKeys = (a: ReleaseKey, b: ReleaseKey): number =>
  a.at - b.at || (a.ocid < b.ocid ? -1 : a.ocid > b.ocid ? 1 : 0) || a.seq - b.seq;

export const ocidOf = (prefix: string, code: string): string => `${prefix}-${code}`;

// ── Codes and labels ────────────────────────────────────────────────────────────────────────────────────

/** 政府采购方式 → OCDS method codelist (the Chinese name, METHOD_LABELS, goes in procurementMethodDetails). */
const METHOD_CODES = {
  openTender: 'open',
  invitedTender: 'selective',
  negotiation: 'limited',
  consultation: 'limited',
  rfq: 'limited',
  singleSource: 'direct',
} as const satisfies Record<keyof typeof METHOD_LABELS, string>;

const EVALUATION: Record<string, { code: string; label: string }> = {
  lowestPrice: { code: 'priceOnly', label: '最低评标价法' },
  bestValue: { code: 'ratedCriteria', label: '综合评分法' },
  priceLottery: { code: 'priceOnly', label: '合理定价评审抽签法' },
};

const NOTICE_LABELS: Record<string, string> = NOTICE_KIND_LABELS;

const NOTICE_DOCUMENT_TYPES: Record<string, string> = {
  prequalification: 'tenderNotice',
  tender: 'tenderNotice',
  invitation: 'tenderNotice',
  correction: 'tenderNotice',
  termination: 'cancellationDetails',
  failure: 'cancellationDetails',
  result: 'awardNotice',
  contract: 'contractNotice',
  acceptance: 'completionCertificate',
};

const AMENDMENT_LABELS: Record<string, string> = {
  addOn: '补充合同',
  change: '合同变更',
  termination: '解除合同',
};

const MILESTONE_LABELS: Record<string, string> = {
  delivery: '交付',
  installation: '安装调试',
  training: '培训',
  service: '服务期',
  other: '其他',
};

const COMPLAINT_OUTCOMES: Record<string, string> = { dismissed: '驳回投诉', upheld: '投诉成立' };
const REMEDIES: Record<string, string> = {
  documentsCorrected: '修改采购文件',
  reevaluation: '重新评审',
  winnerChanged: '另行确定中标（成交）供应商',
  retender: '重新开展采购活动',
};

/** The notices that first put a project before the public (财办库〔2020〕50号). */
const FIRST_NOTICES = new Set(['tender', 'prequalification', 'invitation']);
const SME_SIZES = new Set(['medium', 'small', 'micro']);

// ── Steps ───────────────────────────────────────────────────────────────────────────────────────────────

type Notice = ProjectData['notices'][number];
type Contract = ProjectData['contracts'][number]['contract'];

type Step =
  | { kind: 'planning'; notice: Notice }
  | { kind: 'tender'; notice: Notice }
  | { kind: 'correction'; notice: Notice }
  | { kind: 'opening'; lotNo: number }
  | { kind: 'complaint'; complaint: ProjectData['complaints'][number] }
  | { kind: 'termination'; notice: Notice }
  | { kind: 'failure'; notice: Notice }
  | { kind: 'result'; notice: Notice }
  | { kind: 'contract'; contract: Contract; notice: Notice }
  | { kind: 'amendment'; amendment: ProjectData['amendments'][number] }
  | { kind: 'filing'; contract: Contract }
  | { kind: 'acceptance'; acceptance: ProjectData['acceptances'][number] }
  | { kind: 'milestone'; milestone: ProjectData['milestones'][number] }
  | { kind: 'payment'; payment: ProjectData['payments'][number] };

/** Within one instant, steps read in the order a procurement takes them. */
const RANK: Record<Step['kind'], number> = {
  planning: 0,
  tender: 1,
  correction: 2,
  opening: 3,
  complaint: 4,
  termination: 5,
  failure: 6,
  result: 7,
  contract: 8,
  amendment: 9,
  filing: 10,
  milestone: 11,
  acceptance: 12,
  payment: 13,
};

/** When a fact became public, and its place among facts of the same instant. */
interface Moment {
  at: number;
  rank: number;
  sub: string;
}

const cmpMoment = (a: Moment, b: Moment): number =>
  a.at - b.at || a.rank - b.rank || (a.sub < b.sub ? -1 : a.sub > b.sub ? 1 : 0);

const NOTICE_RANK: Record<string, number> = {
  prequalification: RANK.tender,
  tender: RANK.tender,
  invitation: RANK.tender,
  correction: RANK.correction,
  termination: RANK.termination,
  failure: RANK.failure,
  result: RANK.result,
  contract: RANK.contract,
  acceptance: RANK.acceptance,
};

const noticeMoment = (n: Notice): Moment => ({
  at: n.publishedAt.getTime(),
  rank: NOTICE_RANK[n.kind] ?? RANK.result,
  // An acceptance notice goes out with its acceptance, in the same instant: known to that step's release.
  sub: n.kind === 'acceptance' ? '' : n.id,
});

interface Placed {
  step: Step;
  moment: Moment;
  id: string;
}

// ── The builder ─────────────────────────────────────────────────────────────────────────────────────────

/** Every public release of the project, oldest first; none for a project never published. */
export function buildReleases(d: ProjectData, o: BuildOptions): BuiltRelease[] {
  const first = d.notices.find((n) => FIRST_NOTICES.has(n.kind));
  if (!first) return [];
  return new ProjectReleases(d, o, first).build();
}

class ProjectReleases {
  readonly ocid: string;
  private readonly noticeById: Map<string, Notice>;
  private readonly contractNotice = new Map<string, Notice>();
  private placed: Placed[] = [];

  constructor(
    private readonly d: ProjectData,
    private readonly o: BuildOptions,
    private readonly first: Notice,
  ) {
    this.ocid = ocidOf(o.prefix, d.project.code);
    this.noticeById = new Map(d.notices.map((n) => [n.id, n]));
    for (const c of d.contracts) {
      const n = c.contract.noticeId ? this.noticeById.get(c.contract.noticeId) : undefined;
      if (n) this.contractNotice.set(c.contract.id, n);
    }
  }

  build(): BuiltRelease[] {
    this.placed = this.steps()
      .filter((p) => p.moment.at <= this.o.now.getTime())
      .sort((a, b) => cmpMoment(a.moment, b.moment));
    return this.placed.map((p, seq) => ({
      key: { at: p.moment.at, ocid: this.ocid, seq },
      release: this.release(p, seq),
    }));
  }

  // ── Which steps, when ──

  private steps(): Placed[] {
    const d = this.d;
    const out: Placed[] = [];
    const add = (step: Step, moment: Moment, suffix: string) =>
      out.push({ step, moment, id: `${this.ocid}-${suffix}` });
    const firstMoment = noticeMoment(this.first);
    add({ kind: 'planning', notice: this.first }, { ...firstMoment, rank: RANK.planning }, 'planning');
    let results = 0;
    for (const n of d.notices) {
      const m = noticeMoment(n);
      if (n.id === this.first.id) add({ kind: 'tender', notice: n }, m, 'tender');
      else if (n.kind === 'correction') add({ kind: 'correction', notice: n }, m, `amendment-${n.id}`);
      else if (n.kind === 'termination') add({ kind: 'termination', notice: n }, m, `cancellation-${n.id}`);
      else if (n.kind === 'failure') add({ kind: 'failure', notice: n }, m, `failure-${n.id}`);
      else if (n.kind === 'result') {
        results += 1;
        add({ kind: 'result', notice: n }, m, results === 1 ? 'award' : `award-${n.id}`);
      }
    }
    for (const l of d.openings) {
      if (l.completedAt)
        add(
          { kind: 'opening', lotNo: l.lotNo },
          { at: l.completedAt.getTime(), rank: RANK.opening, sub: String(l.lotNo).padStart(4, '0') },
          `opening-${l.lotNo}`,
        );
    }
    for (const c of d.complaints) {
      if (c.decidedAt)
        add(
          { kind: 'complaint', complaint: c },
          { at: c.decidedAt.getTime(), rank: RANK.complaint, sub: c.id },
          `complaint-${c.id}`,
        );
    }
    for (const { contract } of d.contracts) {
      const notice = this.contractNotice.get(contract.id);
      // A contract is public from its 合同公告; what happened to it before is told in that release.
      if (!notice) continue;
      const published = noticeMoment(notice);
      add({ kind: 'contract', contract, notice }, published, `contract-${contract.id}`);
      const after = (m: Moment) => cmpMoment(m, published) > 0;
      for (const a of d.amendments.filter((x) => x.contractId === contract.id)) {
        const m = { at: a.recordedAt.getTime(), rank: RANK.amendment, sub: a.id };
        if (after(m)) add({ kind: 'amendment', amendment: a }, m, `contract-amendment-${a.id}`);
      }
      if (contract.filedOn) {
        const m = { at: dayEnd(contract.filedOn).getTime(), rank: RANK.filing, sub: contract.id };
        if (after(m)) add({ kind: 'filing', contract }, m, `contract-filing-${contract.id}`);
      }
      for (const ms of d.milestones.filter((x) => x.contractId === contract.id)) {
        if (!ms.confirmedOn) continue;
        const m = { at: dayEnd(ms.confirmedOn).getTime(), rank: RANK.milestone, sub: ms.id };
        if (after(m)) add({ kind: 'milestone', milestone: ms }, m, `milestone-${ms.id}`);
      }
      for (const a of d.acceptances.filter((x) => x.contractId === contract.id)) {
        const m = { at: a.recordedAt.getTime(), rank: RANK.acceptance, sub: a.id };
        if (after(m)) add({ kind: 'acceptance', acceptance: a }, m, `acceptance-${a.id}`);
      }
      for (const p of d.payments.filter((x) => x.contractId === contract.id)) {
        const m = { at: p.recordedAt.getTime(), rank: RANK.payment, sub: p.id };
        if (after(m)) add({ kind: 'payment', payment: p }, m, `payment-${p.id}`);
      }
    }
    return out;
  }

  private tagOf(p: Placed): ReleaseTag[] {
    const s = p.step;
    switch (s.kind) {
      case 'planning':
        return ['planning'];
      case 'tender':
        return ['tender'];
      case 'correction':
        return ['tenderAmendment'];
      case 'opening':
      case 'failure':
        return ['tenderUpdate'];
      case 'complaint':
        return [s.complaint.subject === 'result' ? 'awardUpdate' : 'tenderUpdate'];
      case 'termination':
        return ['tenderCancellation'];
      case 'result':
        return [p.id === `${this.ocid}-award` ? 'award' : 'awardUpdate'];
      case 'contract':
        return ['contract'];
      case 'amendment':
        return [s.amendment.kind === 'termination' ? 'contractTermination' : 'contractAmendment'];
      case 'filing':
        return ['contractUpdate'];
      case 'milestone':
      case 'acceptance':
      case 'payment':
        return ['implementation'];
    }
  }

  // ── One release: what was public at its step ──

  private release(p: Placed, seq: number): OcdsRelease {
    const view = new AsOf(this, p.moment);
    const planningOnly = p.step.kind === 'planning';
    const parties = view.parties();
    const buyers = parties.filter((x) => x.roles.includes('buyer'));
    const onlyBuyer = buyers.length === 1 ? buyers[0] : undefined;
    const release: OcdsRelease = {
      ocid: this.ocid,
      id: p.id,
      date: iso(new Date(p.moment.at)),
      tag: this.tagOf(p),
      initiationType: 'tender',
      language: 'zh',
      parties,
      ...(onlyBuyer ? { buyer: { id: onlyBuyer.id, name: onlyBuyer.name } } : {}),
      planning: view.planning(),
      tender: planningOnly ? view.plannedTender() : view.tender(this.previousId(seq)),
    };
    if (planningOnly) return release;
    const bids = view.bids();
    if (bids) release.bids = bids;
    const awards = view.awards();
    if (awards.length) release.awards = awards;
    const contracts = view.contracts(this.previousId(seq));
    if (contracts.length) release.contracts = contracts;
    const related = this.relatedProcesses();
    if (related.length) release.relatedProcesses = related;
    return release;
  }

  private previousId(seq: number): string | undefined {
    return seq > 0 ? this.placed[seq - 1]?.id : undefined;
  }

  /** The release id a fact's own step has, if it has one. */
  releaseIdOf(kind: Step['kind'], sub: string): string | undefined {
    return this.placed.find((p) => p.step.kind === kind && p.moment.sub === sub)?.id;
  }

  private relatedProcesses() {
    const prior = this.d.priorCode;
    if (!prior) return [];
    return [
      {
        id: 'retender',
        relationship: ['unsuccessfulProcess'],
        title: '重新组织采购的原项目（政府采购法第三十六条）',
        scheme: 'ocid' as const,
        identifier: ocidOf(this.o.prefix, prior),
      },
    ];
  }

  // Shared by the views.
  get data(): ProjectData {
    return this.d;
  }
  get options(): BuildOptions {
    return this.o;
  }
  get firstNotice(): Notice {
    return this.first;
  }
  noticeOf(id: string | null): Notice | undefined {
    return id ? this.noticeById.get(id) : undefined;
  }
  contractNoticeOf(contractId: string): Notice | undefined {
    return this.contractNotice.get(contractId);
  }
}

/** The project as the public could see it at one moment. */
class AsOf {
  private readonly d: ProjectData;

  constructor(
    private readonly p: ProjectReleases,
    private readonly moment: Moment,
  ) {
    this.d = p.data;
  }

  private known(m: Moment): boolean {
    return cmpMoment(m, this.moment) <= 0;
  }

  private knownAt(at: Date | null | undefined, rank: number, sub: string): boolean {
    return at ? this.known({ at: at.getTime(), rank, sub }) : false;
  }

  private noticeKnown(n: Notice | undefined): n is Notice {
    return n !== undefined && this.known(noticeMoment(n));
  }

  private notices(kinds: readonly string[]): Notice[] {
    return this.d.notices.filter((n) => kinds.includes(n.kind) && this.noticeKnown(n));
  }

  private document(n: Notice, relatedLots?: string[]): z.infer<typeof ocdsDocument> {
    const base = this.p.options.baseUrl;
    return {
      id: `notice-${n.id}`,
      documentType: NOTICE_DOCUMENT_TYPES[n.kind] ?? 'tenderNotice',
      title: n.title,
      description: NOTICE_LABELS[n.kind] ?? n.kind,
      ...(base ? { url: `${base.replace(/\/$/, '')}/notices/${n.id}`, format: 'text/html' } : {}),
      datePublished: iso(n.publishedAt),
      language: 'zh',
      ...(relatedLots?.length ? { relatedLots } : {}),
    };
  }

  // ── Who ──

  private centreRef() {
    const c = this.p.options.centre;
    return { id: c ? `centre-${c.id}` : 'centre', name: c?.name ?? '政府采购中心' };
  }

  private partyId(x: { id: string; creditCode: string | null }, kind: 'purchaser' | 'supplier'): string {
    return x.creditCode ? `CN-USCC-${x.creditCode}` : `${kind}-${x.id}`;
  }

  private supplierRef(s: { id: string; name: string; creditCode: string | null }) {
    return { id: this.partyId(s, 'supplier'), name: s.name };
  }

  private purchaserRef(s: { id: string; name: string; creditCode: string | null }) {
    return { id: this.partyId(s, 'purchaser'), name: s.name };
  }

  parties(): z.infer<typeof ocdsOrganization>[] {
    const out = new Map<string, z.infer<typeof ocdsOrganization>>();
    const add = (org: Omit<z.infer<typeof ocdsOrganization>, 'roles'>, role: string) => {
      const known = out.get(org.id);
      if (known) {
        if (!known.roles.includes(role)) known.roles.push(role);
      } else out.set(org.id, { ...org, roles: [role] });
    };
    type Org = { id: string; name: string; creditCode: string | null; address: string | null };
    const identified = (ref: { id: string; name: string }, x: Org) => ({
      ...ref,
      ...(x.creditCode ? { identifier: { scheme: 'CN-USCC', id: x.creditCode, legalName: ref.name } } : {}),
      address: { ...(x.address ? { streetAddress: x.address } : {}), countryName: '中国' },
    });
    const supplier = (x: Org) => identified(this.supplierRef(x), x);
    const purchaser = (x: Org) => identified(this.purchaserRef(x), x);
    const centre = this.p.options.centre;
    add(
      {
        ...this.centreRef(),
        address: {
          ...(centre?.address ? { streetAddress: centre.address } : {}),
          ...(centre?.regionName ? { region: centre.regionName } : {}),
          countryName: '中国',
        },
        ...(centre?.phone ? { contactPoint: { telephone: centre.phone } } : {}),
      },
      'procuringEntity',
    );
    for (const s of this.d.shares) {
      const x = s.purchaser;
      add(
        {
          ...purchaser(x),
          ...(x.contactName || x.contactPhone
            ? {
                contactPoint: {
                  ...(x.contactName ? { name: x.contactName } : {}),
                  ...(x.contactPhone ? { telephone: x.contactPhone } : {}),
                },
              }
            : {}),
        },
        'buyer',
      );
    }
    for (const a of this.activeAwards()) {
      const w = a.winner;
      if (!w) continue;
      add(supplier(w), 'tenderer');
      add(supplier(w), 'supplier');
    }
    for (const c of this.publicContracts()) {
      add(purchaser(c.purchaser), 'buyer');
      add(supplier(c.supplier), 'supplier');
      if (this.paymentsOf(c.contract.id).length) {
        add(purchaser(c.purchaser), 'payer');
        add(supplier(c.supplier), 'payee');
      }
    }
    if (this.d.complaints.some((c) => this.complaintKnown(c))) {
      const c = this.p.options.centre;
      add(
        {
          id: `reviewBody-${c?.regionCode ?? 'local'}`,
          name: `${c?.regionName ?? '本级'}财政部门（政府采购监督管理部门）`,
          address: { ...(c?.regionName ? { region: c.regionName } : {}), countryName: '中国' },
        },
        'reviewBody',
      );
    }
    return [...out.values()];
  }

  // ── Planning ──

  planning() {
    const d = this.d;
    const budget = d.shares.reduce((sum, s) => sum + s.amountFen, 0n);
    const items = [...new Set(d.shares.map((s) => s.line.budgetItem))];
    const milestones: z.infer<typeof ocdsMilestone>[] = [];
    for (const s of d.shares) {
      const i = s.intention;
      if (i && i.publishedAt.getTime() <= this.moment.at) {
        milestones.push({
          id: `intention-${s.line.id}`,
          title: '采购意向公开',
          type: 'engagement',
          code: 'procurementIntention',
          description: `${s.purchaser.name}：${i.summary}${i.urgent ? '（因紧急采购未提前公开）' : ''}`,
          dueDate: dayStart(i.expectedStartOn),
          dateMet: iso(i.publishedAt),
          status: 'met',
        });
      }
      if (s.commissionDecidedAt && s.commissionDecidedAt.getTime() <= this.moment.at) {
        milestones.push({
          id: `commission-${s.line.id}`,
          title: '委托集中采购机构采购',
          type: 'approval',
          code: 'commission',
          description: `${s.purchaser.name}委托${this.centreRef().name}：${s.line.itemName}`,
          dateMet: iso(s.commissionDecidedAt),
          status: 'met',
        });
      }
    }
    const year = d.shares[0]?.line.year ?? d.project.year;
    return {
      rationale: `${year}年度政府采购预算${d.programmeName ? `；所属专项：${d.programmeName}` : ''}`,
      budget: {
        id: `${d.project.code}-budget`,
        description: `预算项目：${items.join('、')}`,
        amount: cny(budget),
        project: d.project.name,
        projectID: d.project.code,
      },
      ...(milestones.length ? { milestones } : {}),
    };
  }

  // ── Tender ──

  private items(): z.infer<typeof ocdsItem>[] {
    return this.d.shares.map((s) => {
      const q = quantityOf(s.quantity ?? s.line.quantity);
      return {
        id: s.line.id,
        description: `${s.line.itemName}（${s.purchaser.name}）`,
        classification: { scheme: 'CN-GPC', id: s.line.itemCode, description: s.line.itemName },
        ...q,
        ...(s.lotNo !== null ? { relatedLot: lotIdOf(s.lotNo) } : {}),
      };
    });
  }

  plannedTender(): z.infer<typeof ocdsTender> {
    const pr = this.d.project;
    return {
      id: pr.code,
      title: pr.name,
      status: 'planned',
      mainProcurementCategory: categoryOf(pr.category),
      items: this.items(),
    };
  }

  private lotPrice(no: number): bigint | null {
    return lotteryPriceOf(this.d.project.requirements, no);
  }

  private lots(status: (no: number) => z.infer<typeof ocdsLot>['status']): z.infer<typeof ocdsLot>[] {
    return this.d.lots.map((l) => {
      const price = this.lotPrice(l.no);
      const notes = [
        l.description,
        l.quantity ? `数量：${l.quantity}` : null,
        `预算金额：${yuanText(l.budgetFen)} 元`,
        l.ceilingFen !== null ? `最高限价：${yuanText(l.ceilingFen)} 元` : null,
        price !== null ? `定标价（合理定价评审抽签法）：${yuanText(price)} 元` : null,
      ].filter((x): x is string => !!x);
      return {
        id: lotIdOf(l.no),
        title: l.name,
        description: notes.join('；'),
        status: status(l.no),
        value: cny(l.ceilingFen ?? l.budgetFen),
      };
    });
  }

  private awardCriteriaDetails(): string {
    const r = this.d.project.requirements;
    const e = EVALUATION[r.evaluationMethod] ?? { code: 'priceOnly', label: r.evaluationMethod };
    const parts = [e.label];
    if (r.evaluationMethod === 'bestValue') {
      if (r.priceWeightBp !== null) parts.push(`价格分权重 ${bpText(r.priceWeightBp)}`);
      for (const s of r.scoring) parts.push(`${s.factor} ${bpText(s.weightBp)}`);
    }
    if (r.evaluationMethod === 'priceLottery' && r.lottery) {
      parts.push(
        `定标价 = 财政评审价 ×（1 − 下浮比例 ${bpText(r.lottery.floatDownBp)}），所有投标人按定标价响应；通过资格性和符合性审查的投标人中公开随机抽签确定成交供应商`,
      );
      for (const l of this.d.lots) {
        const price = this.lotPrice(l.no);
        if (price !== null) parts.push(`第${l.no}包定标价 ${yuanText(price)} 元`);
      }
    }
    if (r.blindTechnical) parts.push('技术部分暗标评审（评审专家不知投标人身份）');
    return parts.join('；');
  }

  /** The lot's result, once its announcement is public: the award row and whether it won or failed. */
  private lotDecision(no: number): 'complete' | 'unsuccessful' | null {
    const a = this.d.awards.find((x) => x.award.lotNo === no)?.award;
    if (a && a.noticeId && this.noticeKnown(this.p.noticeOf(a.noticeId))) return 'complete';
    const announced = this.notices(['result', 'failure']);
    if (a?.status === 'failed' && announced.some((n) => n.publishedAt >= a.updatedAt)) return 'unsuccessful';
    const opening = this.d.openings.find((x) => x.lotNo === no);
    if (opening?.status === 'notOpened' && announced.some((n) => n.publishedAt >= opening.startedAt))
      return 'unsuccessful';
    return null;
  }

  private deadline(): Date | null {
    let at = this.p.firstNotice.bidDeadlineAt ?? this.d.project.bidDeadlineAt;
    for (const n of this.notices(['correction'])) if (n.bidDeadlineAt) at = n.bidDeadlineAt;
    return at;
  }

  private complaintKnown(c: ProjectData['complaints'][number]): boolean {
    return this.knownAt(c.decidedAt, RANK.complaint, c.id);
  }

  tender(previousReleaseId: string | undefined): z.infer<typeof ocdsTender> {
    const d = this.d;
    const pr = d.project;
    const r = pr.requirements;
    const method = methodOf(pr.method);
    const terminated = this.notices(['termination']).length > 0;
    const decisions = new Map(d.lots.map((l) => [l.no, this.lotDecision(l.no)]));
    const decided = [...decisions.values()];
    const allDecided = decided.every((x) => x !== null);
    const status: z.infer<typeof ocdsTender>['status'] = terminated
      ? 'cancelled'
      : this.notices(['failure']).length > 0
        ? 'unsuccessful'
        : allDecided
          ? decided.includes('complete')
            ? 'complete'
            : 'unsuccessful'
          : 'active';
    const deadline = this.deadline();
    const openings = this.knownOpenings();
    const documents = [
      ...this.notices([...FIRST_NOTICES, 'correction', 'termination', 'failure']).map((n) =>
        this.document(n),
      ),
      ...d.complaints
        .filter((c) => this.complaintKnown(c))
        .map((c) => ({
          id: `complaint-${c.id}`,
          documentType: 'complaints',
          title: '投诉处理决定',
          description: [
            `投诉人：${c.complainant}`,
            c.outcome ? `处理结果：${COMPLAINT_OUTCOMES[c.outcome] ?? c.outcome}` : null,
            c.remedy ? `处理方式：${REMEDIES[c.remedy] ?? c.remedy}` : null,
            c.decision,
          ]
            .filter((x): x is string => !!x)
            .join('；'),
          datePublished: iso(c.decidedAt ?? new Date(this.moment.at)),
          language: 'zh',
          ...(c.lotNo !== null ? { relatedLots: [lotIdOf(c.lotNo)] } : {}),
        })),
    ];
    const corrections = this.notices(['correction']);
    const amendments: z.infer<typeof ocdsAmendment>[] = corrections.map((n) => {
      const releaseID = this.p.releaseIdOf('correction', n.id);
      return {
        id: n.id,
        date: iso(n.publishedAt),
        rationale: n.title,
        description: n.body,
        ...(releaseID ? { releaseID } : {}),
      };
    });
    // The release a correction amends is the one before it.
    const own = amendments.find((a) => a.releaseID !== undefined && a.releaseID === this.currentId());
    if (own && previousReleaseId) own.amendsReleaseID = previousReleaseId;
    const bidders = this.biddersAtOpening();
    const winners = this.activeAwards().flatMap((a) => (a.winner ? [this.supplierRef(a.winner)] : []));
    const uniqueWinners = [...new Map(winners.map((w) => [w.id, w])).values()];
    const firstOpening = openings[0];
    return {
      id: pr.code,
      title: pr.name,
      ...(d.programmeName ? { description: `所属专项：${d.programmeName}` } : {}),
      status,
      procuringEntity: this.centreRef(),
      items: this.items(),
      value: cny(d.lots.reduce((sum, l) => sum + (l.ceilingFen ?? l.budgetFen), 0n)),
      procurementMethod: METHOD_CODES[method],
      procurementMethodDetails: METHOD_LABELS[method],
      ...(pr.methodReason ? { procurementMethodRationale: pr.methodReason } : {}),
      mainProcurementCategory: categoryOf(pr.category),
      awardCriteria: (EVALUATION[r.evaluationMethod] ?? { code: 'priceOnly' }).code,
      awardCriteriaDetails: this.awardCriteriaDetails(),
      submissionMethod: ['electronicSubmission'],
      submissionMethodDetails: r.blindTechnical
        ? '电子投标：投标文件在投标人浏览器中加密，开标时由投标人、采购中心和监督方共同解密；技术部分另以匿名（暗标）文件提交'
        : '电子投标：投标文件在投标人浏览器中加密，开标时由投标人、采购中心和监督方共同解密',
      tenderPeriod: {
        startDate: iso(this.p.firstNotice.publishedAt),
        ...(deadline ? { endDate: iso(deadline) } : {}),
      },
      ...(r.qualification.length
        ? { eligibilityCriteria: r.qualification.map((q) => `${q.id} ${q.text}`).join('\n') }
        : {}),
      ...(openings.length ? { numberOfTenderers: bidders } : {}),
      ...(uniqueWinners.length ? { tenderers: uniqueWinners } : {}),
      documents,
      milestones: [
        {
          id: 'bidOpening',
          title: '开标',
          type: 'assessment',
          code: 'bidOpening',
          ...(deadline ? { dueDate: iso(deadline) } : {}),
          ...(firstOpening
            ? { status: 'met' as const, dateMet: iso(firstOpening.startedAt) }
            : { status: 'scheduled' as const }),
        },
      ],
      ...(amendments.length ? { amendments } : {}),
      lots: this.lots((no) =>
        terminated
          ? 'cancelled'
          : (decisions.get(no) ?? (status === 'unsuccessful' ? 'unsuccessful' : 'active')),
      ),
    };
  }

  private currentId(): string | undefined {
    return this.p.releaseIdOf('correction', this.moment.sub);
  }

  // ── Bids (bid extension) ──

  private knownOpenings() {
    return this.d.openings
      .filter((l) => this.knownAt(l.completedAt, RANK.opening, String(l.lotNo).padStart(4, '0')))
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  }

  private biddersAtOpening(): number {
    const opened = new Set(this.knownOpenings().map((l) => l.lotNo));
    const lotsOf = this.lotsOfBid();
    const suppliers = new Set(
      this.d.bids
        .filter((b) => (lotsOf.get(b.id) ?? []).some((n) => opened.has(n)))
        .map((b) => b.supplier.id),
    );
    return suppliers.size;
  }

  private lotsOfBid(): Map<string, number[]> {
    const m = new Map<string, number[]>();
    for (const x of this.d.bidLots) m.set(x.bidId, [...(m.get(x.bidId) ?? []), x.lotNo]);
    return m;
  }

  /** The price as read out at the opening. */
  private openedPrice(bidId: string, lotNo: number): bigint | null {
    return this.d.prices.find((x) => x.bidId === bidId && x.lotNo === lotNo)?.priceFen ?? null;
  }

  /** The price the committee evaluated: the opened price, or the arithmetic correction the bidder confirmed. */
  private evaluatedPrice(bidId: string, lotNo: number): bigint | null {
    const corrected = this.d.corrections.find((c) => c.bidId === bidId && c.lotNo === lotNo);
    return corrected ? corrected.correctedFen : this.openedPrice(bidId, lotNo);
  }

  bids(): z.infer<typeof ocdsBids> | null {
    const openings = this.knownOpenings();
    if (!openings.length) return null;
    const statistics: z.infer<typeof bidStatistic>[] = [];
    const details: z.infer<typeof bidDetail>[] = [];
    const lotsOf = this.lotsOfBid();
    const opened = new Set(this.d.bidOpenings.filter((x) => x.status === 'opened').map((x) => x.bidId));
    const blindProject = this.d.project.requirements.blindTechnical;
    for (const l of openings) {
      const lot = lotIdOf(l.lotNo);
      const at = iso(l.completedAt ?? l.startedAt);
      // Every bid is electronic: the two counts are the same.
      for (const measure of ['bids', 'electronicBids'])
        statistics.push({ id: `${lot}-${measure}`, measure, date: at, value: l.bidCount, relatedLot: lot });
      // A lot with too few bids was never opened: its bids stay sealed for good.
      if (l.status !== 'opened') continue;
      const decision = this.lotDecision(l.lotNo);
      const evaluation = this.d.evaluations.find((e) => e.lotNo === l.lotNo);
      const blind = blindProject || (evaluation?.blind ?? false);
      const bidsOfLot = this.d.bids.filter((b) => (lotsOf.get(b.id) ?? []).includes(l.lotNo));
      const award = this.d.awards.find((x) => x.award.lotNo === l.lotNo)?.award;
      const qualified = new Set(evaluation?.qualified ?? []);
      if (decision !== null && evaluation?.qualified) {
        const valid = bidsOfLot.filter((b) => qualified.has(b.id));
        const prices = valid
          .map((b) => this.evaluatedPrice(b.id, l.lotNo))
          .filter((x): x is bigint => x !== null);
        statistics.push({
          id: `${lot}-validBids`,
          measure: 'validBids',
          value: valid.length,
          relatedLot: lot,
        });
        statistics.push({
          id: `${lot}-smeBids`,
          measure: 'smeBids',
          value: bidsOfLot.filter((b) => SME_SIZES.has(b.supplier.size)).length,
          relatedLot: lot,
        });
        if (prices.length) {
          const lo = prices.reduce((a, b) => (b < a ? b : a));
          const hi = prices.reduce((a, b) => (b > a ? b : a));
          statistics.push({
            id: `${lot}-lowestValidBidValue`,
            measure: 'lowestValidBidValue',
            value: yuanNumber(lo),
            currency: 'CNY',
            relatedLot: lot,
          });
          statistics.push({
            id: `${lot}-highestValidBidValue`,
            measure: 'highestValidBidValue',
            value: yuanNumber(hi),
            currency: 'CNY',
            relatedLot: lot,
          });
        }
      }
      // 暗标: nothing about single bids until the lot's result is out.
      if (blind && decision === null) continue;
      for (const b of bidsOfLot) {
        // At the opening, the price as read out; once the result is out, the price as evaluated.
        const price = !opened.has(b.id)
          ? null
          : decision !== null
            ? this.evaluatedPrice(b.id, l.lotNo)
            : this.openedPrice(b.id, l.lotNo);
        const won = decision === 'complete' && award?.winnerBidId === b.id;
        details.push({
          id: `${lot}-${b.id}`,
          date: iso(b.submittedAt),
          status:
            decision === null || !evaluation?.qualified
              ? 'pending'
              : qualified.has(b.id)
                ? 'valid'
                : 'disqualified',
          ...(won ? { tenderers: [this.supplierRef(b.supplier)] } : {}),
          ...(price !== null ? { value: cny(price) } : {}),
          relatedLots: [lot],
        });
      }
    }
    const bidders = this.biddersAtOpening();
    statistics.push({ id: 'bidders', measure: 'bidders', value: bidders });
    return { statistics, ...(details.length ? { details } : {}) };
  }

  // ── Awards ──

  private activeAwards() {
    return this.d.awards.filter(
      (a) => a.award.noticeId !== null && this.noticeKnown(this.p.noticeOf(a.award.noticeId)),
    );
  }

  awards(): z.infer<typeof ocdsAward>[] {
    const out: z.infer<typeof ocdsAward>[] = [];
    for (const l of this.d.lots) {
      const decision = this.lotDecision(l.no);
      if (decision === null) continue;
      const lot = lotIdOf(l.no);
      const row = this.d.awards.find((x) => x.award.lotNo === l.no);
      const a = row?.award;
      if (decision === 'unsuccessful') {
        out.push({
          id: awardIdOf(l.no),
          title: `第${l.no}包 ${l.name}`,
          status: 'unsuccessful',
          description: a?.failedReason ?? '投标人不足三家，本包未开标（政府采购法第三十六条）',
          relatedLots: [lot],
        });
        continue;
      }
      if (!a || !row) continue;
      const notice = this.p.noticeOf(a.noticeId);
      out.push({
        id: awardIdOf(l.no),
        title: `第${l.no}包 ${l.name}`,
        ...(a.deemed
          ? {
              description:
                '采购人在法定期限内未确认，视为确认评审报告推荐的第一候选人（政府采购法实施条例第四十三条）',
            }
          : {}),
        status: 'active',
        ...(a.confirmedAt ? { date: iso(a.confirmedAt) } : {}),
        ...(a.amountFen !== null ? { value: cny(a.amountFen) } : {}),
        ...(row.winner ? { suppliers: [this.supplierRef(row.winner)] } : {}),
        ...(notice ? { documents: [this.document(notice, [lot])] } : {}),
        relatedLots: [lot],
        ...(a.winnerBidId ? { relatedBid: `${lot}-${a.winnerBidId}` } : {}),
      });
    }
    return out;
  }

  // ── Contracts ──

  private publicContracts() {
    return this.d.contracts.filter((c) => this.noticeKnown(this.p.contractNoticeOf(c.contract.id)));
  }

  private paymentsOf(contractId: string) {
    return this.d.payments.filter(
      (p) => p.contractId === contractId && this.knownAt(p.recordedAt, RANK.payment, p.id),
    );
  }

  contracts(previousReleaseId: string | undefined): z.infer<typeof ocdsContract>[] {
    return this.publicContracts().map(({ contract: c, purchaser: buyer, supplier: seller }) => {
      const purchaserName = buyer.name;
      const supplierName = seller.name;
      const lot = lotIdOf(c.lotNo);
      const amendments = this.d.amendments.filter(
        (a) => a.contractId === c.id && this.knownAt(a.recordedAt, RANK.amendment, a.id),
      );
      const terminated = amendments.some((a) => a.kind === 'termination');
      const payments = this.paymentsOf(c.id);
      const allPayments = this.d.payments.filter((p) => p.contractId === c.id);
      const completed = c.status === 'completed' && payments.length === allPayments.length;
      const value = amendments.reduce((sum, a) => sum + a.amountFen, c.amountFen);
      const signedAt = this.d.signatures
        .filter((s) => s.contractId === c.id)
        .reduce<Date | null>((max, s) => (max === null || s.signedAt > max ? s.signedAt : max), null);
      const dateSigned = signedAt ? iso(signedAt) : c.signedOn ? dayStart(c.signedOn) : undefined;
      const purchaser = this.purchaserRef(buyer);
      const supplier = this.supplierRef(seller);
      const notice = this.p.contractNoticeOf(c.id);
      const filed =
        c.filedOn !== null && this.known({ at: dayEnd(c.filedOn).getTime(), rank: RANK.filing, sub: c.id });
      const ownAmendment = this.moment.rank === RANK.amendment ? this.moment.sub : null;
      const acceptances = this.d.acceptances.filter(
        (a) => a.contractId === c.id && this.knownAt(a.recordedAt, RANK.acceptance, a.id),
      );
      const milestones = this.d.milestones.filter(
        (m) => m.contractId === c.id && m.createdAt.getTime() <= this.moment.at,
      );
      const implementation = {
        ...(payments.length
          ? {
              transactions: payments.map((p) => ({
                id: p.id,
                date: dayStart(p.paidOn),
                value: cny(p.amountFen),
                payer: purchaser,
                payee: supplier,
              })),
            }
          : {}),
        ...(milestones.length || acceptances.length
          ? {
              milestones: [
                ...milestones.map((m) => {
                  const met =
                    m.confirmedOn !== null &&
                    this.known({ at: dayEnd(m.confirmedOn).getTime(), rank: RANK.milestone, sub: m.id });
                  return {
                    id: m.id,
                    title: m.title,
                    type: 'delivery',
                    code: m.kind,
                    description: `${MILESTONE_LABELS[m.kind] ?? m.kind}${m.periodEndsOn ? `，至 ${m.periodEndsOn}` : ''}`,
                    dueDate: dayStart(m.dueOn),
                    ...(met && m.confirmedOn
                      ? { status: 'met' as const, dateMet: dayStart(m.confirmedOn) }
                      : { status: 'scheduled' as const }),
                  };
                }),
                ...acceptances.map((a) => ({
                  id: `acceptance-${a.id}`,
                  title: '履约验收',
                  type: 'assessment',
                  code: 'acceptance',
                  description: `${a.conclusion === 'passed' ? '验收合格' : '验收不合格'}：${a.opinion}（验收报告 SHA-256 ${a.reportHash}）`,
                  dateMet: dayStart(a.acceptedOn),
                  status: a.conclusion === 'passed' ? ('met' as const) : ('notMet' as const),
                })),
              ],
            }
          : {}),
        ...(acceptances.some((a) => this.noticeKnown(this.p.noticeOf(a.noticeId)))
          ? {
              documents: acceptances.flatMap((a) => {
                const n = this.p.noticeOf(a.noticeId);
                return n && this.noticeKnown(n) ? [this.document(n, [lot])] : [];
              }),
            }
          : {}),
      };
      return {
        id: c.code,
        awardID: awardIdOf(c.lotNo),
        title: `${this.d.project.name} 第${c.lotNo}包 政府采购合同（${purchaserName}）`,
        description: [
          `采购人：${purchaserName}`,
          `供应商：${supplierName}`,
          c.performancePeriod ? `履约期限：${c.performancePeriod}` : null,
          c.deliveryPlace ? `履约地点：${c.deliveryPlace}` : null,
          terminated ? `合同已解除：${c.terminatedReason ?? ''}` : null,
        ]
          .filter((x): x is string => !!x)
          .join('；'),
        status: terminated || completed ? 'terminated' : 'active',
        ...(dateSigned ? { period: { startDate: dateSigned }, dateSigned } : {}),
        value: cny(value),
        ...(notice ? { documents: [this.document(notice, [lot])] } : {}),
        milestones: [
          {
            id: 'filing',
            title: '合同备案',
            type: 'reporting',
            code: 'contractFiling',
            ...(c.filingDueOn ? { dueDate: dayStart(c.filingDueOn) } : {}),
            ...(filed && c.filedOn
              ? {
                  status: 'met' as const,
                  dateMet: dayStart(c.filedOn),
                  ...(c.filingReference ? { description: `备案编号：${c.filingReference}` } : {}),
                }
              : { status: 'scheduled' as const }),
          },
        ],
        ...(amendments.length
          ? {
              amendments: amendments.map((a) => {
                const releaseID = this.p.releaseIdOf('amendment', a.id);
                return {
                  id: a.id,
                  date: iso(a.recordedAt),
                  rationale: a.reason,
                  description: `${AMENDMENT_LABELS[a.kind] ?? a.kind}：${a.content}${
                    a.amountFen !== 0n
                      ? `（金额变动 ${yuanText(a.amountFen)} 元，生效日 ${a.effectiveOn}）`
                      : `（生效日 ${a.effectiveOn}）`
                  }`,
                  ...(releaseID ? { releaseID } : {}),
                  ...(releaseID && ownAmendment === a.id && previousReleaseId
                    ? { amendsReleaseID: previousReleaseId }
                    : {}),
                };
              }),
            }
          : {}),
        ...(Object.keys(implementation).length ? { implementation } : {}),
      };
    });
  }
}

const lotIdOf = (lotNo: number): string => String(lotNo);
const awardIdOf = (lotNo: number): string => `award-${lotNo}`;

/** A rate in basis points as a percent: 4000 → "40%", 1250 → "12.5%". */
function bpText(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}

/** "100 台" → quantity 100, unit 台; free text without a leading number gives neither. */
function quantityOf(text: string | null): { quantity?: number; unit?: { name: string } } {
  const m = text ? /^\s*(\d+(?:\.\d+)?)\s*(\S.*)?$/.exec(text) : null;
  if (!m?.[1]) return {};
  const unit = m[2]?.trim();
  return { quantity: Number(m[1]), ...(unit ? { unit: { name: unit } } : {}) };
}
