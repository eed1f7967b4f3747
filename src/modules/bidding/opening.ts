/**
 * 开标 (RULES.md §4.4, §6; ADR 0005). At the opening the agent starts the session: every lot with fewer than
 * three bids is not opened (87号令 第四十一条); for the others the key holders hand in their shares — unwrapped
 * in their own browsers — and as soon as two shares of a bid are in, the platform rebuilds its key, decrypts its
 * price sheets and declarations and proves each against the commitment sealed with it. When every bid of a lot
 * is open, the lot's opening record is signed and shown to the bidders and the supervisors.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { emitDomainEvent } from '../../platform/domain-events.ts';
import { appendAudit } from '../../platform/audit/log.ts';
import { actorUserId, type RequestContext } from '../../platform/auth/actor.ts';
import { users } from '../../platform/auth/tables.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { platformSigner } from '../../platform/signing.ts';
import type { FileStore } from '../../platform/files/store.ts';
import { readFile } from 'node:fs/promises';
import { suppliers } from '../orgs/tables.ts';
import { closeBids, loadProject, setState, stateOf, step } from '../tendering/index.ts';
import { method as methodEnum } from '../tendering/contract.ts';
import { lots, projects } from '../tendering/tables.ts';
import {
  openingRecord,
  type objectionAnswerBody,
  type objectionBody,
  type openingView,
  type shareHandInBody,
  type wrappedSharesView,
} from './contract.ts';
import './events.ts';
import { openingPolicy } from './policy.ts';
import { depositRefundFalls } from './deposits.ts';
import { openingQuorum } from './rules.ts';
import {
  combineShares,
  fromBase64,
  openDocument,
  openJson,
  SealingError,
  type Holder,
  type PartContext,
} from './sealing.contract.ts';
import {
  bidDocuments,
  bidLotPrices,
  bidLots,
  bidOpenings,
  bids,
  custodianKeys,
  lotOpenings,
  openingObjections,
  openingShares,
  projectCustodians,
} from './tables.ts';

const userId = (ctx: RequestContext): string | null => actorUserId(ctx.actor);

/** The holder the caller is for this project: the custodian whose key it is, or a bidder. */
async function holderOf(tx: Db | Tx, ctx: RequestContext, projectId: string): Promise<Holder | null> {
  if (ctx.actor.kind !== 'user') return null;
  if (ctx.actor.role === 'supplier') return 'bidder';
  const [row] = await tx
    .select({ centre: projectCustodians.centreKeyId, supervisor: projectCustodians.supervisorKeyId })
    .from(projectCustodians)
    .where(eq(projectCustodians.projectId, projectId));
  if (!row) return null;
  const mine = await tx
    .select({ id: custodianKeys.id })
    .from(custodianKeys)
    .where(eq(custodianKeys.userId, ctx.actor.userId));
  if (mine.some((k) => k.id === row.centre)) return 'centre';
  if (mine.some((k) => k.id === row.supervisor)) return 'supervisor';
  return null;
}

/** Live bids of a project with their lots. */
async function liveBids(tx: Db | Tx, projectId: string) {
  const rows = await tx
    .select({ bid: bids, lotNo: bidLots.lotNo })
    .from(bids)
    .innerJoin(bidLots, eq(bidLots.bidId, bids.id))
    .where(and(eq(bids.projectId, projectId), eq(bids.status, 'submitted')));
  return rows;
}

/**
 * Starts the opening: closes bids if the deadline passed and the job has not yet run, counts each lot's bids,
 * marks lots with fewer than three as not opened; a project with no lot to open fails (法36(1)).
 */
export async function startOpening(
  db: Db,
  ctx: RequestContext,
  projectId: string,
): Promise<z.infer<typeof openingView>> {
  authorize(ctx.actor, openingPolicy, 'conduct');
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    await closeBids(tx, projectId, ctx.clock);
    const l = await loadProject(tx, projectId, true);
    if (!l) throw notFound('项目不存在');
    if (stateOf(l.row.status) !== 'bidsClosed')
      throw conflict('OPENING_NOT_DUE', '投标截止时间未到，或本项目已经开标', 'status');
    if (l.row.openingAt && l.row.openingAt > now)
      throw conflict('OPENING_NOT_DUE', '开标时间未到', 'openingAt');
    const rows = await liveBids(tx, projectId);
    const counts = l.lots.map((lot) => {
      const n = rows.filter((r) => r.lotNo === lot.no).length;
      return {
        lotNo: lot.no,
        n,
        open: openingQuorum({ method: methodEnum.parse(l.row.method), bids: n }).open,
      };
    });
    await tx.insert(lotOpenings).values(
      counts.map((c) => ({
        projectId,
        lotNo: c.lotNo,
        status: c.open ? 'awaitingKeys' : 'notOpened',
        bidCount: c.n,
        startedAt: now,
        completedAt: c.open ? null : now,
      })),
    );
    const enough = counts.some((c) => c.open);
    const to = enough
      ? step(l, 'open', { bidDeadlinePassed: true, enoughBids: true })
      : step(l, 'fail', { groundRecorded: true });
    const after = await setState(tx, l, to, {}, now);
    // A failed procurement frees every bidder's deposit (条例33; 87号令 第二十九条).
    if (!enough) for (const r of rows) await depositRefundFalls(tx, ctx, projectId, r.bid.supplierId);
    if (!enough) {
      await emitDomainEvent(tx, ctx, 'bidding.projectFailed', {
        projectId,
        lots: counts.map((c) => ({
          lotNo: c.lotNo,
          reason: `提交投标文件的供应商只有${c.n}家，不足三家，不得开标（87号令第四十一条；政府采购法第三十六条）`,
        })),
      });
    }
    await appendAudit(tx, ctx, {
      action: enough ? 'project.opened' : 'project.failed',
      entityType: 'project',
      entityId: projectId,
      before: { status: l.row.status },
      after: {
        status: after.status,
        // Counts become known here, at the opening, not before.
        lots: counts.map((c) => ({ lotNo: c.lotNo, bids: c.n, opened: c.open })),
        ground: enough ? null : '各包投标人均不足三家，不得开标（87号令第四十一条；政府采购法第三十六条）',
      },
    });
  });
  return readOpening(db, ctx, projectId);
}

/** The caller's wrapped shares of the bids still to open: unwrapped in the caller's own browser. */
export async function wrappedShares(
  db: Db,
  ctx: RequestContext,
  projectId: string,
): Promise<z.infer<typeof wrappedSharesView>> {
  authorize(ctx.actor, openingPolicy, 'handIn');
  const holder = await holderOf(db, ctx, projectId);
  if (!holder) throw notFound('您不是本项目的密钥持有人');
  const supplierId = ctx.actor.kind === 'user' ? ctx.actor.supplierId : null;
  const awaiting = await db
    .select({ lotNo: lotOpenings.lotNo })
    .from(lotOpenings)
    .where(and(eq(lotOpenings.projectId, projectId), eq(lotOpenings.status, 'awaitingKeys')));
  const rows = (await liveBids(db, projectId)).filter(
    (r) =>
      awaiting.some((a) => a.lotNo === r.lotNo) && (holder !== 'bidder' || r.bid.supplierId === supplierId),
  );
  const given = await db
    .select({ bidId: openingShares.bidId })
    .from(openingShares)
    .where(eq(openingShares.holder, holder));
  const seen = new Set<string>();
  const items = [];
  for (const r of rows) {
    if (seen.has(r.bid.id) || given.some((g) => g.bidId === r.bid.id)) continue;
    seen.add(r.bid.id);
    items.push({
      bidId: r.bid.id,
      wrapped: holder === 'bidder' ? r.bid.shares.bidder : r.bid.shares[holder],
    });
  }
  return { projectId, holder, items };
}

/**
 * A holder hands in unwrapped shares. Refused before the opening has started (so never before the deadline),
 * and from anyone who is not that holder. Each bid with two or more shares is opened at once.
 */
export async function handInShares(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  body: z.infer<typeof shareHandInBody>,
  /** The file store holding sealed documents; null only for callers whose bids carry none (the demo). */
  store: FileStore | null,
): Promise<z.infer<typeof openingView>> {
  authorize(ctx.actor, openingPolicy, 'handIn');
  const now = ctx.clock.now();
  const signer = await platformSigner(db);
  await db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update');
    if (!project) throw notFound('项目不存在');
    if (stateOf(project.status) !== 'opened')
      throw conflict('OPENING_NOT_STARTED', '开标尚未开始，不接收密钥分量', 'status');
    const holder = await holderOf(tx, ctx, projectId);
    if (!holder) throw notFound('您不是本项目的密钥持有人');
    const supplierId = ctx.actor.kind === 'user' ? ctx.actor.supplierId : null;
    const rows = await liveBids(tx, projectId);
    for (const [i, s] of body.shares.entries()) {
      const bid = rows.find((r) => r.bid.id === s.bidId)?.bid;
      if (!bid || (holder === 'bidder' && bid.supplierId !== supplierId))
        throw badRequest('BID_UNKNOWN', '该投标文件不属于本项目或不由您持有密钥', `body.shares.${i}.bidId`);
      await tx
        .insert(openingShares)
        .values({ bidId: s.bidId, holder, share: s.share, submittedBy: userId(ctx), submittedAt: now })
        .onConflictDoNothing();
    }
    await appendAudit(tx, ctx, {
      action: 'opening.sharesHandedIn',
      entityType: 'project',
      entityId: projectId,
      after: { holder, bids: body.shares.map((s) => s.bidId) },
    });
    await openWhatCanBeOpened(tx, ctx, store, projectId, signer);
  });
  return readOpening(db, ctx, projectId);
}

interface PriceSheetPlain {
  lotNo: number;
  priceFen: string;
  items: Record<string, string>;
}

const sealedSheet = z.object({
  lotNo: z.number().int(),
  priceFen: z.string().regex(/^[1-9]\d{0,15}$/),
  items: z.record(z.string(), z.string()).default({}),
});
const sealedManifest = z.array(
  z.object({ part: z.string(), name: z.string(), mime: z.string(), bytes: z.number().int() }),
);
const sealedDeclarations = z.object({ sme: z.object({ size: z.string() }).nullable().optional() }).loose();

/** An opened price sheet must be a well-formed one of its own lot: anything else is as good as unreadable. */
function priceSheetOf(v: unknown, lotNo: number): PriceSheetPlain {
  const parsed = sealedSheet.safeParse(v);
  if (!parsed.success || parsed.data.lotNo !== lotNo) throw new SealingError('TAMPERED', '报价表格式不正确');
  return { lotNo, priceFen: parsed.data.priceFen, items: parsed.data.items };
}

/** Every pair of the shares in hand, tried until one decrypts all parts (a bad share cannot block a bid). */
async function openBid(
  tx: Tx,
  ctx: RequestContext,
  store: FileStore | null,
  projectId: string,
  bid: typeof bids.$inferSelect,
  bidLotRows: (typeof bidLots.$inferSelect)[],
  shares: string[],
): Promise<boolean> {
  const pairs: [string, string][] = [];
  for (let i = 0; i < shares.length; i++)
    for (let j = i + 1; j < shares.length; j++) pairs.push([shares[i] ?? '', shares[j] ?? '']);
  const at = (part: string): PartContext => ({ projectId, bidId: bid.id, part });
  let lastError = '';
  for (const [a, b] of pairs) {
    try {
      const dek = await combineShares([fromBase64(a), fromBase64(b)]);
      const declarations = await openJson(dek, at('declarations'), bid.declarations);
      const sheets = [];
      for (const l of bidLotRows)
        sheets.push(priceSheetOf(await openJson(dek, at(`lot:${l.lotNo}`), l.priceSheet), l.lotNo));
      // Every document, byte for byte: decrypted, proven whole by its chunks' tags, kept for the evaluation.
      const manifest = sealedManifest.parse(await openJson(dek, at('manifest'), bid.manifest));
      const stored = await tx.select().from(bidDocuments).where(eq(bidDocuments.bidId, bid.id));
      const plainDocs = [];
      for (const meta of bid.documents) {
        const doc = stored.find((d) => d.part === meta.part);
        if (!doc || !store) throw new SealingError('TAMPERED', `文件 ${meta.part} 缺失`);
        const plain = await openDocument(dek, at(meta.part), meta, await readFile(store.pathOf(doc.blob)));
        const entry = manifest.find((m) => m.part === meta.part);
        plainDocs.push({
          part: meta.part,
          plain,
          name: entry?.name ?? meta.part,
          mime: entry?.mime ?? 'application/octet-stream',
        });
      }
      for (const d of plainDocs) {
        const blob = await store?.adoptBytes(d.plain);
        await tx
          .update(bidDocuments)
          .set({ plainBlob: blob?.hash ?? null, name: d.name, mime: d.mime })
          .where(and(eq(bidDocuments.bidId, bid.id), eq(bidDocuments.part, d.part)));
      }
      await tx
        .insert(bidOpenings)
        .values({ bidId: bid.id, status: 'opened', declarations, openedAt: ctx.clock.now() });
      await tx.insert(bidLotPrices).values(
        sheets.map((s) => ({
          bidId: bid.id,
          lotNo: s.lotNo,
          priceFen: BigInt(s.priceFen),
          items: s.items,
        })),
      );
      await appendAudit(tx, ctx, {
        action: 'bid.opened',
        entityType: 'bid',
        entityId: bid.id,
        after: {
          prices: sheets.map((s) => ({ lotNo: s.lotNo, priceFen: s.priceFen })),
          documents: plainDocs.map((d) => ({ part: d.part, name: d.name, bytes: d.plain.length })),
          commitmentsVerified: true,
        },
      });
      return true;
    } catch (e) {
      lastError = e instanceof Error ? e.message : String(e);
    }
  }
  if (shares.length >= 3) {
    // All three shares in and no pair opens it: 解密失败, recorded with the reason.
    await tx
      .insert(bidOpenings)
      .values({ bidId: bid.id, status: 'decryptFailed', failure: lastError, openedAt: ctx.clock.now() });
    await appendAudit(tx, ctx, {
      action: 'bid.decryptFailed',
      entityType: 'bid',
      entityId: bid.id,
      after: { reason: lastError },
    });
    return true;
  }
  return false;
}

async function openWhatCanBeOpened(
  tx: Tx,
  ctx: RequestContext,
  store: FileStore | null,
  projectId: string,
  signer: Awaited<ReturnType<typeof platformSigner>>,
): Promise<void> {
  const awaiting = await tx
    .select()
    .from(lotOpenings)
    .where(and(eq(lotOpenings.projectId, projectId), eq(lotOpenings.status, 'awaitingKeys')));
  if (!awaiting.length) return;
  const rows = await liveBids(tx, projectId);
  const bidIds = [...new Set(rows.map((r) => r.bid.id))];
  // One after another: a transaction's queries share one connection.
  const opened = await tx.select().from(bidOpenings).where(inArray(bidOpenings.bidId, bidIds));
  const shares = await tx
    .select()
    .from(openingShares)
    .where(inArray(openingShares.bidId, bidIds))
    .orderBy(asc(openingShares.holder));
  const lotRows = await tx.select().from(bidLots).where(inArray(bidLots.bidId, bidIds));
  for (const id of bidIds) {
    if (opened.some((o) => o.bidId === id)) continue;
    const mine = shares.filter((s) => s.bidId === id).map((s) => s.share);
    const bid = rows.find((r) => r.bid.id === id)?.bid;
    if (!bid || mine.length < 2) continue;
    await openBid(
      tx,
      ctx,
      store,
      projectId,
      bid,
      lotRows.filter((l) => l.bidId === id),
      mine,
    );
  }
  const nowOpened = await tx.select().from(bidOpenings).where(inArray(bidOpenings.bidId, bidIds));
  const [project] = await tx
    .select({ code: projects.code, name: projects.name })
    .from(projects)
    .where(eq(projects.id, projectId));
  for (const lot of awaiting) {
    const inLot = rows.filter((r) => r.lotNo === lot.lotNo);
    if (!inLot.every((r) => nowOpened.some((o) => o.bidId === r.bid.id))) continue;
    const prices = await tx
      .select({ bidId: bidLotPrices.bidId, priceFen: bidLotPrices.priceFen, items: bidLotPrices.items })
      .from(bidLotPrices)
      .where(
        and(
          inArray(
            bidLotPrices.bidId,
            inLot.map((r) => r.bid.id),
          ),
          eq(bidLotPrices.lotNo, lot.lotNo),
        ),
      );
    const names = await tx
      .select({ id: suppliers.id, name: suppliers.name })
      .from(suppliers)
      .where(
        inArray(
          suppliers.id,
          inLot.map((r) => r.bid.supplierId),
        ),
      );
    const [lotRow] = await tx
      .select()
      .from(lots)
      .where(and(eq(lots.projectId, projectId), eq(lots.no, lot.lotNo)));
    const entries = inLot
      .map((r) => {
        const o = nowOpened.find((x) => x.bidId === r.bid.id);
        const p = prices.find((x) => x.bidId === r.bid.id);
        const d = sealedDeclarations.safeParse(o?.declarations);
        return {
          bidId: r.bid.id,
          supplierName: names.find((n) => n.id === r.bid.supplierId)?.name ?? '',
          submittedAt: r.bid.submittedAt.toISOString(),
          opened: o?.status === 'opened',
          priceFen: p ? p.priceFen.toString() : null,
          items: p?.items ?? {},
          smeSize: d.success ? (d.data.sme?.size ?? null) : null,
        };
      })
      .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
    const record = signer.sign({
      kind: 'openingRecord' as const,
      projectId,
      projectCode: project?.code ?? '',
      projectName: project?.name ?? '',
      lotNo: lot.lotNo,
      lotName: lotRow?.name ?? '',
      ceilingFen: lotRow?.ceilingFen?.toString() ?? null,
      openedAt: ctx.clock.now().toISOString(),
      entries,
    });
    await tx
      .update(lotOpenings)
      .set({ status: 'opened', completedAt: ctx.clock.now(), record })
      .where(and(eq(lotOpenings.projectId, projectId), eq(lotOpenings.lotNo, lot.lotNo)));
    await appendAudit(tx, ctx, {
      action: 'opening.lotOpened',
      entityType: 'project',
      entityId: projectId,
      after: { lotNo: lot.lotNo, recordSignature: record.signature, entries: entries.length },
    });
  }
}

/** Why a lot was not opened and what the purchaser may do next (RULES.md §4.4); nothing for opened lots. */
function notOpenedBecause(projectMethod: string, l: { status: string; bidCount: number }) {
  if (l.status !== 'notOpened') return { ground: null, nextSteps: [] };
  const q = openingQuorum({ method: methodEnum.parse(projectMethod), bids: l.bidCount });
  return { ground: q.ground, nextSteps: q.nextSteps.map((s) => s.text) };
}

/**
 * The opening as the caller may see it: the centre and supervisors everything; a bidder the lots it bid on,
 * the records once signed, and its own shares still to hand in. Nothing before the opening has started.
 */
export async function readOpening(
  db: Db,
  ctx: RequestContext,
  projectId: string,
): Promise<z.infer<typeof openingView>> {
  authorize(ctx.actor, openingPolicy, 'read');
  const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
  if (!project) throw notFound('项目不存在');
  const supplierId = ctx.actor.kind === 'user' ? ctx.actor.supplierId : null;
  const rows = await liveBids(db, projectId);
  if (supplierId && !rows.some((r) => r.bid.supplierId === supplierId)) throw notFound('项目不存在');
  const lotsOpened = await db
    .select()
    .from(lotOpenings)
    .where(eq(lotOpenings.projectId, projectId))
    .orderBy(asc(lotOpenings.lotNo));
  const lotNames = await db
    .select({ no: lots.no, name: lots.name })
    .from(lots)
    .where(eq(lots.projectId, projectId));
  const bidIds = [...new Set(rows.map((r) => r.bid.id))];
  // One after another: called inside transactions too, whose queries share one connection.
  const shares = bidIds.length
    ? await db
        .select({ bidId: openingShares.bidId, holder: openingShares.holder })
        .from(openingShares)
        .where(inArray(openingShares.bidId, bidIds))
    : [];
  const opened = bidIds.length
    ? await db
        .select({ bidId: bidOpenings.bidId })
        .from(bidOpenings)
        .where(inArray(bidOpenings.bidId, bidIds))
    : [];
  const objections = await db
    .select({ o: openingObjections, supplierName: suppliers.name })
    .from(openingObjections)
    .innerJoin(suppliers, eq(suppliers.id, openingObjections.supplierId))
    .where(eq(openingObjections.projectId, projectId))
    .orderBy(asc(openingObjections.raisedAt));
  const holder = await holderOf(db, ctx, projectId);
  const started = lotsOpened.length > 0;
  const visibleLots = supplierId
    ? lotsOpened.filter((l) => rows.some((r) => r.lotNo === l.lotNo && r.bid.supplierId === supplierId))
    : lotsOpened;
  const [assigned] = await db
    .select()
    .from(projectCustodians)
    .where(eq(projectCustodians.projectId, projectId));
  const custodianNames = assigned
    ? await db
        .select({ name: users.displayName })
        .from(custodianKeys)
        .innerJoin(users, eq(users.id, custodianKeys.userId))
        .where(inArray(custodianKeys.id, [assigned.centreKeyId, assigned.supervisorKeyId]))
    : [];
  return {
    projectId,
    projectCode: project.code,
    status: project.status,
    openingAt: project.openingAt?.toISOString() ?? null,
    openingPlace: project.openingPlace,
    started,
    holder,
    custodians: custodianNames.map((c) => c.name),
    lots: visibleLots.map((l) => ({
      lotNo: l.lotNo,
      lotName: lotNames.find((n) => n.no === l.lotNo)?.name ?? '',
      status: l.status === 'opened' || l.status === 'awaitingKeys' ? l.status : 'notOpened',
      bidCount: l.bidCount,
      ...notOpenedBecause(project.method, l),
      sharesIn: {
        centre: rows.filter(
          (r) => r.lotNo === l.lotNo && shares.some((s) => s.bidId === r.bid.id && s.holder === 'centre'),
        ).length,
        supervisor: rows.filter(
          (r) => r.lotNo === l.lotNo && shares.some((s) => s.bidId === r.bid.id && s.holder === 'supervisor'),
        ).length,
        bidder: rows.filter(
          (r) => r.lotNo === l.lotNo && shares.some((s) => s.bidId === r.bid.id && s.holder === 'bidder'),
        ).length,
      },
      bidsOpened: rows.filter((r) => r.lotNo === l.lotNo && opened.some((o) => o.bidId === r.bid.id)).length,
      record: l.record ? openingRecord.parse(l.record) : null,
    })),
    objections: objections
      .filter((o) => !supplierId || o.o.supplierId === supplierId || o.o.answer !== null)
      .map((o) => ({
        id: o.o.id,
        supplierName: o.supplierName,
        text: o.o.text,
        raisedAt: o.o.raisedAt.toISOString(),
        answer: o.o.answer,
        answeredAt: o.o.answeredAt?.toISOString() ?? null,
      })),
    abilities: [
      ...(can(ctx.actor, openingPolicy, 'conduct') && !started ? ['start'] : []),
      ...(holder && started ? ['handIn'] : []),
      ...(supplierId && started ? ['object'] : []),
      ...(can(ctx.actor, openingPolicy, 'conduct') && started ? ['answer'] : []),
    ],
  };
}

/** 开标异议: raised by a bidder of the project once the opening has started. */
export async function raiseObjection(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  body: z.infer<typeof objectionBody>,
): Promise<z.infer<typeof openingView>> {
  authorize(ctx.actor, openingPolicy, 'object');
  const supplierId = ctx.actor.kind === 'user' ? ctx.actor.supplierId : null;
  await db.transaction(async (tx) => {
    const rows = await liveBids(tx, projectId);
    if (!supplierId || !rows.some((r) => r.bid.supplierId === supplierId)) throw notFound('项目不存在');
    const [started] = await tx
      .select()
      .from(lotOpenings)
      .where(eq(lotOpenings.projectId, projectId))
      .limit(1);
    if (!started) throw conflict('OPENING_NOT_STARTED', '开标尚未开始');
    const [row] = await tx
      .insert(openingObjections)
      .values({ projectId, supplierId, text: body.text, raisedAt: ctx.clock.now() })
      .returning();
    await appendAudit(tx, ctx, {
      action: 'opening.objectionRaised',
      entityType: 'project',
      entityId: projectId,
      after: row,
    });
  });
  return readOpening(db, ctx, projectId);
}

export async function answerObjection(
  db: Db,
  ctx: RequestContext,
  projectId: string,
  objectionId: string,
  body: z.infer<typeof objectionAnswerBody>,
): Promise<z.infer<typeof openingView>> {
  authorize(ctx.actor, openingPolicy, 'conduct');
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(openingObjections)
      .where(and(eq(openingObjections.id, objectionId), eq(openingObjections.projectId, projectId)))
      .for('update');
    if (!before) throw notFound('异议不存在');
    if (before.answer !== null) throw conflict('ALREADY_ANSWERED', '该异议已答复');
    const [after] = await tx
      .update(openingObjections)
      .set({ answer: body.answer, answeredBy: userId(ctx), answeredAt: ctx.clock.now() })
      .where(eq(openingObjections.id, objectionId))
      .returning();
    await appendAudit(tx, ctx, {
      action: 'opening.objectionAnswered',
      entityType: 'project',
      entityId: projectId,
      before,
      after,
    });
  });
  return readOpening(db, ctx, projectId);
}
