/**
 * 现场抽取, whatever the draw is for: the supervisor's input runs it, then the result takes effect in the same
 * transaction — experts invited for a committee draw, the order settled for a tie-break or the lottery.
 */
import { inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { specialties } from '../orgs/tables.ts';
import { presentDraw } from './committee.ts';
import type { drawView } from './contract.ts';
import { runCommittedDraw, seatDrawnExperts } from './draws.ts';
import { afterLotDraw } from './progress.ts';

export async function witnessDraw(
  db: Db,
  ctx: RequestContext,
  drawId: string,
  supervisorInput: string,
): Promise<z.infer<typeof drawView>> {
  const drawn = await db.transaction(async (tx) => {
    const { draw, result } = await runCommittedDraw(tx, ctx, drawId, supervisorInput);
    if (draw.purpose === 'committee') await seatDrawnExperts(tx, ctx, draw, result);
    else await afterLotDraw(tx, ctx, draw);
    return draw;
  });
  const codes = (drawn.slots as { key: string }[]).map((s) => s.key.split('-').slice(1).join('-'));
  const names = codes.length
    ? await db
        .select({ code: specialties.code, name: specialties.name })
        .from(specialties)
        .where(inArray(specialties.code, codes))
    : [];
  return presentDraw(drawn, new Map(names.map((n) => [n.code, n.name])));
}
