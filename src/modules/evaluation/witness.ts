/**
 * 现场抽取, whatever the draw is for: the supervisor's input runs it, then the result takes effect in the same
 * transaction — experts invited for a committee draw, the order settled for a tie-break or the lottery.
 */
import type { z } from 'zod';
import type { RequestContext } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { presentDraw, specialtyNames } from './committee.ts';
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
  const codes = (drawn.slots as { key: string }[]).map((x) => x.key.split('-').slice(1).join('-'));
  return presentDraw(drawn, await specialtyNames(db, codes));
}
