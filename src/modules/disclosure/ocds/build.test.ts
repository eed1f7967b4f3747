import { describe, expect, it } from 'vitest';
import { ocdsErrors } from '../../../../test/support/ocds.ts';
import { requirements } from '../../tendering/contract.ts';
import { buildReleases, type BuildOptions } from './build.ts';
import type { CentreRow, ProjectData } from './load.ts';
import { compileReleases } from './merge.ts';

/**
 * The builder on hand-made rows, for what a lifecycle through the API cannot cheaply reach: a 暗标 lot under
 * 合理定价评审抽签法 bought for two purchasers, a terminated project, a project that failed at its opening, a
 * draft. (test/ocds.int.test.ts takes a real project through the API.)
 */
const T = (iso: string) => new Date(iso);
const PUBLISHED = T('2026-03-02T01:00:00Z');
const OPENED = T('2026-03-12T02:00:00Z');
const RESULT = T('2026-03-20T01:00:00Z');

const centre: CentreRow = {
  id: '00000000-0000-4000-8000-0000000000c0',
  name: '云岭县政府采购中心',
  regionCode: '150439',
  regionName: '云岭县',
  address: '云岭县兴隆大街16号',
  phone: '0476-7521606',
  createdAt: PUBLISHED,
};

const options = (now: Date): BuildOptions => ({
  prefix: 'ocds-zhengcai',
  centre,
  baseUrl: 'https://zc.example.cn',
  now,
});

const supplier = (n: number, size: string) => ({
  id: `00000000-0000-4000-8000-00000000005${n}`,
  name: `云岭供应商${n}有限公司`,
  creditCode: `91150439MA00000${n}XX`,
  address: null,
  size,
});

const purchaser = (n: number) => ({
  id: `00000000-0000-4000-8000-00000000001${n}`,
  name: `云岭县第${n}中学`,
  creditCode: null,
  address: '云岭县',
  level: 'county',
  contactName: null,
  contactPhone: null,
});

function notice(kind: string, at: Date, id: string, projectId: string): ProjectData['notices'][number] {
  return {
    id,
    projectId,
    kind,
    title: `测试项目${kind}公告`,
    body: `${kind} 公告正文`,
    bidDeadlineAt: kind === 'invitation' || kind === 'tender' ? OPENED : null,
    publishedAt: at,
  };
}

function project(o: {
  id: string;
  code: string;
  method: string;
  category: string;
  requirements: Record<string, unknown>;
}): ProjectData {
  return {
    project: {
      id: o.id,
      code: o.code,
      name: `测试项目${o.code}`,
      year: 2026,
      category: o.category,
      method: o.method,
      methodReason: o.method === 'openTender' ? null : '技术复杂，不能事先计算价格总额',
      status: 'published',
      programmeId: null,
      serviceKind: null,
      templateId: null,
      retenderOf: null,
      requirements: requirements.parse(o.requirements),
      lint: null,
      noticePublishedOn: '2026-03-02',
      documentsIssuedOn: '2026-03-02',
      documentsAvailableUntil: '2026-03-09',
      bidDeadlineAt: OPENED,
      openingAt: OPENED,
      openingPlace: '开标一室',
      createdBy: null,
      createdAt: PUBLISHED,
      updatedAt: PUBLISHED,
    },
    programmeName: null,
    priorCode: null,
    lots: [
      {
        id: `${o.id.slice(0, -2)}a1`,
        projectId: o.id,
        no: 1,
        name: '物业服务',
        budgetFen: 15_000_000n,
        ceilingFen: 14_000_000n,
        quantity: '1 项',
        description: null,
      },
    ],
    shares: [1, 2].map((n) => ({
      projectId: o.id,
      lotNo: null,
      quantity: null,
      amountFen: n === 1 ? 9_000_000n : 6_000_000n,
      line: {
        id: `00000000-0000-4000-8000-0000000000${o.code.slice(-1)}${n}`,
        year: 2026,
        budgetItem: '物业管理费',
        itemCode: 'C21040000',
        itemName: '物业管理服务',
        quantity: '12 月',
      },
      purchaser: purchaser(n),
      intention: null,
      commissionDecidedAt: null,
    })),
    notices: [
      notice(o.method === 'openTender' ? 'tender' : 'invitation', PUBLISHED, `${o.id.slice(0, -2)}n1`, o.id),
    ],
    openings: [],
    bids: [],
    bidLots: [],
    bidOpenings: [],
    prices: [],
    evaluations: [],
    corrections: [],
    awards: [],
    complaints: [],
    contracts: [],
    signatures: [],
    amendments: [],
    milestones: [],
    acceptances: [],
    payments: [],
  };
}

/** 竞争性磋商, 合理定价评审抽签法 with 暗标: three bids at the 定标价, two qualified, the lottery chose the second. */
function blindLottery(): ProjectData {
  const id = '00000000-0000-4000-8000-000000000100';
  const d = project({
    id,
    code: 'ZC2026-0100',
    method: 'consultation',
    category: 'services',
    requirements: {
      evaluationMethod: 'priceLottery',
      blindTechnical: true,
      lottery: { floatDownBp: 800, rounding: 'yuan', reviewed: [{ lotNo: 1, reviewedFen: '12345678' }] },
    },
  });
  const bidIds = [1, 2, 3].map((n) => `00000000-0000-4000-8000-00000000020${n}`);
  const sizes = ['small', 'large', 'micro'];
  d.openings = [
    { projectId: id, lotNo: 1, status: 'opened', bidCount: 3, startedAt: OPENED, completedAt: OPENED },
  ];
  d.bids = bidIds.map((bidId, i) => ({
    id: bidId,
    projectId: id,
    submittedAt: T(`2026-03-1${i}T01:00:00Z`),
    supplier: supplier(i + 1, sizes[i] ?? 'small'),
  }));
  d.bidLots = bidIds.map((bidId) => ({ bidId, lotNo: 1 }));
  d.bidOpenings = bidIds.map((bidId) => ({ bidId, status: 'opened' }));
  d.prices = bidIds.map((bidId) => ({ bidId, lotNo: 1, priceFen: 11_358_000n }));
  d.evaluations = [
    {
      projectId: id,
      lotNo: 1,
      status: 'signed',
      method: 'priceLottery',
      blind: true,
      qualified: [bidIds[0] ?? '', bidIds[1] ?? ''],
    },
  ];
  const result = notice('result', RESULT, '00000000-0000-4000-8000-000000000190', id);
  d.notices.push(result);
  const winner = supplier(2, 'large');
  d.awards = [
    {
      award: {
        projectId: id,
        lotNo: 1,
        status: 'noticed',
        reportDeliveredOn: '2026-03-13',
        confirmationDueOn: '2026-03-20',
        candidates: [],
        winnerBidId: bidIds[1] ?? null,
        winnerSupplierId: winner.id,
        amountFen: 11_358_000n,
        passedOver: [],
        delayReason: null,
        deemed: false,
        confirmedOn: '2026-03-19',
        confirmedAt: T('2026-03-19T02:00:00Z'),
        confirmedBy: null,
        noticeDueOn: '2026-03-23',
        noticeId: result.id,
        noticedOn: '2026-03-20',
        noticePeriodEndsOn: '2026-03-23',
        failedReason: null,
        updatedAt: RESULT,
      },
      winner,
    },
  ];
  return d;
}

function validate(d: ProjectData, now: Date) {
  const built = buildReleases(d, options(now));
  for (const r of built) expect(ocdsErrors('release', r.release), r.release.id).toBe('');
  if (built.length) expect(ocdsErrors('release', compileReleases(built.map((r) => r.release)))).toBe('');
  return built.map((r) => r.release);
}

describe('OCDS releases of a 暗标 lot under 合理定价评审抽签法', () => {
  it('tells nothing before the first notice, and nothing of a draft', () => {
    expect(validate(blindLottery(), T('2026-03-02T00:59:59Z'))).toEqual([]);
    const draft = blindLottery();
    draft.notices = [];
    expect(validate(draft, RESULT)).toEqual([]);
  });

  it('maps the method, category, price lottery, budget and ceiling; two purchasers are both buyers', () => {
    const [planning, tender] = validate(blindLottery(), T('2026-03-05T00:00:00Z'));
    expect(planning?.tag).toEqual(['planning']);
    expect(planning?.planning?.budget?.amount).toEqual({ amount: 150000, currency: 'CNY' });
    expect(tender?.tender).toMatchObject({
      status: 'active',
      procurementMethod: 'limited',
      procurementMethodDetails: '竞争性磋商',
      mainProcurementCategory: 'services',
      awardCriteria: 'priceOnly',
      value: { amount: 140000, currency: 'CNY' },
      lots: [
        {
          id: '1',
          value: { amount: 140000, currency: 'CNY' },
          description: expect.stringContaining('最高限价：140000 元'),
        },
      ],
    });
    // 定标价 = 123 456.78 × (1 − 8%) = 113 580.2376, rounded to the yuan.
    expect(tender?.tender?.awardCriteriaDetails).toContain('合理定价评审抽签法');
    expect(tender?.tender?.awardCriteriaDetails).toContain('第1包定标价 113580 元');
    expect(tender?.tender?.awardCriteriaDetails).toContain('暗标');
    expect(tender?.tender?.lots?.[0]?.description).toContain('预算金额：150000 元');
    expect(tender?.buyer).toBeUndefined();
    expect(tender?.parties?.filter((p) => p.roles.includes('buyer'))).toHaveLength(2);
    expect(tender?.parties?.find((p) => p.roles.includes('procuringEntity'))?.name).toBe(centre.name);
  });

  it('at the opening gives counts only: a 暗标 lot’s bids say nothing until its result', () => {
    const releases = validate(blindLottery(), T('2026-03-15T00:00:00Z'));
    expect(releases.map((r) => r.tag[0])).toEqual(['planning', 'tender', 'tenderUpdate']);
    const opening = releases[2];
    expect(opening?.bids?.statistics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ measure: 'bids', value: 3, relatedLot: '1' }),
        expect.objectContaining({ measure: 'bidders', value: 3 }),
      ]),
    );
    expect(opening?.bids?.details).toBeUndefined();
    expect(opening?.awards).toBeUndefined();
    expect(JSON.stringify(releases)).not.toContain('云岭供应商');
  });

  it('with the result: statuses, the 定标价, the winner named on its own bid only', () => {
    const releases = validate(blindLottery(), T('2026-03-21T00:00:00Z'));
    const award = releases.at(-1);
    expect(award?.tag).toEqual(['award']);
    const details = award?.bids?.details ?? [];
    expect(details.map((b) => [b.status, b.value?.amount, b.tenderers?.length ?? 0])).toEqual([
      ['valid', 113580, 0],
      ['valid', 113580, 1],
      ['disqualified', 113580, 0],
    ]);
    expect(details[1]?.tenderers?.[0]?.name).toBe('云岭供应商2有限公司');
    expect(award?.awards).toEqual([
      expect.objectContaining({
        status: 'active',
        value: { amount: 113580, currency: 'CNY' },
        relatedBid: details[1]?.id,
        relatedLots: ['1'],
      }),
    ]);
    expect(award?.tender?.status).toBe('complete');
    expect(award?.bids?.statistics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ measure: 'validBids', value: 2 }),
        expect.objectContaining({ measure: 'smeBids', value: 2 }),
      ]),
    );
    const documents = award?.awards?.[0]?.documents ?? [];
    expect(documents[0]).toMatchObject({
      documentType: 'awardNotice',
      url: 'https://zc.example.cn/notices/00000000-0000-4000-8000-000000000190',
    });
  });
});

describe('OCDS implementation releases', () => {
  it('a public-service acceptance notice is in its acceptance’s own release; the last payment closes the contract', () => {
    const d = blindLottery();
    const id = d.project.id;
    const contractNotice = notice(
      'contract',
      T('2026-03-25T01:00:00Z'),
      '00000000-0000-4000-8000-000000000195',
      id,
    );
    const acceptedAt = T('2026-04-20T02:00:00Z');
    const acceptanceNotice = notice('acceptance', acceptedAt, '00000000-0000-4000-8000-0000000009ff', id);
    d.notices.push(contractNotice, acceptanceNotice);
    const buyer = purchaser(1);
    const seller = supplier(2, 'large');
    const contractId = '00000000-0000-4000-8000-000000000600';
    d.contracts = [
      {
        contract: {
          id: contractId,
          code: 'ZC2026-0100-HT1',
          projectId: id,
          lotNo: 1,
          purchaserId: buyer.id,
          planLineId: null,
          supplierId: seller.id,
          bidId: '00000000-0000-4000-8000-000000000202',
          status: 'completed',
          budgetFen: 9_000_000n,
          amountFen: 6_814_800n,
          bondFen: 0n,
          bondForm: null,
          paymentTermsDays: null,
          sme: false,
          performancePeriod: '一年',
          deliveryPlace: '云岭县第1中学',
          document: {},
          documentHash: 'x',
          signingDueOn: '2026-04-19',
          signedOn: '2026-03-24',
          publicationDueOn: '2026-03-26',
          noticeId: contractNotice.id,
          publishedOn: '2026-03-25',
          filingDueOn: '2026-04-02',
          filedOn: null,
          filingReference: null,
          terminatedReason: null,
          createdAt: RESULT,
          createdBy: null,
          updatedAt: RESULT,
        },
        purchaser: { id: buyer.id, name: buyer.name, creditCode: buyer.creditCode, address: buyer.address },
        supplier: {
          id: seller.id,
          name: seller.name,
          creditCode: seller.creditCode,
          address: seller.address,
        },
      },
    ];
    d.acceptances = [
      {
        id: '00000000-0000-4000-8000-000000000700',
        contractId,
        conclusion: 'passed',
        acceptedOn: '2026-04-20',
        opinion: '服务符合合同约定',
        reportHash: 'ab'.repeat(32),
        noticeId: acceptanceNotice.id,
        recordedAt: acceptedAt,
      },
    ];
    d.payments = [
      {
        id: '00000000-0000-4000-8000-000000000800',
        contractId,
        amountFen: 6_814_800n,
        paidOn: '2026-04-25',
        recordedAt: T('2026-04-25T02:00:00Z'),
      },
    ];
    const releases = validate(d, T('2026-05-01T00:00:00Z'));
    expect(releases.slice(-3).map((r) => r.tag[0])).toEqual(['contract', 'implementation', 'implementation']);
    const [contract, acceptance, payment] = releases.slice(-3);
    expect(contract?.contracts?.[0]).toMatchObject({
      status: 'active',
      value: { amount: 68148, currency: 'CNY' },
    });
    expect(acceptance?.contracts?.[0]?.implementation?.documents).toEqual([
      expect.objectContaining({ documentType: 'completionCertificate', relatedLots: ['1'] }),
    ]);
    expect(acceptance?.contracts?.[0]?.status).toBe('active');
    expect(payment?.contracts?.[0]).toMatchObject({
      status: 'terminated',
      implementation: {
        transactions: [
          {
            id: '00000000-0000-4000-8000-000000000800',
            date: '2026-04-25T00:00:00+08:00',
            value: { amount: 68148, currency: 'CNY' },
            payer: { name: buyer.name },
            payee: { name: seller.name },
          },
        ],
      },
    });
    const roles = Object.fromEntries((payment?.parties ?? []).map((p) => [p.name, p.roles]));
    expect(roles[buyer.name]).toEqual(['buyer', 'payer']);
    expect(roles[seller.name]).toEqual(['tenderer', 'supplier', 'payee']);
  });
});

describe('OCDS releases of projects that end early', () => {
  it('a termination is a tenderCancellation: tender and lots cancelled', () => {
    const d = project({
      id: '00000000-0000-4000-8000-000000000300',
      code: 'ZC2026-0300',
      method: 'openTender',
      category: 'goods',
      requirements: {},
    });
    d.notices.push(
      notice('termination', T('2026-03-06T01:00:00Z'), '00000000-0000-4000-8000-000000000391', d.project.id),
    );
    const releases = validate(d, RESULT);
    const last = releases.at(-1);
    expect(last?.tag).toEqual(['tenderCancellation']);
    expect(last?.tender).toMatchObject({
      status: 'cancelled',
      procurementMethod: 'open',
      procurementMethodDetails: '公开招标',
      mainProcurementCategory: 'goods',
      lots: [expect.objectContaining({ status: 'cancelled' })],
    });
    expect(last?.tender?.documents?.map((x) => x.documentType)).toEqual([
      'tenderNotice',
      'cancellationDetails',
    ]);
  });

  it('too few bids: the lot was never opened, its bids stay sealed; the failure notice makes it unsuccessful', () => {
    const d = project({
      id: '00000000-0000-4000-8000-000000000400',
      code: 'ZC2026-0400',
      method: 'openTender',
      category: 'works',
      requirements: {},
    });
    d.openings = [
      {
        projectId: d.project.id,
        lotNo: 1,
        status: 'notOpened',
        bidCount: 2,
        startedAt: OPENED,
        completedAt: OPENED,
      },
    ];
    d.bids = [1, 2].map((n) => ({
      id: `00000000-0000-4000-8000-00000000040${n}`,
      projectId: d.project.id,
      submittedAt: PUBLISHED,
      supplier: supplier(n, 'small'),
    }));
    d.bidLots = d.bids.map((b) => ({ bidId: b.id, lotNo: 1 }));
    d.notices.push(notice('failure', OPENED, '00000000-0000-4000-8000-000000000491', d.project.id));
    const releases = validate(d, RESULT);
    expect(releases.map((r) => r.tag[0])).toEqual(['planning', 'tender', 'tenderUpdate', 'tenderUpdate']);
    const last = releases.at(-1);
    expect(last?.tender).toMatchObject({ status: 'unsuccessful', mainProcurementCategory: 'works' });
    expect(last?.tender?.lots?.[0]?.status).toBe('unsuccessful');
    expect(last?.awards).toEqual([expect.objectContaining({ id: 'award-1', status: 'unsuccessful' })]);
    expect(last?.bids?.statistics).toEqual(
      expect.arrayContaining([expect.objectContaining({ measure: 'bids', value: 2 })]),
    );
    expect(last?.bids?.details).toBeUndefined();
  });
});
