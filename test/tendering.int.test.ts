import JSZip from 'jszip';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/platform/audit/tables.ts';
import { planLines } from '../src/modules/planning/tables.ts';
import { notices, projects } from '../src/modules/tendering/tables.ts';
import { startHarness, type TestHarness } from './support/harness.ts';
import {
  acceptedLine as acceptedLineOf,
  cleanRequirements,
  insertThresholds,
  lawfulSchedule,
  newProject as newProjectBy,
  publishedProject as publishedProjectOf,
  type Client,
} from './support/projects.ts';
import { jobHandlers } from '../src/app.ts';
import { runDueJobs } from '../src/platform/jobs/runner.ts';

let h: TestHarness;
let agent: Client;
let purchaser: Client;

beforeAll(async () => {
  h = await startHarness(); // 2026-03-02 (Monday) 09:00 Beijing time
  await insertThresholds(h);
  agent = await h.signedIn('agent');
  purchaser = await h.signedIn('purchaser');
});
afterAll(async () => {
  await h.close();
});

const threeLots = [
  { name: '台式计算机', budgetFen: '40000000', ceilingFen: '38000000' },
  { name: '笔记本电脑', budgetFen: '30000000' },
  { name: '打印机', budgetFen: '20000000' },
];

const acceptedLine = (purchaserId: string, o: Parameters<typeof acceptedLineOf>[2] = {}) =>
  acceptedLineOf(h, purchaserId, o);
const newProject = (body: Record<string, unknown>) => newProjectBy(agent, body);
const publishedProject = (name: string) =>
  publishedProjectOf(h, agent, purchaser.user.purchaserId ?? '', name);

describe('plan line → project with 3 lots → lint → published notice', () => {
  it('blocks publication on a discriminatory clause, publishes after the fix, with a lawful schedule only', async () => {
    const line = await acceptedLine(purchaser.user.purchaserId ?? '');
    const p = await newProject({
      name: '2026 年教育系统计算机设备采购',
      category: 'goods',
      method: 'openTender',
      shares: [{ planLineId: line.id }],
      lots: threeLots,
      requirements: {
        ...cleanRequirements,
        qualification: [
          ...cleanRequirements.qualification,
          { id: 'Q2', text: '投标人注册资本不低于 500 万元' },
        ],
      },
    });
    expect(p.code).toMatch(/^ZC2026-\d{4}$/);
    expect(p.status).toBe('draft');
    expect(p.lots).toHaveLength(3);

    // Tied to lot 1 only, the plan line cannot fund lots 2 and 3: refused, nothing changed.
    const tied = await agent.request({
      method: 'PATCH',
      url: `/api/projects/${p.id}`,
      payload: { shares: [{ planLineId: line.id, lotNo: 1 }] },
    });
    expect(tied.statusCode).toBe(400);
    expect(tied.json()).toMatchObject({ code: 'LOT_WITHOUT_SHARE', path: 'body.lots.1' });

    const linted = await agent.request({ method: 'POST', url: `/api/projects/${p.id}/lint` });
    expect(linted.statusCode).toBe(200);
    const lint = linted.json().lint;
    expect(lint.clear).toBe(false);
    const capital = lint.findings.find((f: { clauseId: string }) => f.clauseId === 'Q2');
    expect(capital).toMatchObject({ severity: 'block', blocking: true });
    expect(capital.article).toContain('87号令17');
    expect(linted.json().status).toBe('draft');

    const noticesBefore = (await h.db.select({ n: count() }).from(notices))[0]?.n;
    const blocked = await agent.request({
      method: 'POST',
      url: `/api/projects/${p.id}/publish`,
      payload: lawfulSchedule,
    });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json()).toMatchObject({ code: 'LINT_BLOCKS_PUBLICATION', path: 'lint' });
    expect((await h.db.select().from(projects).where(eq(projects.id, p.id)))[0]?.status).toBe('draft');
    expect((await h.db.select({ n: count() }).from(notices))[0]?.n).toBe(noticesBefore);

    // The fix: drop the scale condition.
    const edited = await agent.request({
      method: 'PATCH',
      url: `/api/projects/${p.id}`,
      payload: { requirements: cleanRequirements },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().lint).toBeNull();
    const relinted = await agent.request({ method: 'POST', url: `/api/projects/${p.id}/lint` });
    expect(relinted.json().lint.clear, JSON.stringify(relinted.json().lint)).toBe(true);
    expect(relinted.json().status).toBe('linted');

    const early = await agent.request({
      method: 'POST',
      url: `/api/projects/${p.id}/publish`,
      payload: { ...lawfulSchedule, bidDeadlineAt: '2026-03-20T09:30:00+08:00' },
    });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'BID_DEADLINE_TOO_EARLY', path: 'body.bidDeadlineAt' });
    expect(early.json().message).toContain('2026-03-23');

    const shortDocs = await agent.request({
      method: 'POST',
      url: `/api/projects/${p.id}/publish`,
      payload: { ...lawfulSchedule, documentsAvailableUntil: '2026-03-09' },
    });
    expect(shortDocs.statusCode).toBe(422);
    expect(shortDocs.json().code).toBe('DOCUMENT_PERIOD_TOO_SHORT');

    const published = await agent.request({
      method: 'POST',
      url: `/api/projects/${p.id}/publish`,
      payload: lawfulSchedule,
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({
      status: 'published',
      schedule: { noticePublishedOn: '2026-03-02', bidDeadlineAt: '2026-03-23T01:30:00.000Z' },
    });
    expect(published.json().notices.map((n: { kind: string }) => n.kind)).toEqual(['tender']);

    const pub = await h.client();
    const list = await pub.request({ method: 'GET', url: '/api/portal/notices' });
    const item = list.json().items.find((n: { projectId: string }) => n.projectId === p.id);
    expect(item).toMatchObject({ kind: 'tender', projectCode: p.code });
    const full = await pub.request({ method: 'GET', url: `/api/portal/notices/${item.id}` });
    expect(full.json().body).toContain(p.code);
    expect(full.json().body).toContain('笔记本电脑');

    // The purchaser follows its own project; another unit's staff are told it does not exist.
    expect((await purchaser.request({ method: 'GET', url: `/api/projects/${p.id}` })).statusCode).toBe(200);
    const other = await h.signedIn('purchaser');
    expect((await other.request({ method: 'GET', url: `/api/projects/${p.id}` })).statusCode).toBe(404);
    expect((await other.request({ method: 'GET', url: '/api/projects' })).json().total).toBe(0);

    // Published documents change only by correction.
    const late = await agent.request({
      method: 'PATCH',
      url: `/api/projects/${p.id}`,
      payload: { name: '改名后的项目名称' },
    });
    expect(late.statusCode).toBe(409);

    const actions = await h.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, p.id));
    expect(actions.map((a) => a.action)).toEqual([
      'project.created',
      'project.linted',
      'project.updated',
      'project.linted',
      'project.published',
    ]);
  });
});

describe('method: approval above the threshold, the 条例28 splitting check', () => {
  it('refuses to publish a negotiation above the threshold until the approval is on record', async () => {
    const line = await acceptedLine(purchaser.user.purchaserId ?? '', {
      yuan: 2_500_000,
      itemCode: 'A02052301',
      itemName: '医用设备',
    });
    const p = await newProject({
      name: '县医院医用设备竞争性谈判采购',
      category: 'goods',
      method: 'negotiation',
      methodReason: '技术复杂，不能确定详细规格（政府采购法第三十条第二项）',
      shares: [{ planLineId: line.id }],
      lots: [{ name: '医用设备', budgetFen: '250000000' }],
      requirements: { ...cleanRequirements, sme: { mode: 'none' }, depositFen: null },
    });
    expect(p.methodCheck).toMatchObject({ reachesOpenTender: true, requiresApproval: true });
    const linted = await agent.request({ method: 'POST', url: `/api/projects/${p.id}/lint` });
    expect(linted.json().status).toBe('linted');
    const schedule = {
      documentsIssuedOn: '2026-03-03',
      documentsAvailableUntil: '2026-03-06',
      bidDeadlineAt: '2026-03-06T09:30:00+08:00',
      openingPlace: '开标二室',
    };
    const refused = await agent.request({
      method: 'POST',
      url: `/api/projects/${p.id}/publish`,
      payload: schedule,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'PROJECT_GUARD', path: 'requiresApproval' });
    expect(refused.json().message).toContain('第二十七条');

    const approved = await agent.request({
      method: 'POST',
      url: `/api/projects/${p.id}/approval`,
      payload: { reference: '测财采〔2026〕12号', authority: '测试市财政局', approvedOn: '2026-03-01' },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      approval: { reference: '测财采〔2026〕12号' },
    });
    const published = await agent.request({
      method: 'POST',
      url: `/api/projects/${p.id}/publish`,
      payload: schedule,
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().notices[0]).toMatchObject({ kind: 'invitation' });
    expect(published.json().notices[0].title).toContain('竞争性谈判');
  });

  it('an approval is refused where none is needed', async () => {
    const line = await acceptedLine(purchaser.user.purchaserId ?? '', { yuan: 100_000 });
    const p = await newProject({
      name: '办公设备询价采购项目',
      category: 'goods',
      method: 'rfq',
      methodReason: '规格标准统一、现货货源充足',
      shares: [{ planLineId: line.id }],
      lots: [{ name: '办公设备', budgetFen: '10000000' }],
    });
    const res = await agent.request({
      method: 'POST',
      url: `/api/projects/${p.id}/approval`,
      payload: { reference: '测财采〔2026〕13号', authority: '测试市财政局', approvedOn: '2026-03-01' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('APPROVAL_NOT_REQUIRED');
  });

  it('warns when one 品目 bought by non-open methods this year sums past the threshold', async () => {
    const unit = purchaser.user.purchaserId ?? '';
    const first = await acceptedLine(unit, { yuan: 1_200_000, itemCode: 'A02021101', itemName: '复印机' });
    const second = await acceptedLine(unit, { yuan: 900_000, itemCode: 'A02021101', itemName: '复印机' });
    const one = await newProject({
      name: '复印机询价采购（一）',
      category: 'goods',
      method: 'rfq',
      methodReason: '规格标准统一、现货货源充足',
      shares: [{ planLineId: first.id }],
      lots: [{ name: '复印机', budgetFen: '120000000' }],
    });
    expect(one.methodCheck).toMatchObject({ splitting: null });
    const two = await newProject({
      name: '复印机询价采购（二）',
      category: 'goods',
      method: 'rfq',
      methodReason: '规格标准统一、现货货源充足',
      shares: [{ planLineId: second.id }],
      lots: [{ name: '复印机', budgetFen: '90000000' }],
    });
    expect(two.methodCheck).toMatchObject({
      splitting: { itemCode: 'A02021101', totalFen: '210000000' },
    });
    expect((two.methodCheck as { splitting: { message: string } }).splitting.message).toContain('第二十八条');
  });

  it('refuses 询价 for services and stores nothing wrong about lots', async () => {
    const line = await acceptedLine(purchaser.user.purchaserId ?? '', {
      category: 'services',
      itemCode: 'C1204',
      itemName: '物业管理服务',
    });
    const p = await newProject({
      name: '机关物业服务询价采购',
      category: 'services',
      method: 'rfq',
      methodReason: '价格变化幅度小',
      shares: [{ planLineId: line.id }],
      lots: [{ name: '物业服务', budgetFen: '50000000' }],
    });
    const linted = await agent.request({ method: 'POST', url: `/api/projects/${p.id}/lint` });
    expect(linted.json().lint.problems.map((x: { code: string }) => x.code)).toContain('RFQ_GOODS_ONLY');
    expect(linted.json().status).toBe('draft');
  });

  it('keeps a services project’s sub-type (预选/非预选/PPP) and refuses one on goods', async () => {
    const line = await acceptedLine(purchaser.user.purchaserId ?? '', {
      category: 'services',
      itemCode: 'C0801',
      itemName: '保安服务',
    });
    const body = {
      name: '机关保安服务预选供应商采购',
      category: 'services',
      method: 'openTender',
      serviceKind: 'preselected',
      shares: [{ planLineId: line.id }],
      lots: [{ name: '保安服务', budgetFen: '50000000' }],
    };
    const refused = await agent.request({
      method: 'POST',
      url: '/api/projects',
      payload: { ...body, category: 'goods' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'SERVICE_KIND_NOT_SERVICES', path: 'body.serviceKind' });
    const p = await newProject(body);
    expect(p.serviceKind).toBe('preselected');
    const changed = await agent.request({
      method: 'PATCH',
      url: `/api/projects/${p.id}`,
      payload: { serviceKind: 'ppp' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().serviceKind).toBe('ppp');
  });
});

describe('creating projects: plan lines and lots', () => {
  it('refuses plan lines not accepted, already in a project, or short of the lots; ceilings over budget', async () => {
    const unit = purchaser.user.purchaserId ?? '';
    const [pending] = await h.db
      .insert(planLines)
      .values({
        purchaserId: unit,
        year: 2026,
        budgetItem: '设备购置',
        itemCode: 'A0201',
        itemName: '计算机设备',
        category: 'goods',
        amountFen: 1_000_000n,
        plannedMonth: 5,
        status: 'commissioned',
        createdAt: h.clock.now(),
      })
      .returning();
    const base = {
      name: '测试项目名称',
      category: 'goods',
      method: 'openTender',
      lots: [{ name: '一包', budgetFen: '1000000' }],
    };
    const before = (await h.db.select({ n: count() }).from(projects))[0]?.n;
    const notAccepted = await agent.request({
      method: 'POST',
      url: '/api/projects',
      payload: { ...base, shares: [{ planLineId: pending?.id }] },
    });
    expect(notAccepted.json()).toMatchObject({
      code: 'PLAN_LINE_NOT_ACCEPTED',
      path: 'body.shares.0.planLineId',
    });

    const line = await acceptedLine(unit, { yuan: 10_000 });
    const over = await agent.request({
      method: 'POST',
      url: '/api/projects',
      payload: {
        ...base,
        shares: [{ planLineId: line.id }],
        lots: [{ name: '一包', budgetFen: '1000000', ceilingFen: '1000001' }],
      },
    });
    expect(over.json()).toMatchObject({ code: 'CEILING_OVER_BUDGET', path: 'body.lots.0.ceilingFen' });
    const beyond = await agent.request({
      method: 'POST',
      url: '/api/projects',
      payload: { ...base, shares: [{ planLineId: line.id }], lots: [{ name: '一包', budgetFen: '1000001' }] },
    });
    expect(beyond.json()).toMatchObject({ code: 'LOT_OVER_PLAN' });
    expect((await h.db.select({ n: count() }).from(projects))[0]?.n).toBe(before);

    await newProject({ ...base, shares: [{ planLineId: line.id }] });
    const again = await agent.request({
      method: 'POST',
      url: '/api/projects',
      payload: { ...base, shares: [{ planLineId: line.id }] },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PLAN_LINE_IN_PROJECT');
  });

  it('bundles plan lines of several units into one project, each keeping its share', async () => {
    const a = await acceptedLine(purchaser.user.purchaserId ?? '', {
      itemCode: 'A02010501',
      itemName: '投影仪',
      yuan: 30_000,
      month: 6,
    });
    const other = await h.createPurchaser();
    const b = await acceptedLine(other.id, {
      itemCode: 'A02010501',
      itemName: '投影仪',
      yuan: 50_000,
      month: 7,
    });
    const suggestions = await agent.request({ method: 'GET', url: '/api/bundle-suggestions?year=2026' });
    const bundle = suggestions.json().items.find((x: { itemCode: string }) => x.itemCode === 'A02010501');
    expect(bundle).toMatchObject({ totalFen: '8000000', fromMonth: 6, toMonth: 7 });
    expect(bundle.lines.map((l: { planLineId: string }) => l.planLineId).sort()).toEqual([a.id, b.id].sort());

    const p = await newProject({
      name: '多单位投影仪打包采购',
      category: 'goods',
      method: 'openTender',
      shares: [{ planLineId: a.id }, { planLineId: b.id }],
      lots: [{ name: '投影仪', budgetFen: '8000000' }],
    });
    expect((p.shares as { amountFen: string }[]).map((s) => s.amountFen).sort()).toEqual([
      '3000000',
      '5000000',
    ]);
    expect(p.purchaserNames).toHaveLength(2);
    // Bundled lines are no longer suggested.
    const after = await agent.request({ method: 'GET', url: '/api/bundle-suggestions?year=2026' });
    expect(after.json().items.find((x: { itemCode: string }) => x.itemCode === 'A02010501')).toBeUndefined();
  });
});

describe('after publication: corrections, clarifications, documents, termination', () => {
  it('a correction that may affect bids moves a deadline less than 15 days away', async () => {
    const p = await publishedProject('更正测试项目');
    h.clock.set(new Date('2026-03-16T02:00:00Z')); // Monday 10:00; the deadline is 2026-03-23 09:30
    try {
      // Sessions of its own: the clock jumps weeks ahead, past any session's lifetime.
      let clerk = await h.signedIn('agent');
      const minor = await clerk.request({
        method: 'POST',
        url: `/api/projects/${p.id}/corrections`,
        payload: { content: '更正联系人电话', affectsBids: false },
      });
      expect(minor.json().schedule.bidDeadlineAt).toBe('2026-03-23T01:30:00.000Z');
      const major = await clerk.request({
        method: 'POST',
        url: `/api/projects/${p.id}/corrections`,
        payload: { content: '第 1 包技术参数调整：内存改为 32GB', affectsBids: true },
      });
      // 15 days after 2026-03-16 → 2026-03-31 (Tuesday), same time of day.
      expect(major.json()).toMatchObject({
        status: 'corrected',
        schedule: { bidDeadlineAt: '2026-03-31T01:30:00.000Z' },
      });
      const kinds = major.json().notices.map((n: { kind: string }) => n.kind);
      expect(kinds).toEqual(['tender', 'correction', 'correction']);
      const tooEarly = await clerk.request({
        method: 'POST',
        url: `/api/projects/${p.id}/corrections`,
        payload: { content: '再次调整参数', affectsBids: true, bidDeadlineAt: '2026-03-30T09:30:00+08:00' },
      });
      expect(tooEarly.statusCode).toBe(422);
      expect(tooEarly.json()).toMatchObject({ code: 'BID_DEADLINE_TOO_EARLY', path: 'body.bidDeadlineAt' });
      h.clock.set(new Date('2026-03-31T02:00:00Z'));
      clerk = await h.signedIn('agent');
      const afterDeadline = await clerk.request({
        method: 'POST',
        url: `/api/projects/${p.id}/corrections`,
        payload: { content: '截止后更正', affectsBids: false },
      });
      expect(afterDeadline.statusCode).toBe(422);
      expect(afterDeadline.json().message).toContain('截止');
    } finally {
      h.clock.set(new Date('2026-03-02T01:00:00Z'));
    }
  });

  it('answers go to every supplier without naming who asked', async () => {
    const p = await publishedProject('澄清测试项目');
    const asker = await h.signedIn('supplier');
    const reader = await h.signedIn('supplier');
    const asked = await asker.request({
      method: 'POST',
      url: `/api/projects/${p.id}/clarifications`,
      payload: { question: '第 1 包是否接受国产同等配置？' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const qid: string = asked.json().id;
    expect(
      (await reader.request({ method: 'GET', url: `/api/projects/${p.id}/clarifications` })).json().items,
    ).toEqual([]);
    const centreView = await agent.request({ method: 'GET', url: `/api/projects/${p.id}/clarifications` });
    expect(centreView.json().items[0].askedBy).toContain('测试供应商');
    const answered = await agent.request({
      method: 'POST',
      url: `/api/projects/${p.id}/clarifications/${qid}/answer`,
      payload: { answer: '接受，技术参数满足即可。' },
    });
    expect(answered.statusCode).toBe(200);
    const seen = (await reader.request({ method: 'GET', url: `/api/projects/${p.id}/clarifications` })).json()
      .items;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ answer: '接受，技术参数满足即可。', askedBy: null, mine: false });
    expect(JSON.stringify(seen)).not.toContain('测试供应商');
    const twice = await agent.request({
      method: 'POST',
      url: `/api/projects/${p.id}/clarifications/${qid}/answer`,
      payload: { answer: '改答复' },
    });
    expect(twice.statusCode).toBe(409);
  });

  it('renders the tender documents to .docx with the project data, and records a supplier download', async () => {
    const p = await publishedProject('文件生成测试项目');
    const supplier = await h.signedIn('supplier');
    const res = await supplier.request({ method: 'GET', url: `/api/projects/${p.id}/document?format=docx` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('文件生成测试项目');
    expect(text).toContain(p.code);
    expect(text).toContain('500,000.00');
    expect(text).toContain('技术参数响应');
    const downloads = await h.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'project.documentDownloaded'));
    expect(downloads.some((d) => d.entityId === p.id)).toBe(true);

    // A draft's documents are not offered to suppliers.
    const line = await acceptedLine(purchaser.user.purchaserId ?? '', { yuan: 1000 });
    const draft = await newProject({
      name: '未发布的项目',
      category: 'goods',
      method: 'openTender',
      shares: [{ planLineId: line.id }],
      lots: [{ name: '一包', budgetFen: '100000' }],
    });
    expect(
      (await supplier.request({ method: 'GET', url: `/api/projects/${draft.id}/document` })).statusCode,
    ).toBe(404);
  });

  it('termination publishes a 终止公告 and frees the plan line', async () => {
    const p = await publishedProject('终止测试项目');
    const res = await agent.request({
      method: 'POST',
      url: `/api/projects/${p.id}/terminate`,
      payload: { reason: '采购人预算调整，采购任务取消' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('terminated');
    expect(res.json().notices.map((n: { kind: string }) => n.kind)).toEqual(['tender', 'termination']);
    await newProject({
      name: '重新立项的项目',
      category: 'goods',
      method: 'openTender',
      shares: [{ planLineId: p.line.id }],
      lots: [{ name: '设备', budgetFen: '50000000' }],
    });
  });
});

describe('standard templates', () => {
  it('installs five kinds, refuses an unknown placeholder, and versions a revision', async () => {
    const list = await agent.request({ method: 'GET', url: '/api/templates' });
    const current = list.json().items.filter((t: { current: boolean }) => t.current);
    expect(current.map((t: { kind: string }) => t.kind).sort()).toEqual(
      ['communityServices', 'goods', 'medicalEquipment', 'propertyServices', 'works'].sort(),
    );
    const goods = current.find((t: { kind: string }) => t.kind === 'goods');
    const bad = await agent.request({
      method: 'POST',
      url: '/api/templates/goods/versions',
      payload: {
        title: goods.title,
        sections: [...goods.sections, { heading: '附则', body: '本文件由{{centre.nmae}}负责解释' }],
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({
      code: 'TEMPLATE_PLACEHOLDER_UNKNOWN',
      path: `body.sections.${goods.sections.length}.body`,
    });
    const ok = await agent.request({
      method: 'POST',
      url: '/api/templates/goods/versions',
      payload: {
        title: goods.title,
        sections: [...goods.sections, { heading: '附则', body: '本文件由{{centre.name}}负责解释' }],
        note: '增加附则',
      },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'goods', version: goods.version + 1, current: true });
  });
});

describe('what suppliers see, and the calendar edge', () => {
  it('a supplier reads a published project without the centre’s working checks', async () => {
    const p = await publishedProject('供应商视图测试项目');
    const supplier = await h.signedIn('supplier');
    const res = await supplier.request({ method: 'GET', url: `/api/projects/${p.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ lint: null, methodCheck: { splitting: null } });
    expect(res.json().abilities).toEqual(expect.arrayContaining(['read', 'document', 'ask']));
    expect(res.json().abilities).not.toContain('publish');
  });

  it('refuses a schedule whose period runs into a year without official holiday data', async () => {
    const line = await acceptedLine(purchaser.user.purchaserId ?? '', { yuan: 200_000 });
    const p = await newProject({
      name: '年末公开招标项目',
      category: 'goods',
      method: 'openTender',
      shares: [{ planLineId: line.id }],
      lots: [{ name: '设备', budgetFen: '20000000' }],
      requirements: { ...cleanRequirements, depositFen: '400000' },
    });
    await agent.request({ method: 'POST', url: `/api/projects/${p.id}/lint` });
    h.clock.set(new Date('2026-12-21T01:00:00Z'));
    try {
      const clerk = await h.signedIn('agent');
      const res = await clerk.request({
        method: 'POST',
        url: `/api/projects/${p.id}/publish`,
        payload: {
          documentsIssuedOn: '2026-12-22',
          documentsAvailableUntil: '2026-12-29',
          bidDeadlineAt: '2027-01-20T09:30:00+08:00',
          openingPlace: '开标一室',
        },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('CALENDAR_NOT_COVERED');
      expect(res.json().message).toContain('2027');
      const [row] = await h.db.select().from(projects).where(eq(projects.id, p.id));
      expect(row?.status).toBe('linted');
    } finally {
      h.clock.set(new Date('2026-03-02T01:00:00Z'));
    }
  });
});

describe('the response deadline, by the server clock', () => {
  it('closes the project to bids at its (corrected) deadline, once', async () => {
    const p = await publishedProject('截止测试项目');
    h.clock.set(new Date('2026-03-16T02:00:00Z'));
    try {
      const clerk = await h.signedIn('agent');
      await clerk.request({
        method: 'POST',
        url: `/api/projects/${p.id}/corrections`,
        payload: { content: '技术参数调整', affectsBids: true },
      });
      // The original deadline has passed, the corrected one not: nothing closes.
      h.clock.set(new Date('2026-03-24T02:00:00Z'));
      await runDueJobs(h.db, h.clock, jobHandlers, 'test');
      expect((await h.db.select().from(projects).where(eq(projects.id, p.id)))[0]?.status).toBe('corrected');
      h.clock.set(new Date('2026-03-31T01:30:00Z'));
      expect(await runDueJobs(h.db, h.clock, jobHandlers, 'test')).toBeGreaterThanOrEqual(1);
      expect((await h.db.select().from(projects).where(eq(projects.id, p.id)))[0]?.status).toBe('bidsClosed');
      const closed = await h.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'project.bidsClosed'));
      expect(closed.filter((e) => e.entityId === p.id)).toHaveLength(1);
      expect(await runDueJobs(h.db, h.clock, jobHandlers, 'test')).toBe(0);
    } finally {
      h.clock.set(new Date('2026-03-02T01:00:00Z'));
    }
  });
});
