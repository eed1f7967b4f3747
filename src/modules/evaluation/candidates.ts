/**
 * The candidates of a committee draw, decided before the commitment (ADR 0006): for each slot, the active
 * experts of the specialty or any specialty below it, in the regions asked for, not on leave on the review
 * day, not already on this committee, and not recused (条例9) against the project's registered suppliers —
 * all of them, so the draw reveals nothing about who actually bid — and its purchasers. A slot whose pool
 * cannot be filled whatever the seed falls back to the parent specialty, and so on up; the fallback is part
 * of the committed inputs.
 */
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { conflict } from '../../platform/errors.ts';
import { bidRegistrations } from '../bidding/tables.ts';
import {
  expertEmployments,
  expertLeaves,
  expertRelations,
  experts,
  expertSpecialties,
  purchasers,
  specialties,
  supplierPeople,
  suppliers,
} from '../orgs/tables.ts';
import type { LoadedProject } from '../tendering/index.ts';
import { slotShortfalls, type DrawSlot } from './draw.contract.ts';
import { recusalReasons, type ExpertConflictFacts, type PartyFacts } from './recusal.ts';
import type { SlotSpec } from './tables.ts';

export interface Exclusion {
  reason: string;
  /** For a fallback: the slot key it happened in and the specialty asked for. */
  key?: string;
  fallbackFrom?: string;
}

export interface Need {
  key: (code: string) => string;
  spec: SlotSpec;
  missing: number;
}

/** Whether an expert's division lies in one of the divisions asked for (150100 covers 150102). */
export function inRegions(regionCode: string, wanted: readonly string[]): boolean {
  if (wanted.length === 0) return true;
  return wanted.some((w) => {
    const prefix = w.replace(/(00)+$/, '');
    return regionCode === w || (prefix.length < 6 && regionCode.startsWith(prefix));
  });
}

async function partiesOf(tx: Db | Tx, l: LoadedProject): Promise<PartyFacts> {
  const firms = await tx
    .select({
      id: suppliers.id,
      name: suppliers.name,
      creditCode: suppliers.creditCode,
      legalRepresentative: suppliers.legalRepresentative,
    })
    .from(bidRegistrations)
    .innerJoin(suppliers, eq(suppliers.id, bidRegistrations.supplierId))
    .where(eq(bidRegistrations.projectId, l.row.id));
  const people = firms.length
    ? await tx
        .select()
        .from(supplierPeople)
        .where(
          inArray(
            supplierPeople.supplierId,
            firms.map((f) => f.id),
          ),
        )
    : [];
  const unitIds = [...new Set(l.shares.map((s) => s.purchaserId))];
  const units = unitIds.length
    ? await tx
        .select({ name: purchasers.name, creditCode: purchasers.creditCode })
        .from(purchasers)
        .where(inArray(purchasers.id, unitIds))
    : [];
  return {
    bidders: firms.map((f) => ({
      supplierId: f.id,
      name: f.name,
      creditCode: f.creditCode,
      people: [
        { name: f.legalRepresentative, role: 'legalRepresentative' },
        ...people
          .filter((p) => p.supplierId === f.id)
          .map((p) => ({ name: p.name, role: p.role, idNumber: p.idNumber ?? p.creditCode })),
      ],
    })),
    purchasers: units,
  };
}

interface PoolExpert {
  facts: ExpertConflictFacts;
  regionCode: string;
  codes: Set<string>;
  onLeave: boolean;
}

async function poolOf(tx: Db | Tx, day: string): Promise<PoolExpert[]> {
  const rows = await tx.select().from(experts).where(eq(experts.status, 'active'));
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const specs = await tx.select().from(expertSpecialties).where(inArray(expertSpecialties.expertId, ids));
  const jobs = await tx.select().from(expertEmployments).where(inArray(expertEmployments.expertId, ids));
  const relations = await tx.select().from(expertRelations).where(inArray(expertRelations.expertId, ids));
  const away = await tx
    .select({ expertId: expertLeaves.expertId })
    .from(expertLeaves)
    .where(and(lte(expertLeaves.startsOn, day), gte(expertLeaves.endsOn, day)));
  const onLeave = new Set(away.map((a) => a.expertId));
  return rows.map((e) => ({
    regionCode: e.regionCode,
    codes: new Set(specs.filter((s) => s.expertId === e.id).map((s) => s.specialtyCode)),
    onLeave: onLeave.has(e.id),
    facts: {
      expertId: e.id,
      employer: e.employer,
      idNumber: e.idNumber,
      employments: jobs
        .filter((j) => j.expertId === e.id)
        .map((j) => ({
          employer: j.employer,
          creditCode: j.creditCode,
          position: j.position,
          startedOn: j.startedOn,
          endedOn: j.endedOn,
        })),
      relations: relations
        .filter((r) => r.expertId === e.id)
        .map((r) => ({
          kind: r.kind === 'conflict' ? ('conflict' as const) : ('relative' as const),
          name: r.name,
          relation: r.relation,
          organisation: r.organisation,
          creditCode: r.creditCode,
        })),
    },
  }));
}

/**
 * The frozen slots of a committee draw for the vacancies given, with what was left out and why. Throws 409
 * NOT_ENOUGH_EXPERTS when even the top of the specialty tree cannot fill a slot.
 */
export async function committeeSlots(
  tx: Db | Tx,
  o: { project: LoadedProject; day: string; regionCodes: string[]; seated: Set<string>; needs: Need[] },
): Promise<{ slots: DrawSlot[]; exclusions: Exclusion[] }> {
  const tree = await tx.select({ code: specialties.code, parent: specialties.parentCode }).from(specialties);
  const parentOf = new Map(tree.map((s) => [s.code, s.parent]));
  const subtree = (code: string): Set<string> => {
    const out = new Set([code]);
    for (let grew = true; grew;) {
      grew = false;
      for (const s of tree)
        if (s.parent && out.has(s.parent) && !out.has(s.code)) {
          out.add(s.code);
          grew = true;
        }
    }
    return out;
  };
  const parties = await partiesOf(tx, o.project);
  const pool = await poolOf(tx, o.day);
  // Why each expert cannot be drawn at all, whatever the specialty.
  const barred = new Map<string, string>();
  for (const e of pool) {
    const id = e.facts.expertId;
    if (o.seated.has(id)) barred.set(id, '已在本评审委员会');
    else if (e.onLeave) barred.set(id, '评审当日请假');
    else if (!inRegions(e.regionCode, o.regionCodes)) barred.set(id, '不在抽取地区');
    else {
      const reasons = recusalReasons(e.facts, parties, o.day);
      if (reasons[0]) barred.set(id, `回避：${reasons[0].message}`);
    }
  }

  const slots: DrawSlot[] = [];
  const exclusions: Exclusion[] = [];
  const counted = new Set<string>();
  for (const need of o.needs) {
    let code = need.spec.specialtyCode;
    for (;;) {
      const codes = subtree(code);
      const inSpecialty = pool.filter((e) => [...e.codes].some((c) => codes.has(c)));
      const slot: DrawSlot = {
        key: need.key(code),
        count: need.missing,
        alternates: need.spec.alternates,
        candidates: inSpecialty
          .filter((e) => !barred.has(e.facts.expertId))
          .map((e) => ({ id: e.facts.expertId }))
          .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      };
      const short = slotShortfalls([...slots, slot]).some((s) => s.key === slot.key);
      if (!short) {
        for (const e of inSpecialty) {
          const why = barred.get(e.facts.expertId);
          if (why && !counted.has(e.facts.expertId)) {
            counted.add(e.facts.expertId);
            exclusions.push({ reason: why.startsWith('回避') ? '回避（条例第九条）' : why });
          }
        }
        if (code !== need.spec.specialtyCode)
          exclusions.push({
            reason: '本专业人数不足，改从上级专业抽取',
            key: slot.key,
            fallbackFrom: need.spec.specialtyCode,
          });
        slots.push(slot);
        break;
      }
      const parent = parentOf.get(code);
      if (!parent)
        throw conflict(
          'NOT_ENOUGH_EXPERTS',
          `专业“${need.spec.specialtyCode}”及其上级专业可抽取的专家不足 ${need.missing} 人，请调整专业或抽取地区`,
          'slots',
        );
      code = parent;
    }
  }
  return { slots, exclusions };
}
