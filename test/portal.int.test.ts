/**
 * The public portal through HTTP, without a login: Chinese search by title, purchaser, supplier (after the
 * result), item and code; filters; the half-year listing; the committee list hidden before the award and shown
 * after; attachments; contract notices; the Atom feed; hostile queries.
 */
import { eq } from 'drizzle-orm';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillNoticeSearch } from '../src/modules/disclosure/portal/search-index.ts';
import { purchasers, suppliers } from '../src/modules/orgs/tables.ts';
import { notices } from '../src/modules/tendering/tables.ts';
import { confirmFirst, publishResult, signedContract, signedLot, type SignedLot } from './support/award.ts';
import { startHarness, type TestHarness } from './support/harness.ts';
import { again } from './support/opening.ts';
import {
  acceptedLine,
  cleanRequirements,
  insertThresholds,
  lawfulSchedule,
  newProject,
  type Client,
} from './support/projects.ts';

let h: TestHarness;
let pub: Awaited<ReturnType<TestHarness['client']>>;
let school: { id: string; code: string };
let clinic: { id: string; code: string };
let clinicPurchaserId = '';
let awarded: SignedLot;
let winnerName = '';
let resultNoticeId = '';
let contractNoticeId = '';

/** A project of a renamed purchaser unit, checked and published on 2026-03-02 (the harness's first day). */
async function published(
  agent: Client,
  o: { unit: string; name: string; itemName: string; lotName: string; category: 'goods' | 'services' },
) {
  const unit = await h.createPurchaser();
  await h.db.update(purchasers).set({ name: o.unit }).where(eq(purchasers.id, unit.id));
  const line = await acceptedLine(h, unit.id, { yuan: 500_000, itemName: o.itemName, category: o.category });
  const p = await newProject(agent, {
    name: o.name,
    category: o.category,
    method: 'openTender',
    shares: [{ planLineId: line.id }],
    lots: [{ name: o.lotName, budgetFen: '50000000' }],
    requirements: cleanRequirements,
  });
  await agent.request({ method: 'POST', url: `/api/projects/${p.id}/lint` });
  const res = await agent.request({
    method: 'POST',
    url: `/api/projects/${p.id}/publish`,
    payload: lawfulSchedule,
  });
  expect(res.statusCode, res.body).toBe(200);
  return { id: p.id, code: p.code, purchaserId: unit.id };
}

async function get(url: string) {
  return pub.request({ method: 'GET', url });
}
async function search(query: Record<string, string>) {
  const res = await get(
    `/api/portal/notices?${new URLSearchParams({ pageSize: '100', ...query }).toString()}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    total: number;
    items: { id: string; kind: string; projectId: string; title: string }[];
  }>();
}
const projectsOf = (r: Awaited<ReturnType<typeof search>>) =>
  [...new Set(r.items.map((i) => i.projectId))].sort();

beforeAll(async () => {
  h = await startHarness();
  await insertThresholds(h);
  pub = await h.client();
  const agent = await h.signedIn('agent');
  school = await published(agent, {
    unit: '云岭县第一中学',
    name: '云岭县第一中学计算机教室设备采购',
    itemName: '图形工作站',
    lotName: '教学电脑及配套',
    category: 'goods',
  });
  const c = await published(agent, {
    unit: '云岭县卫生院',
    name: '卫生院"B超"设备<维保>&巡检服务',
    itemName: '医疗设备维修和保养服务',
    lotName: '彩色超声诊断仪维保',
    category: 'services',
  });
  clinic = c;
  clinicPurchaserId = c.purchaserId;
  awarded = await signedLot(h, { name: '云岭县实验小学多媒体教室建设' });
  const [w] = await h.db
    .select({ name: suppliers.name })
    .from(suppliers)
    .where(eq(suppliers.id, awarded.bidders[0]?.supplierId ?? ''));
  winnerName = w?.name ?? '';
});
afterAll(async () => {
  await h.close();
});

describe('检索', () => {
  it('finds notices by a title fragment, only where the fragment appears as written', async () => {
    expect(projectsOf(await search({ q: '计算机教室' }))).toEqual([school.id]);
    // The same characters in another order are not the phrase.
    expect((await search({ q: '教室计算机' })).total).toBe(0);
    // Two words: both must appear.
    expect(projectsOf(await search({ q: '第一中学 设备' }))).toEqual([school.id]);
    expect((await search({ q: '第一中学 超声' })).total).toBe(0);
  });

  it('finds notices by purchaser name, plan item, lot name and project code', async () => {
    expect(projectsOf(await search({ q: '卫生院' }))).toEqual([clinic.id]);
    expect(projectsOf(await search({ q: '图形工作站' }))).toEqual([school.id]);
    // The awarded project's plan item (the fixtures' default): found by item too.
    expect(projectsOf(await search({ q: '台式计算机' }))).toEqual([awarded.projectId]);
    expect(projectsOf(await search({ q: '彩色超声' }))).toEqual([clinic.id]);
    expect(projectsOf(await search({ q: school.code }))).toEqual([school.id]);
    // Full-width and lower case are the same code; a part of the code is a prefix.
    const fullWidth = school.code.replace(/[A-Za-z0-9]/g, (ch) =>
      String.fromCharCode(ch.charCodeAt(0) + 0xfee0),
    );
    expect(projectsOf(await search({ q: fullWidth.toLowerCase() }))).toEqual([school.id]);
    const serial = school.code.split('-')[1] ?? '';
    expect(projectsOf(await search({ q: serial }))).toEqual([school.id]);
  });

  it('matches a single character by prefix, wherever it stands in a word', async () => {
    // 院 ends 卫生院: indexed on its own as well as in 院"… bigrams.
    expect(projectsOf(await search({ q: '院' }))).toEqual([clinic.id]);
    expect(projectsOf(await search({ q: '岭' })).length).toBeGreaterThanOrEqual(2);
  });

  it('finds the winning supplier only once the result notice names it', async () => {
    expect((await search({ q: winnerName })).total).toBe(0);
    // Before the award: the committee list and the documents do not exist for the public.
    expect((await get(`/api/portal/projects/${awarded.projectId}/committee`)).statusCode).toBe(404);
    expect((await get(`/api/portal/projects/${awarded.projectId}/document`)).statusCode).toBe(404);
    const before = (await get(`/api/portal/projects/${awarded.projectId}`)).json();
    expect(before.committee).toBeNull();
    expect(before.attachments).toEqual([]);

    await confirmFirst(awarded);
    const view = await publishResult(awarded);
    resultNoticeId = view.lots[0]?.noticeId ?? '';
    const found = await search({ q: winnerName });
    expect(found.items.map((i) => [i.id, i.kind])).toEqual([[resultNoticeId, 'result']]);
    // A part of the name is enough: 测试供应商 + the random part.
    expect((await search({ q: winnerName.slice(0, 9) })).items.map((i) => i.id)).toContain(resultNoticeId);
  });

  it('treats operators, quotes and SQL in a query as plain text', async () => {
    for (const q of [
      "a & b | !c ' ;",
      "'); drop table notices; --",
      ':*',
      '\\',
      '!!!',
      '((',
      '<->',
      '"卫生院"',
      '卫生院 & | !',
      '　　',
    ]) {
      const res = await get(`/api/portal/notices?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
    }
    expect(projectsOf(await search({ q: '卫生院 & | !' }))).toEqual([clinic.id]);
    // Only punctuation: nothing to narrow by, so every notice.
    expect((await search({ q: '——' })).total).toBe((await search({})).total);
    const tooLong = await get(`/api/portal/notices?q=${'采'.repeat(101)}`);
    expect(tooLong.statusCode).toBe(400);
  });

  it('indexes notices published without the index at start-up, once', async () => {
    await h.db.update(notices).set({ search: null }).where(eq(notices.projectId, clinic.id));
    expect((await search({ q: '卫生院' })).total).toBe(0);
    expect(await backfillNoticeSearch(h.db)).toBe(1);
    expect(await backfillNoticeSearch(h.db)).toBe(0);
    expect(projectsOf(await search({ q: '卫生院' }))).toEqual([clinic.id]);
  });
});

describe('筛选', () => {
  it('filters by kind, category, method, purchaser and publication date, newest first', async () => {
    const all = await search({});
    expect(all.total).toBe(4); // three tender notices and one result notice
    const times = all.items.map((i) => i.id);
    expect(times[0]).toBe(resultNoticeId);

    expect((await search({ kind: 'result' })).items.map((i) => i.id)).toEqual([resultNoticeId]);
    expect(projectsOf(await search({ category: 'services' }))).toEqual([clinic.id]);
    expect((await search({ method: 'openTender' })).total).toBe(4);
    expect((await search({ method: 'rfq' })).total).toBe(0);
    expect(projectsOf(await search({ purchaserId: clinicPurchaserId }))).toEqual([clinic.id]);
    expect((await search({ from: '2026-03-20' })).items.map((i) => i.id)).toEqual([resultNoticeId]);
    expect((await search({ to: '2026-03-02' })).total).toBe(3);
    expect((await search({ from: '2026-03-02', to: '2026-03-02', q: '卫生院' })).total).toBe(1);
    const inverted = await get('/api/portal/notices?from=2026-03-10&to=2026-03-01');
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json()).toMatchObject({ code: 'DATE_RANGE_INVERTED', path: 'querystring.from' });
    expect((await get('/api/portal/notices?from=2026-02-30')).statusCode).toBe(400);

    const page2 = await get('/api/portal/notices?pageSize=3&page=2');
    expect(page2.json()).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.json().items).toHaveLength(1);

    const units = (await get('/api/portal/purchasers')).json().items.map((u: { name: string }) => u.name);
    expect(units).toEqual(expect.arrayContaining(['云岭县第一中学', '云岭县卫生院']));
  });

  it('lets browsers and proxies keep public answers briefly', async () => {
    const list = await get('/api/portal/notices');
    expect(list.headers['cache-control']).toBe('public, max-age=30');
    expect((await get('/api/portal/feed.atom')).headers['cache-control']).toBe('public, max-age=30');
    // Errors are not shared.
    expect((await get(`/api/portal/notices/${crypto.randomUUID()}`)).headers['cache-control']).toBe(
      'no-store',
    );
  });
});

describe('结果公告、评审委员会名单与附件', () => {
  it('shows the committee and the procurement documents once the result is public', async () => {
    const committee = await get(`/api/portal/projects/${awarded.projectId}/committee`);
    expect(committee.statusCode, committee.body).toBe(200);
    const c = committee.json();
    expect(c.members.filter((m: { role: string }) => m.role === 'expert')).toHaveLength(4);
    expect(c.members.filter((m: { role: string }) => m.role === 'purchaserRep')).toEqual([
      { name: '采购人代表', role: 'purchaserRep', roleLabel: '采购人代表', chair: expect.any(Boolean) },
    ]);
    expect(c.drawsUrl).toBe(`/api/portal/projects/${awarded.projectId}/draws`);
    expect((await get(c.drawsUrl)).statusCode).toBe(200);

    const notice = (await get(`/api/portal/notices/${resultNoticeId}`)).json();
    expect(notice).toMatchObject({
      kind: 'result',
      kindLabel: '中标（成交）结果公告',
      projectStatus: 'awarded',
    });
    expect(notice.committee.members).toEqual(c.members);
    // The result notice's own text names the same experts (条例43).
    for (const m of c.members.filter((x: { role: string }) => x.role === 'expert'))
      expect(notice.body).toContain(m.name);
    expect(notice.related.map((n: { kind: string }) => n.kind)).toEqual(['tender', 'result']);
    const [doc] = notice.attachments;
    expect(doc).toMatchObject({
      kind: 'procurementDocument',
      url: `/api/portal/projects/${awarded.projectId}/document`,
    });
    const file = await get(doc.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('wordprocessingml');
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');

    // A tender notice of a project still open carries no committee and no documents.
    const open = (await search({ q: '卫生院' })).items[0];
    const tender = (await get(`/api/portal/notices/${open?.id}`)).json();
    expect(tender).toMatchObject({ committee: null, attachments: [], purchaserNames: ['云岭县卫生院'] });
    expect((await get(`/api/portal/projects/${clinic.id}/committee`)).statusCode).toBe(404);
    expect((await get(`/api/portal/projects/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });

  it('publishes the contract notice with the contract text, filterable by kind', async () => {
    h.clock.set(new Date('2026-03-26T02:00:00Z'));
    const [rep, agent, winner] = await Promise.all([
      again(h, awarded.rep),
      again(h, awarded.agent),
      again(h, awarded.bidders[0]?.client as Client),
    ]);
    const contractId = await signedContract(h, {
      ...awarded,
      rep,
      agent,
      finance: awarded.supervisor,
      winner: { ...(awarded.bidders[0] as SignedLot['bidders'][number]), client: winner },
      noticedOn: '2026-03-24',
    });
    const res = await agent.request({ method: 'POST', url: `/api/contracts/${contractId}/publication` });
    expect(res.statusCode, res.body).toBe(200);
    contractNoticeId = res.json().noticeId;

    const list = await search({ kind: 'contract' });
    expect(list.items.map((i) => i.id)).toEqual([contractNoticeId]);
    expect((await search({ q: winnerName, kind: 'contract' })).items.map((i) => i.id)).toEqual([
      contractNoticeId,
    ]);
    const notice = (await get(`/api/portal/notices/${contractNoticeId}`)).json();
    const text = notice.attachments.find((a: { kind: string }) => a.kind === 'contract');
    expect(text.url).toBe(`/api/portal/notices/${contractNoticeId}/contract`);
    const file = await get(text.url);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // Only a contract notice has a contract text.
    expect((await get(`/api/portal/notices/${resultNoticeId}/contract`)).statusCode).toBe(404);

    const project = (await get(`/api/portal/projects/${awarded.projectId}`)).json();
    expect(project).toMatchObject({ status: 'contracted', contractAmountFen: '40000000' });
    expect(project.lots[0].winner).toEqual({ lotNo: 1, supplierName: winnerName, amountFen: '40000000' });
  });
});

describe('半年公告', () => {
  it('lists every project of the half-year with purchasers, budget, status, winners and amounts', async () => {
    const res = await get('/api/portal/half-year?year=2026&half=1');
    expect(res.statusCode, res.body).toBe(200);
    const listing = res.json();
    expect(listing).toMatchObject({ year: 2026, half: 1, from: '2026-01-01', to: '2026-06-30', total: 3 });
    const byId = new Map(listing.items.map((r: { projectId: string }) => [r.projectId, r]));
    expect(byId.get(school.id)).toMatchObject({
      code: school.code,
      purchaserNames: ['云岭县第一中学'],
      category: 'goods',
      categoryLabel: '货物',
      methodLabel: '公开招标',
      budgetFen: '50000000',
      statusLabel: '公告中',
      noticePublishedOn: '2026-03-02',
      winners: [],
      awardAmountFen: null,
      contractAmountFen: null,
    });
    expect(byId.get(awarded.projectId)).toMatchObject({
      status: 'contracted',
      winners: [{ lotNo: 1, supplierName: winnerName, amountFen: '40000000' }],
      awardAmountFen: '40000000',
      contractAmountFen: '40000000',
    });
    expect(listing.totals).toEqual({
      projects: 3,
      budgetFen: '150000000',
      awardAmountFen: '40000000',
      contractAmountFen: '40000000',
    });
    const second = (await get('/api/portal/half-year?year=2026&half=2')).json();
    expect(second).toMatchObject({ total: 0, items: [], from: '2026-07-01', to: '2026-12-31' });
    expect((await get('/api/portal/half-year?year=2026&half=3')).statusCode).toBe(400);
  });
});

interface XmlNode {
  name: string;
  uri: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** A conforming, namespace-aware XML parse (saxes); throws on anything not well-formed. */
function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const node: XmlNode = {
      name: tag.local,
      uri: tag.uri,
      attributes: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value])),
      children: [],
      text: '',
    };
    stack.at(-1)?.children.push(node);
    root ??= node;
    stack.push(node);
  });
  parser.on('text', (t) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}
const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name);

describe('Atom 订阅源', () => {
  it('is valid Atom with an entry per notice, escaped, and filterable by kind', async () => {
    const res = await get('/api/portal/feed.atom');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = parseXml(res.body);
    expect(feed).toMatchObject({ name: 'feed', uri: 'http://www.w3.org/2005/Atom' });
    expect(child(feed, 'id')?.text).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(child(feed, 'title')?.text).toContain('采购公告');
    expect(child(feed, 'author')?.children[0]?.name).toBe('name');
    const self = feed.children.find((c) => c.name === 'link' && c.attributes.rel === 'self');
    expect(self?.attributes.href).toMatch(/^http:\/\/[^/]+\/api\/portal\/feed\.atom$/);
    const entries = feed.children.filter((c) => c.name === 'entry');
    expect(entries).toHaveLength(5); // three tender notices, the result and the contract
    const first = entries[0] as XmlNode;
    expect(child(first, 'id')?.text).toBe(`urn:uuid:${contractNoticeId}`);
    expect(child(feed, 'updated')?.text).toBe(child(first, 'updated')?.text);
    expect(child(first, 'link')?.attributes.href).toMatch(new RegExp(`/notices/${contractNoticeId}$`));
    for (const e of entries) {
      for (const part of ['id', 'title', 'updated', 'summary']) expect(child(e, part)?.text).toBeTruthy();
      expect(Date.parse(child(e, 'updated')?.text ?? '')).not.toBeNaN();
    }
    // The clinic's title has quotes, angle brackets and an ampersand: escaped in the XML, intact once parsed.
    const titles = entries.map((e) => child(e, 'title')?.text);
    expect(titles.some((t) => t?.includes('卫生院"B超"设备<维保>&巡检服务'))).toBe(true);
    expect(res.body).toContain('&lt;维保&gt;&amp;巡检');

    const results = parseXml((await get('/api/portal/feed.atom?kind=result')).body);
    const only = results.children.filter((c) => c.name === 'entry');
    expect(only.map((e) => child(e, 'id')?.text)).toEqual([`urn:uuid:${resultNoticeId}`]);
    expect(child(results, 'id')?.text).not.toBe(child(feed, 'id')?.text);
    expect(child(results, 'title')?.text).toContain('中标（成交）结果公告');
    expect((await get('/api/portal/feed.atom?kind=nonsense')).statusCode).toBe(400);
  });
});
