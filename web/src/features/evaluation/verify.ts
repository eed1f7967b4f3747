import {
  commitSeed,
  DrawError,
  drawExportSchema,
  runDraw,
  verifyDraw,
  type DrawExport,
  type DrawResult,
} from '../../../../src/modules/evaluation/draw.contract.ts';

/** What replaying an exported draw in this browser found. */
export interface Verification {
  record: DrawExport;
  /** The whole record replays to the result it claims. */
  ok: boolean;
  /** Why not, in Chinese (the contract's own messages). */
  reason: string | null;
  /** Whether the revealed seed hashes to the commitment published before the draw; null when not revealed. */
  commitmentOk: boolean | null;
  /** The draw as replayed here from the inputs alone, when the inputs allow a replay. */
  replay: DrawResult | null;
}

/** Parses the text of an exported draw: the record, or the Chinese reason it is not one. */
export function parseDrawExport(text: string): { record: DrawExport } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: '文件不是有效的 JSON，请确认是平台导出的抽取记录' };
  }
  const parsed = drawExportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `（${issue.path.join('.')}）` : '';
    return { error: `不是有效的抽取记录${where}：${issue?.message ?? '格式不符'}` };
  }
  return { record: parsed.data };
}

/** Replays an exported draw with the published algorithm (draw.contract.ts), nothing from the server. */
export async function verifyExport(record: DrawExport): Promise<Verification> {
  const { inputs, result } = record;
  const commitmentOk =
    inputs.serverSeed === null ? null : (await commitSeed(inputs.serverSeed)) === inputs.serverCommitment;
  let replay: DrawResult | null = null;
  try {
    replay = await runDraw(inputs);
  } catch (e) {
    if (!(e instanceof DrawError)) throw e;
  }
  const verdict = await verifyDraw(inputs, result);
  return { record, ok: verdict.ok, reason: verdict.ok ? null : verdict.reason, commitmentOk, replay };
}
