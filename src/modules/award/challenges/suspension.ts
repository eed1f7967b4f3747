/**
 * Whether signing (or, once signed, performance) of a lot is suspended: a challenge that may affect the result is
 * not yet answered, or a complaint about it is being handled with the procurement suspended (条例54; 法57).
 */
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { challenges, complaints } from '../tables.ts';

export interface Suspension {
  suspended: boolean;
  /** Chinese reasons, one per open challenge or complaint. */
  reasons: string[];
}

export async function signingSuspension(
  tx: Db | Tx,
  projectId: string,
  lotNo: number,
  today: string,
): Promise<Suspension> {
  const open = await tx
    .select({ id: challenges.id, filedOn: challenges.filedOn })
    .from(challenges)
    .where(
      and(
        eq(challenges.projectId, projectId),
        or(isNull(challenges.lotNo), eq(challenges.lotNo, lotNo)),
        eq(challenges.affectsResult, true),
        eq(challenges.status, 'received'),
      ),
    );
  const reasons = open.map(
    (c) =>
      `${c.filedOn} 提出的质疑可能影响中标（成交）结果，尚未答复，暂停签订合同（政府采购法实施条例第五十四条）`,
  );
  const lotChallenges = await tx
    .select({ id: challenges.id })
    .from(challenges)
    .where(
      and(eq(challenges.projectId, projectId), or(isNull(challenges.lotNo), eq(challenges.lotNo, lotNo))),
    );
  if (lotChallenges.length) {
    const held = await tx
      .select()
      .from(complaints)
      .where(
        and(
          inArray(
            complaints.challengeId,
            lotChallenges.map((c) => c.id),
          ),
          inArray(complaints.status, ['received', 'accepted']),
        ),
      );
    for (const c of held) {
      if (c.suspendedOn && !c.suspensionLiftedOn && c.suspensionEndsOn && today <= c.suspensionEndsOn) {
        reasons.push(
          `财政部门处理投诉期间暂停采购活动（${c.suspendedOn} 起，至迟 ${c.suspensionEndsOn}；政府采购法第五十七条）`,
        );
      }
    }
  }
  return { suspended: reasons.length > 0, reasons };
}
