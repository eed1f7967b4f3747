import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { challengeAlerts, signingSuspension } from '../src/modules/award/challenges/index.ts';
import { challenges } from '../src/modules/award/tables.ts';
import { again } from './support/opening.ts';
import { awardedProject, type AwardedProject } from './support/award.ts';
import { startHarness, type TestHarness } from './support/harness.ts';
import { insertThresholds, type Client } from './support/projects.ts';

/**
 * 质疑 and 投诉 on one awarded lot (result published 2026-03-24; notice period ends 03-25; result challenges close
 * 2026-04-03 before 清明): a result challenge in time suspends signing, a dismissed reply lifts it, a late one is
 * refused naming the closing day and nothing is written, an upheld one with another winner passes over the winner;
 * the complaint's window counts from the end of the reply period, the finance department accepts, suspends for at
 * most 30 日, records excluded days and decides. Other suppliers never read the letters.
 */
let h: TestHarness;
let a: AwardedProject;
let agent: Client;
let finance: Client;
let rep: Client;
let loser1: Client;
let loser2: Client;
let stranger: Client;
let winner: Client;
let projectId: string;

const letter = {
  requests: '请求重新审查中标供应商的资格，确认其不满足招标文件的业绩要求。',
  facts: '中标供应商提交的业绩合同签订日期晚于投标截止时间，不符合招标文件第三章的规定。',
};

/** Moves the clock to 10:00 Shanghai of the day and signs everyone in again (sessions last 8 hours). */
async function at(day: string) {
  h.clock.set(new Date(`${day}T02:00:00Z`));
  agent = await again(h, agent);
  finance = await again(h, finance);
  rep = await again(h, rep);
  loser1 = await again(h, loser1);
  loser2 = await again(h, loser2);
  stranger = await again(h, stranger);
  winner = await again(h, winner);
}

async function suspended(): Promise<{ suspended: boolean; reasons: string[] }> {
  const view = (await agent.request({ method: 'GET', url: `/api/projects/${projectId}/award` })).json();
  return view.lots[0].suspension as { suspended: boolean; reasons: string[] };
}
const countChallenges = async () =>
  (await h.db.select().from(challenges).where(eq(challenges.projectId, projectId))).length;

beforeAll(async () => {
  h = await startHarness();
  await insertThresholds(h);
  a = await awardedProject(h);
  ({ agent, finance, rep, projectId } = a);
  const [, b1, b2] = a.bidders;
  if (!b1 || !b2) throw new Error('setup');
  loser1 = b1.client;
  loser2 = b2.client;
  stranger = await h.signedIn('supplier');
  winner = a.winner.client;
});
afterAll(async () => {
  await h.close();
});

describe('质疑', () => {
  let first: string;

  it('a result challenge in time suspends signing; other suppliers cannot read the letter', async () => {
    expect(a.noticedOn).toBe('2026-03-24');
    await at('2026-03-26');
    expect((await suspended()).suspended).toBe(false);

    const unknownEvidence = await loser1.request({
      method: 'POST',
      url: `/api/projects/${projectId}/challenges`,
      payload: {
        subject: 'result',
        lotNo: 1,
        ...letter,
        evidenceFileIds: ['00000000-0000-4000-8000-000000000000'],
      },
    });
    expect(unknownEvidence.statusCode).toBe(400);
    expect(unknownEvidence.json().code).toBe('EVIDENCE_UNKNOWN');
    const notPart = await stranger.request({
      method: 'POST',
      url: `/api/projects/${projectId}/challenges`,
      payload: { subject: 'result', lotNo: 1, ...letter },
    });
    expect(notPart.statusCode).toBe(403);
    expect(notPart.json().code).toBe('NOT_PARTICIPANT');

    const res = await loser1.request({
      method: 'POST',
      url: `/api/projects/${projectId}/challenges`,
      payload: { subject: 'result', lotNo: 1, ...letter },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    first = c.id;
    expect(c).toMatchObject({
      status: 'received',
      affectsResult: true,
      filedOn: '2026-03-26',
      knewOn: '2026-03-25',
      window: { closesOn: '2026-04-03' },
      replyDue: { dueOn: '2026-04-07', late: false },
    });
    expect(c.replyDue.basis).toContain('政府采购法第五十三条');
    expect(c.abilities).toContain('withdraw');

    // 条例54: signing is suspended while it is not answered.
    expect((await signingSuspension(h.db, projectId, 1, '2026-03-26')).suspended).toBe(true);
    const s = await suspended();
    expect(s.suspended).toBe(true);
    expect(s.reasons[0]).toContain('政府采购法实施条例第五十四条');

    // Another bidder, a stranger: 404 on the letter; in the project's list, only that it exists.
    for (const other of [loser2, stranger, winner]) {
      expect((await other.request({ method: 'GET', url: `/api/challenges/${first}` })).statusCode).toBe(404);
    }
    const list = await loser2.request({ method: 'GET', url: `/api/projects/${projectId}/challenges` });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        id: first,
        letterVisible: false,
        supplierId: null,
        requests: null,
        facts: null,
      }),
    ]);
    expect(
      (await stranger.request({ method: 'GET', url: `/api/projects/${projectId}/challenges` })).statusCode,
    ).toBe(404);
    // The centre, the purchaser of the project, the supervisors read it.
    const byRep = await rep.request({ method: 'GET', url: `/api/challenges/${first}` });
    expect(byRep.statusCode).toBe(200);
    expect(byRep.json().requests).toBe(letter.requests);
    const otherRep = await h.signedIn('purchaser');
    expect((await otherRep.request({ method: 'GET', url: `/api/challenges/${first}` })).statusCode).toBe(404);
    const mine = (await loser1.request({ method: 'GET', url: '/api/my/challenges' })).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([first]);
    expect(mine.projects[0].options).toContainEqual(
      expect.objectContaining({
        subject: 'result',
        lotNo: 1,
        window: expect.objectContaining({ closesOn: '2026-04-03', open: true }),
      }),
    );
  });

  it('a dismissed reply lifts the suspension; the reply goes to the other bidders of the lot', async () => {
    await at('2026-03-27');
    const res = await agent.request({
      method: 'POST',
      url: `/api/challenges/${first}/reply`,
      payload: { reply: '经核查，中标供应商的业绩合同符合招标文件要求，质疑不成立。', outcome: 'dismissed' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'answered', outcome: 'dismissed', repliedOn: '2026-03-27' });
    expect(res.json().replyDue.late).toBe(false);
    expect((await suspended()).suspended).toBe(false);
    const seen = (
      await loser2.request({ method: 'GET', url: `/api/projects/${projectId}/challenges` })
    ).json();
    expect(seen.items[0]).toMatchObject({
      outcome: 'dismissed',
      reply: expect.stringContaining('质疑不成立'),
      requests: null,
    });
  });

  it('refuses a late challenge naming the day its window closed, and writes nothing', async () => {
    await at('2026-04-07');
    const before = await countChallenges();
    const res = await loser2.request({
      method: 'POST',
      url: `/api/projects/${projectId}/challenges`,
      payload: { subject: 'result', lotNo: 1, ...letter },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('CHALLENGE_LATE');
    expect(res.json().message).toContain('质疑期限已于2026-04-03届满');
    expect(res.json().message).toContain('政府采购法第五十二条');
    expect(await countChallenges()).toBe(before);
  });
});

describe('投诉', () => {
  let complaintId: string;

  it('refuses a complaint on another supplier’s challenge, accepts the challenger’s in time', async () => {
    await at('2026-04-07');
    const [c] = await h.db.select().from(challenges).where(eq(challenges.projectId, projectId));
    if (!c) throw new Error('no challenge');
    const body = { requests: '请求财政部门认定中标无效，另行确定中标供应商。', facts: letter.facts };
    const foreign = await loser2.request({
      method: 'POST',
      url: `/api/challenges/${c.id}/complaint`,
      payload: body,
    });
    expect(foreign.statusCode).toBe(404);
    const res = await loser1.request({
      method: 'POST',
      url: `/api/challenges/${c.id}/complaint`,
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    complaintId = res.json().id;
    // 15 WD after the reply period (ends 04-07), not after the early reply (03-27): closes 04-28.
    expect(res.json()).toMatchObject({
      status: 'received',
      window: { opensOn: '2026-03-27', closesOn: '2026-04-28' },
      acceptance: { dueOn: '2026-04-14', late: false },
      decisionDue: null,
    });
    expect((await loser2.request({ method: 'GET', url: `/api/complaints/${complaintId}` })).statusCode).toBe(
      404,
    );
    expect((await rep.request({ method: 'GET', url: `/api/complaints/${complaintId}` })).statusCode).toBe(
      200,
    );
  });

  it('finance accepts, suspends for at most 30 日, records excluded days, lifts and decides', async () => {
    await at('2026-04-08');
    const accepted = await finance.request({ method: 'POST', url: `/api/complaints/${complaintId}/accept` });
    expect(accepted.statusCode, accepted.body).toBe(200);
    // 30 WD from receipt (04-07), over 劳动节 and its 调休 Saturday 05-09.
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      acceptedOn: '2026-04-08',
      decisionDue: { dueOn: '2026-05-21' },
    });

    const tooLong = await finance.request({
      method: 'POST',
      url: `/api/complaints/${complaintId}/suspend`,
      payload: { endsOn: '2026-05-09', reason: '需调取原始投标文件核查' },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ code: 'SUSPENSION_TOO_LONG' });
    expect(tooLong.json().message).toContain('2026-05-08');
    const held = await finance.request({
      method: 'POST',
      url: `/api/complaints/${complaintId}/suspend`,
      payload: { endsOn: null, reason: '需调取原始投标文件核查' },
    });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json().suspension).toMatchObject({
      suspendedOn: '2026-04-08',
      endsOn: '2026-05-08',
      active: true,
    });
    expect((await suspended()).reasons.join()).toContain('政府采购法第五十七条');
    expect(await signingSuspension(h.db, projectId, 1, '2026-05-09')).toMatchObject({ suspended: false });

    const excluded = await finance.request({
      method: 'POST',
      url: `/api/complaints/${complaintId}/excluded-days`,
      payload: { workingDays: 5, reason: '组织专家评审业绩证明材料' },
    });
    expect(excluded.json()).toMatchObject({ excludedWorkingDays: 5, decisionDue: { dueOn: '2026-05-28' } });

    const lifted = await finance.request({
      method: 'POST',
      url: `/api/complaints/${complaintId}/lift-suspension`,
      payload: { reason: '核查完毕' },
    });
    expect(lifted.json().suspension).toMatchObject({ liftedOn: '2026-04-08', active: false });
    expect((await suspended()).suspended).toBe(false);

    const decided = await finance.request({
      method: 'POST',
      url: `/api/complaints/${complaintId}/decide`,
      payload: { decision: '经审查，投诉事项缺乏事实依据，驳回投诉。', outcome: 'dismissed', remedy: null },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({
      status: 'decided',
      outcome: 'dismissed',
      decidedOn: '2026-04-08',
    });
  });

  it('refuses a complaint after its window, naming the day it closed', async () => {
    await at('2026-04-29');
    const [c] = await h.db.select().from(challenges).where(eq(challenges.projectId, projectId));
    const res = await loser1.request({
      method: 'POST',
      url: `/api/challenges/${c?.id}/complaint`,
      payload: { requests: '请求认定中标无效并另行确定中标供应商。', facts: letter.facts },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('COMPLAINT_LATE');
    expect(res.json().message).toContain('投诉期限已于2026-04-28届满');
  });
});

describe('质疑成立', () => {
  it('an upheld process challenge with another winner passes over the winner; an unanswered one is an alert', async () => {
    await at('2026-04-29');
    // 条例53(二): the step ended 04-27; 7 WD over 劳动节, the 7th the 调休 Saturday 05-09.
    const filed = await loser2.request({
      method: 'POST',
      url: `/api/projects/${projectId}/challenges`,
      payload: { subject: 'process', lotNo: 1, knewOn: '2026-04-27', ...letter },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ affectsResult: true, window: { closesOn: '2026-05-09' } });
    const future = await loser2.request({
      method: 'POST',
      url: `/api/projects/${projectId}/challenges`,
      payload: { subject: 'process', lotNo: 1, knewOn: '2026-04-30', ...letter },
    });
    expect(future.json().code).toBe('CHALLENGE_KNEW_ON_FUTURE');

    // Unanswered past its reply day (7 WD from 04-29 → 05-12): an overdue alert.
    const alerts = await challengeAlerts(h.db, '2026-05-13');
    expect(alerts).toContainEqual(
      expect.objectContaining({
        kind: 'challengeReply',
        entityId: filed.json().id,
        dueOn: filed.json().replyDue.dueOn,
      }),
    );
    expect(await challengeAlerts(h.db, '2026-04-29')).toEqual([]);

    const wrong = await agent.request({
      method: 'POST',
      url: `/api/challenges/${filed.json().id}/reply`,
      payload: {
        reply: '经核查质疑成立，依法另行确定中标供应商。',
        outcome: 'upheld',
        remedy: 'documentsCorrected',
      },
    });
    expect(wrong.json().code).toBe('REMEDY_NOT_ALLOWED');
    const res = await agent.request({
      method: 'POST',
      url: `/api/challenges/${filed.json().id}/reply`,
      payload: {
        reply: '经核查质疑成立，依法另行确定中标供应商。',
        outcome: 'upheld',
        remedy: 'winnerChanged',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'upheld', remedy: 'winnerChanged' });
    const lot = (await agent.request({ method: 'GET', url: `/api/projects/${projectId}/award` })).json()
      .lots[0];
    expect(lot.status).toBe('awaitingConfirmation');
    expect(lot.candidates.find((x: { bidId: string }) => x.bidId === a.winner.bidId).passedOver).toContain(
      '质疑成立',
    );
    expect(lot.suspension.suspended).toBe(false);
  });
});
