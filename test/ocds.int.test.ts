import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardedProject, signedContract, type AwardedProject } from './support/award.ts';
import { freshDatabase, testDbKind } from './support/database.ts';
import { startHarness, type TestHarness } from './support/harness.ts';
import { ocdsErrors } from './support/ocds.ts';
import { again, custodians, projectWithCustodians, sealedBid } from './support/opening.ts';
import type { ReleaseKey } from '../src/modules/disclosure/ocds/build.ts';
import { buildOptions, releasePage } from '../src/modules/disclosure/ocds/feed.ts';
import {
  ocdsRelease,
  type OcdsRelease,
  type ReleasePackage,
} from '../src/modules/disclosure/ocds/contract.ts';
import { projects } from '../src/modules/tendering/tables.ts';
import { acceptedLine, insertThresholds, newProject, type Client } from './support/projects.ts';

/**
 * OCDS open data from a real procurement through the API: every release type (planning, tender, tenderAmendment,
 * tenderUpdate at the opening, award, contract, contractAmendment, implementation) and the compiled record valid
 * against the OCDS 1.1.5 schema with the lots and bid extensions; nothing of a sealed bid before its opening;
 * bidders named only where the result names them; a project never published not released; amounts exact to the
 * fen; the bulk export's lines valid too.
 */
let h: TestHarness;
let a: AwardedProject;
let rep: Client;
let agent: Client;
let finance: Client;
let supplier: Client;
let loser: Client;
let contractId = '';
let sealedCode = '';
let draftCode = '';
let code = '';
const PREFIX = 'ocds-zhengcai';
const ocid = (code: string) => `${PREFIX}-${code}`;

/** 09:00 Shanghai on the day, everyone signed in again. */
async function on(day: string) {
  h.clock.set(new Date(`${day}T01:00:00Z`));
  [rep, agent, finance, supplier, loser] = (await Promise.all(
    [rep, agent, finance, supplier, loser].map((c) => again(h, c)),
  )) as [Client, Client, Client, Client, Client];
}

async function ok<T = { id: string }>(
  c: Client,
  method: 'POST' | 'PUT',
  url: string,
  payload: unknown,
  status = 200,
): Promise<T> {
  const res = await c.request({ method, url, payload: payload as Record<string, unknown> });
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

async function record(code: string) {
  const client = await h.client();
  return client.request({ method: 'GET', url: `/api/ocds/records/${ocid(code)}` });
}

/** Every release of the feed, page by page through links.next, each page checked against the package schema. */
async function feed(query = 'limit=4') {
  const client = await h.client();
  const releases: OcdsRelease[] = [];
  let url: string | null = `/api/ocds/releases?${query}`;
  let pages = 0;
  while (url) {
    const res = await client.request({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<ReleasePackage>();
    if (body.releases.length) expect(ocdsErrors('releasePackage', body)).toBe('');
    releases.push(...body.releases);
    url = body.links.next ? new URL(body.links.next).pathname + new URL(body.links.next).search : null;
    pages += 1;
    expect(pages).toBeLessThan(200);
  }
  return releases;
}

beforeAll(async () => {
  h = await startHarness();
  await insertThresholds(h);

  // A project published, corrected and bid on, but not yet opened: its bids are sealed.
  const c = await custodians(h);
  const unit = await h.signedIn('purchaser');
  const sealed = await projectWithCustodians(h, {
    agent: c.agent,
    supervisor: c.supervisor,
    purchaserId: unit.user.purchaserId ?? '',
    name: '密封投标测试项目',
    lots: 2,
  });
  sealedCode = sealed.code;
  h.clock.set(new Date('2026-03-05T02:00:00Z'));
  const corrector = await again(h, c.agent);
  await ok(corrector, 'POST', `/api/projects/${sealed.id}/corrections`, {
    content: '第二章技术参数“内存不低于16GB”更正为“内存不低于32GB”。',
    affectsBids: false,
  });
  for (const price of ['24681357', '23456789', '22222223'])
    await sealedBid(h, sealed.id, [
      [1, price],
      [2, '20000001'],
    ]);

  // A draft that was never published.
  const line = await acceptedLine(h, unit.user.purchaserId ?? '', { yuan: 300_000 });
  const draft = await newProject(corrector, {
    name: '从未发布的草稿项目',
    category: 'goods',
    method: 'openTender',
    shares: [{ planLineId: line.id }],
    lots: [{ name: '设备', budgetFen: '30000000' }],
  });
  draftCode = draft.code;

  // The full life of a project, to the last payment.
  a = await awardedProject(h, {
    bids: [{ priceFen: '41234567' }, { priceFen: '42000001' }, { priceFen: '45000099' }],
  });
  const [row] = await h.db.select({ code: projects.code }).from(projects).where(eq(projects.id, a.projectId));
  code = row?.code ?? '';
  rep = a.rep;
  agent = a.agent;
  finance = a.finance;
  supplier = a.winner.client;
  loser = a.bidders[1]?.client as Client;
  await on('2026-03-26');
  const challenge = await ok(
    loser,
    'POST',
    `/api/projects/${a.projectId}/challenges`,
    {
      subject: 'result',
      lotNo: 1,
      requests: '请求重新审查中标供应商的资格，确认其不满足招标文件的业绩要求。',
      facts: '中标供应商提交的业绩合同签订日期晚于投标截止时间，不符合招标文件第三章的规定。',
    },
    201,
  );
  await on('2026-03-27');
  await ok(agent, 'POST', `/api/challenges/${challenge.id}/reply`, {
    reply: '经核查，中标供应商的业绩合同符合招标文件要求，质疑不成立。',
    outcome: 'dismissed',
  });
  await on('2026-03-30');
  contractId = await signedContract(h, { ...a, rep, agent, winner: { ...a.winner, client: supplier } });
  await ok(agent, 'POST', `/api/contracts/${contractId}/publication`, {});
  await on('2026-03-31');
  await ok(rep, 'POST', `/api/contracts/${contractId}/amendments`, {
    kind: 'addOn',
    amountFen: '1234567',
    content: '追加同型号设备 3 台',
    reason: '学生人数增加',
  });
  await on('2026-04-01');
  await ok(rep, 'POST', `/api/contracts/${contractId}/filing`, { filingReference: '云财采备〔2026〕12号' });
  const planned = await ok<{ milestones: { id: string }[] }>(
    rep,
    'PUT',
    `/api/contracts/${contractId}/milestones`,
    {
      milestones: [{ kind: 'delivery', title: '设备到货', dueOn: '2026-04-10' }],
    },
  );
  const delivery = planned.milestones[0]?.id ?? '';
  await on('2026-04-07');
  const complaint = await ok(
    loser,
    'POST',
    `/api/challenges/${challenge.id}/complaint`,
    {
      requests: '请求财政部门认定中标无效，另行确定中标供应商。',
      facts: '业绩合同签订日期晚于投标截止时间。',
    },
    201,
  );
  await on('2026-04-08');
  await ok(finance, 'POST', `/api/complaints/${complaint.id}/accept`, {});
  await ok(finance, 'POST', `/api/complaints/${complaint.id}/decide`, {
    decision: '经审查，投诉事项缺乏事实依据，驳回投诉。',
    outcome: 'dismissed',
    remedy: null,
  });
  await on('2026-04-10');
  await ok(supplier, 'POST', `/api/milestones/${delivery}/report`, {
    reportedOn: '2026-04-10',
    note: '设备已全部送达',
  });
  await ok(rep, 'POST', `/api/milestones/${delivery}/confirm`, {});
  await on('2026-04-22');
  const list = (
    await rep.request({ method: 'GET', url: `/api/contracts/${contractId}/acceptance/checklist` })
  ).json();
  await ok(
    rep,
    'POST',
    `/api/contracts/${contractId}/acceptances`,
    {
      members: ['王验收', '李验收'],
      opinion: '按合同约定逐项验收',
      acceptedOn: '2026-04-22',
      items: list.items.map((i: { id: string }) => ({ id: i.id, result: 'pass' })),
    },
    201,
  );
  await on('2026-04-23');
  const invoiced = await ok<{ invoices: { id: string }[] }>(
    supplier,
    'POST',
    `/api/contracts/${contractId}/invoices`,
    { number: 'FP-0001', amountFen: '42469134', issuedOn: '2026-04-23', receivedOn: '2026-04-23' },
    201,
  );
  await ok(
    rep,
    'POST',
    `/api/contracts/${contractId}/payments`,
    { amountFen: '40000000', paidOn: '2026-04-23', reference: 'ZF-001', invoiceId: invoiced.invoices[0]?.id },
    201,
  );
  await on('2026-04-24');
  await ok(
    rep,
    'POST',
    `/api/contracts/${contractId}/payments`,
    { amountFen: '2469134', paidOn: '2026-04-24', reference: 'ZF-002', invoiceId: invoiced.invoices[0]?.id },
    201,
  );
}, 300_000);

afterAll(async () => {
  await h?.close();
});

describe('OCDS releases and records', () => {
  it('gives every release type, each valid against OCDS 1.1.5 with the lots and bid extensions', async () => {
    const releases = await feed();
    for (const r of releases) expect(ocdsErrors('release', r), r.id).toBe('');
    const tags = new Set(releases.flatMap((r) => r.tag));
    for (const t of [
      'planning',
      'tender',
      'tenderAmendment',
      'tenderUpdate',
      'award',
      'awardUpdate',
      'contract',
      'contractAmendment',
      'contractUpdate',
      'implementation',
    ])
      expect(tags, t).toContain(t);
    // Release ids are unique, and the feed runs in date order.
    expect(new Set(releases.map((r) => r.id)).size).toBe(releases.length);
    const dates = releases.map((r) => Date.parse(r.date));
    expect(dates).toEqual([...dates].sort((x, y) => x - y));
    // Asking again gives the same ids (they are stable), and `since` cuts the feed at an instant.
    expect((await feed('limit=500')).map((r) => r.id)).toEqual(releases.map((r) => r.id));
    const later = await feed('since=2026-04-01T00:00:00%2B08:00&limit=3');
    expect(later.map((r) => r.id)).toEqual(
      releases.filter((r) => Date.parse(r.date) >= Date.parse('2026-04-01T00:00:00+08:00')).map((r) => r.id),
    );
    expect(later.length).toBeGreaterThan(3);
  });

  it('pages exactly whatever the number of projects built per round', async () => {
    const all = await feed('limit=500');
    const o = await buildOptions(h.db, { prefix: PREFIX, baseUrl: null, now: h.clock.now() });
    for (const [limit, batch] of [
      [1, 1],
      [2, 1],
      [3, 2],
      [7, 1],
    ] as const) {
      const ids: string[] = [];
      let cursor: ReleaseKey | null = null;
      for (let i = 0; i < 500; i++) {
        const page = await releasePage(h.db, o, { since: null, cursor, limit, batch });
        expect(page.releases.length).toBeLessThanOrEqual(limit);
        ids.push(...page.releases.map((r) => r.release.id));
        if (!page.next) break;
        cursor = page.next;
      }
      expect(ids, `limit ${limit}, batch ${batch}`).toEqual(all.map((r) => r.id));
    }
  });

  it('never releases a project that was not published', async () => {
    const res = await record(draftCode);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    const releases = await feed('limit=500');
    expect(releases.some((r) => r.ocid === ocid(draftCode))).toBe(false);
    expect(
      (await (await h.client()).request({ method: 'GET', url: '/api/ocds/records/ocds-other-X' })).statusCode,
    ).toBe(404);
    const bad = await (
      await h.client()
    ).request({ method: 'GET', url: '/api/ocds/releases?cursor=nonsense' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'OCDS_CURSOR_INVALID', path: 'query.cursor' });
  });

  it('says nothing of sealed bids before their opening; a correction is a tenderAmendment', async () => {
    h.clock.set(new Date('2026-03-23T01:40:00Z')); // after the deadline, before anyone opens
    const res = await record(sealedCode);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(ocdsErrors('recordPackage', body)).toBe('');
    const text = JSON.stringify(body);
    for (const secret of ['246813.57', '234567.89', '222222.23', '200000.01', 'tenderer'])
      expect(text).not.toContain(secret);
    const rec = body.records[0];
    expect(rec.releases.map((r: { tag: string[] }) => r.tag[0])).toEqual([
      'planning',
      'tender',
      'tenderAmendment',
    ]);
    for (const r of rec.releases) expect(r.bids).toBeUndefined();
    const amendment = rec.releases[2];
    expect(amendment.tender.amendments).toEqual([
      expect.objectContaining({
        rationale: expect.stringContaining('更正公告'),
        description: expect.stringContaining('内存不低于32GB'),
        releaseID: amendment.id,
        amendsReleaseID: rec.releases[1].id,
      }),
    ]);
    expect(rec.compiledRelease.tender).toMatchObject({
      status: 'active',
      procurementMethod: 'open',
      procurementMethodDetails: '公开招标',
      mainProcurementCategory: 'goods',
      awardCriteria: 'ratedCriteria',
      value: { amount: 500000, currency: 'CNY' },
      lots: [
        { id: '1', status: 'active', value: { amount: 250000, currency: 'CNY' } },
        { id: '2', status: 'active', value: { amount: 250000, currency: 'CNY' } },
      ],
    });
    expect(rec.compiledRelease.tender.numberOfTenderers).toBeUndefined();
    expect(rec.compiledRelease.tag).toEqual(['compiled']);
  });

  it('after the opening: statistics and anonymous bid prices; after the award: the winner named, exact to the fen', async () => {
    h.clock.set(new Date('2026-05-01T01:00:00Z'));
    const res = await record(code);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(ocdsErrors('recordPackage', body)).toBe('');
    const [rec] = body.records;
    for (const r of rec.releases) expect(ocdsErrors('release', r), r.id).toBe('');
    expect(ocdsErrors('release', rec.compiledRelease)).toBe('');
    const tags = rec.releases.map((r: { tag: string[] }) => r.tag[0]);
    expect(tags.slice(0, 4)).toEqual(['planning', 'tender', 'tenderUpdate', 'award']);

    // The opening: counts and prices, but whose price is not said.
    const opening = rec.releases[2];
    expect(opening.bids.statistics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ measure: 'bids', value: 3, relatedLot: '1' }),
        expect.objectContaining({ measure: 'bidders', value: 3 }),
      ]),
    );
    expect(opening.bids.details).toHaveLength(3);
    for (const d of opening.bids.details) {
      expect(d).toMatchObject({ status: 'pending', relatedLots: ['1'] });
      expect(d.tenderers).toBeUndefined();
    }
    expect(
      opening.bids.details
        .map((d: { value: { amount: number } }) => d.value.amount)
        .sort((x: number, y: number) => x - y),
    ).toEqual([412345.67, 420000.01, 450000.99]);
    expect(opening.awards).toBeUndefined();
    expect(opening.parties.some((p: { roles: string[] }) => p.roles.includes('tenderer'))).toBe(false);

    // The award: the winner named on its own bid only; the others stay anonymous.
    const c = rec.compiledRelease;
    const winnerBid = c.bids.details.find((d: { tenderers?: unknown }) => d.tenderers);
    expect(c.bids.details.filter((d: { tenderers?: unknown }) => d.tenderers)).toHaveLength(1);
    expect(winnerBid).toMatchObject({ status: 'valid', value: { amount: 412345.67, currency: 'CNY' } });
    expect(c.awards).toEqual([
      expect.objectContaining({
        id: 'award-1',
        status: 'active',
        value: { amount: 412345.67, currency: 'CNY' },
        relatedLots: ['1'],
        relatedBid: winnerBid.id,
        suppliers: [expect.objectContaining({ name: expect.any(String) })],
      }),
    ]);
    const supplierId = c.awards[0].suppliers[0].id;
    const winnerParty = c.parties.find((p: { id: string }) => p.id === supplierId);
    expect(winnerParty.roles).toEqual(expect.arrayContaining(['tenderer', 'supplier', 'payee']));
    expect(winnerParty.identifier.scheme).toBe('CN-USCC');
    expect(c.parties.filter((p: { roles: string[] }) => p.roles.includes('tenderer'))).toHaveLength(1);
    expect(c.bids.statistics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ measure: 'validBids', value: 3 }),
        expect.objectContaining({ measure: 'lowestValidBidValue', value: 412345.67, currency: 'CNY' }),
        expect.objectContaining({ measure: 'highestValidBidValue', value: 450000.99, currency: 'CNY' }),
      ]),
    );
    expect(c.tender).toMatchObject({
      status: 'complete',
      awardCriteria: 'priceOnly',
      awardCriteriaDetails: expect.stringContaining('最低评标价法'),
      numberOfTenderers: 3,
      procuringEntity: { id: expect.stringMatching(/^centre/) },
    });
    expect(c.planning.budget.amount).toEqual({ amount: 500000, currency: 'CNY' });
    expect(c.buyer.id).toBe(c.parties.find((p: { roles: string[] }) => p.roles.includes('buyer')).id);

    // The complaint decision is published with the finance department as review body.
    const review = c.parties.find((p: { roles: string[] }) => p.roles.includes('reviewBody'));
    expect(review.name).toContain('财政部门');
    expect(c.tender.documents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          documentType: 'complaints',
          description: expect.stringContaining('驳回投诉'),
        }),
      ]),
    );
    expect(rec.releases.find((r: { tag: string[] }) => r.tag[0] === 'awardUpdate')).toBeTruthy();

    // The contract: amended, filed, performed, accepted and paid — 412 345.67 + 12 345.67 = 424 691.34 元.
    const [contract] = c.contracts;
    expect(contract).toMatchObject({
      awardID: 'award-1',
      status: 'terminated',
      value: { amount: 424691.34, currency: 'CNY' },
      dateSigned: expect.any(String),
    });
    expect(contract.amendments).toEqual([
      expect.objectContaining({
        rationale: '学生人数增加',
        description: expect.stringContaining('12345.67'),
      }),
    ]);
    expect(contract.milestones).toEqual([
      expect.objectContaining({ id: 'filing', status: 'met', description: '备案编号：云财采备〔2026〕12号' }),
    ]);
    expect(
      contract.implementation.transactions.map((t: { value: { amount: number } }) => t.value.amount),
    ).toEqual([400000, 24691.34]);
    expect(contract.implementation.milestones).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: '设备到货', status: 'met', dateMet: '2026-04-10T00:00:00+08:00' }),
        expect.objectContaining({ title: '履约验收', status: 'met', type: 'assessment' }),
      ]),
    );
    // The contract release came before its amendment; the amendment release says which release it amends.
    const amended = rec.releases.find((r: { tag: string[] }) => r.tag[0] === 'contractAmendment');
    const before = rec.releases[rec.releases.indexOf(amended) - 1];
    expect(amended.contracts[0].amendments[0]).toMatchObject({
      releaseID: amended.id,
      amendsReleaseID: before.id,
    });
    expect(
      rec.releases.filter((r: { tag: string[] }) => r.tag[0] === 'implementation').length,
    ).toBeGreaterThanOrEqual(4);
  });

  it('a release shows only what was public at its date', async () => {
    const [rec] = (await record(code)).json().records;
    const contractRelease = rec.releases.find((r: { tag: string[] }) => r.tag[0] === 'contract');
    const [contract] = contractRelease.contracts;
    expect(contract.value.amount).toBe(412345.67);
    expect(contract.amendments).toBeUndefined();
    expect(contract.implementation).toBeUndefined();
    expect(contract.status).toBe('active');
    expect(contractRelease.awards[0].status).toBe('active');
    const awardRelease = rec.releases.find((r: { tag: string[] }) => r.tag[0] === 'award');
    expect(awardRelease.contracts).toBeUndefined();
  });

  it('maps other methods to the method codelist, with the Chinese name beside it', async () => {
    h.clock.set(new Date('2026-03-02T01:00:00Z'));
    const officer = await h.signedIn('agent');
    const unit = await h.signedIn('purchaser');
    const line = await acceptedLine(h, unit.user.purchaserId ?? '', { yuan: 80_000 });
    const p = await newProject(officer, {
      name: '办公用品询价采购项目',
      category: 'goods',
      method: 'rfq',
      methodReason: '规格标准统一、现货货源充足且价格变化幅度小（政府采购法第三十二条）',
      shares: [{ planLineId: line.id }],
      lots: [{ name: '办公用品', budgetFen: '8000000' }],
      requirements: { evaluationMethod: 'lowestPrice', scoring: [], priceWeightBp: null },
    });
    await officer.request({ method: 'POST', url: `/api/projects/${p.id}/lint` });
    const published = await officer.request({
      method: 'POST',
      url: `/api/projects/${p.id}/publish`,
      payload: {
        documentsIssuedOn: '2026-03-02',
        documentsAvailableUntil: '2026-03-06',
        bidDeadlineAt: '2026-03-12T09:30:00+08:00',
        openingPlace: '开标一室',
      },
    });
    expect(published.statusCode, published.body).toBe(200);
    const [rec] = (await record(p.code)).json().records;
    expect(ocdsErrors('release', rec.compiledRelease)).toBe('');
    expect(rec.compiledRelease.tender).toMatchObject({
      procurementMethod: 'limited',
      procurementMethodDetails: '询价',
      procurementMethodRationale: expect.stringContaining('政府采购法第三十二条'),
    });
  });
});

describe('zhengcai export ocds', () => {
  const bin = path.resolve('bin/zhengcai.js');
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zc-ocds-'));
    env = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    if (testDbKind() === 'postgres') {
      const database = await freshDatabase();
      env.DATABASE_URL = database.url ?? '';
      drop = () => database.close();
    }
  });
  afterAll(async () => {
    await drop?.();
    await rm(dir, { recursive: true, force: true });
  });

  const run = async (...args: string[]) =>
    promisify(execFile)('node', [bin, ...args], { env, timeout: 240_000 });

  it('writes one valid release per line from the demo centre, and refuses a bad --since', async () => {
    await run('seed', '--demo');
    const out = path.join(dir, 'ocds.jsonl');
    const { stdout } = await run('export', 'ocds', '--out', out, '--base-url', 'https://zc.example.cn');
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(stdout).toContain(`已导出 ${lines.length} 个发布`);
    const raw = lines.map((l): unknown => JSON.parse(l));
    for (const r of raw) expect(ocdsErrors('release', r)).toBe('');
    const releases = raw.map((r) => ocdsRelease.parse(r));
    const tags = new Set(releases.flatMap((r) => r.tag));
    for (const t of ['planning', 'tender', 'tenderUpdate', 'award', 'contract', 'implementation'])
      expect(tags, t).toContain(t);
    expect(new Set(releases.map((r) => r.id)).size).toBe(releases.length);
    expect(JSON.stringify(releases)).toContain('https://zc.example.cn/notices/');

    const cut = releases.map((r) => r.date).sort()[Math.floor(releases.length / 2)] as string;
    const partial = path.join(dir, 'since.jsonl');
    await run('export', 'ocds', '--out', partial, '--since', cut);
    const some = (await readFile(partial, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => ocdsRelease.parse(JSON.parse(l)));
    expect(some.map((r) => r.id).sort()).toEqual(
      releases
        .filter((r) => Date.parse(r.date) >= Date.parse(cut))
        .map((r) => r.id)
        .sort(),
    );
    await expect(run('export', 'ocds', '--out', partial, '--since', 'yesterday')).rejects.toMatchObject({
      stderr: expect.stringContaining('--since'),
    });
  }, 300_000);
});
