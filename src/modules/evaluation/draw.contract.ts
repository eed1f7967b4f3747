/**
 * Verifiable random draws (ADR 0006): committee experts, tie-breaks and the 合理定价评审抽签法 lottery.
 *
 * Shared by the server, the CLI (`zhengcai draw verify`) and the public portal's replay page, so it uses
 * WebCrypto (globalThis.crypto.subtle) and web APIs only and imports nothing from Node. Every byte that goes
 * into a hash is specified in docs/adr/0006-verifiable-draws.md, so the draw can be replayed in another
 * language; the worked vector there is checked by draw.test.ts.
 */
import canonicalize from 'canonicalize';
import { z } from 'zod';

export const DRAW_ALGORITHM = 'zhengcai-draw-v1';

export type DrawPurpose = 'committee' | 'tieBreak' | 'lottery';

export const PURPOSE_LABELS: Record<DrawPurpose, string> = {
  committee: '评审专家抽取',
  tieBreak: '得分相同时抽签确定排序',
  lottery: '合理定价评审抽签',
};

export interface DrawCandidate {
  /** Stable id (expert or supplier uuid): printable ASCII, what the hashes cover. */
  id: string;
  /** Shown only once the draw is public (expert names are secret until the result notice, 87号令47). */
  label?: string;
}

export interface DrawSlot {
  /** One slot per specialty (or `winner` for a lottery), e.g. `A02010104`. */
  key: string;
  count: number;
  alternates: number;
  /**
   * Sorted by id (strictly ascending), already filtered by the server before the commitment: recusal, leave,
   * region, and the fall-back to the parent specialty when a specialty's pool is too small.
   */
  candidates: DrawCandidate[];
}

export interface DrawInputs {
  algorithm: typeof DRAW_ALGORITHM;
  purpose: DrawPurpose;
  projectId: string;
  /** What is drawn for: `committee`, a lot, `tie:lot-2:rank-1` … */
  subject: string;
  /** SHA-256 (hex) of the 32 raw bytes of the server seed, published before the supervisor's input. */
  serverCommitment: string;
  /** 32 bytes, lowercase hex; null until revealed after the draw. */
  serverSeed: string | null;
  /** Typed on site by the supervisor; NFC-normalised before hashing. */
  supervisorInput: string;
  /**
   * The candidate list's hash as published with the commitment (before the supervisor's input). Optional in
   * the type so a record can be built from slots alone; when present, replay refuses a list that differs.
   */
  candidateListHash?: string;
  slots: DrawSlot[];
}

export interface DrawSlotResult {
  key: string;
  /** Full permutation of the slot's remaining candidates: replacements come from here, in this order. */
  order: string[];
  selected: string[];
  alternates: string[];
}

export interface DrawResult {
  /** SHA-256 (hex) of the canonical draw material; the random stream is derived from it. */
  seed: string;
  slots: DrawSlotResult[];
}

export type DrawErrorCode =
  | 'UNSUPPORTED_ALGORITHM'
  | 'INVALID_INPUTS'
  | 'SEED_NOT_REVEALED'
  | 'COMMITMENT_MISMATCH'
  | 'CANDIDATE_LIST_MISMATCH'
  | 'NOT_ENOUGH_CANDIDATES'
  | 'NOT_SEATED';

export class DrawError extends Error {
  constructor(
    readonly code: DrawErrorCode,
    message: string,
    /** For NOT_ENOUGH_CANDIDATES: the slots that cannot be filled in the worst case. */
    readonly shortfalls: SlotShortfall[] = [],
  ) {
    super(message);
    this.name = 'DrawError';
  }
}

// ── bytes and hashes ──────────────────────────────────────────────────────────────────────────────────

const te = new TextEncoder();
const HEX64 = /^[0-9a-f]{64}$/;

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error('not a hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
}
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(await sha256(bytes));
}

/** RFC 8785 (JCS) canonical JSON; a lone surrogate in any string is refused. */
function canonicalText(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) throw new DrawError('INVALID_INPUTS', '抽取数据含有无法规范化的字符');
  return text;
}
const canonicalBytes = (value: unknown): Uint8Array<ArrayBuffer> => te.encode(canonicalText(value));

// ── commitment ────────────────────────────────────────────────────────────────────────────────────────

/** A fresh server seed: 32 random bytes, lowercase hex. */
export function newServerSeed(): string {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

/** The commitment published before the draw: SHA-256 of the seed's 32 raw bytes, lowercase hex. */
export async function commitSeed(serverSeedHex: string): Promise<string> {
  if (!HEX64.test(serverSeedHex)) throw new DrawError('INVALID_INPUTS', '平台种子应为 64 位小写十六进制');
  return sha256Hex(fromHex(serverSeedHex));
}

// ── inputs ────────────────────────────────────────────────────────────────────────────────────────────

/** Printable ASCII without spaces: ids sort the same by UTF-16 unit, code point and UTF-8 byte. */
const CANDIDATE_ID = /^[\x21-\x7e]{1,200}$/;

function validate(i: DrawInputs): void {
  const bad = (message: string): never => {
    throw new DrawError('INVALID_INPUTS', message);
  };
  if (i.algorithm !== DRAW_ALGORITHM) {
    throw new DrawError('UNSUPPORTED_ALGORITHM', `不支持的抽取算法：${String(i.algorithm)}`);
  }
  if (!Object.hasOwn(PURPOSE_LABELS, i.purpose)) bad(`未知的抽取用途：${String(i.purpose)}`);
  if (!i.projectId) bad('缺少项目标识');
  if (!i.subject) bad('缺少抽取事项');
  if (!HEX64.test(i.serverCommitment)) bad('平台种子承诺值应为 64 位小写十六进制');
  if (i.serverSeed !== null && !HEX64.test(i.serverSeed)) bad('平台种子应为 64 位小写十六进制');
  if (i.supervisorInput.trim() === '') bad('缺少监督员现场输入');
  if (i.slots.length === 0) bad('没有抽取组');
  const keys = new Set<string>();
  for (const s of i.slots) {
    if (!s.key) bad('抽取组缺少标识');
    if (keys.has(s.key)) bad(`抽取组 ${s.key} 重复`);
    keys.add(s.key);
    if (!Number.isSafeInteger(s.count) || s.count < 1) bad(`抽取组 ${s.key} 的人数应为正整数`);
    if (!Number.isSafeInteger(s.alternates) || s.alternates < 0)
      bad(`抽取组 ${s.key} 的候补人数应为非负整数`);
    let previous: string | null = null;
    for (const c of s.candidates) {
      if (!CANDIDATE_ID.test(c.id)) bad(`抽取组 ${s.key} 的候选标识不合规：${c.id}`);
      if (previous !== null && !(previous < c.id)) bad(`抽取组 ${s.key} 的候选名单应按标识升序排列且不重复`);
      previous = c.id;
    }
  }
}

/** Hash of the slot keys, counts, alternates and candidate ids in order (labels are not covered). */
export async function candidateListHash(slots: DrawSlot[]): Promise<string> {
  return sha256Hex(
    canonicalBytes(
      slots.map((s) => ({
        key: s.key,
        count: s.count,
        alternates: s.alternates,
        candidates: s.candidates.map((c) => c.id),
      })),
    ),
  );
}

/** The canonical text whose UTF-8 bytes are hashed into the draw seed (for the ADR vector and reimplementers). */
export async function drawSeedMaterial(i: DrawInputs): Promise<string> {
  validate(i);
  if (i.serverSeed === null) throw new DrawError('SEED_NOT_REVEALED', '平台种子尚未公开，无法重放抽取');
  return canonicalText({
    algorithm: i.algorithm,
    purpose: i.purpose,
    serverSeed: i.serverSeed,
    supervisorInput: i.supervisorInput.normalize('NFC'),
    projectId: i.projectId,
    subject: i.subject,
    candidateListHash: await candidateListHash(i.slots),
  });
}

export async function drawSeed(i: DrawInputs): Promise<string> {
  return sha256Hex(te.encode(await drawSeedMaterial(i)));
}

// ── the random stream ─────────────────────────────────────────────────────────────────────────────────

const TWO_32 = 0x1_0000_0000;

/** block_k = SHA-256(seed ‖ k as 8-byte big-endian), read as consecutive 32-bit big-endian words. */
export class DrawStream {
  private readonly input = new Uint8Array(40);
  private block: DataView | null = null;
  private counter = 0;
  private offset = 32;

  constructor(seedHex: string) {
    if (!HEX64.test(seedHex)) throw new DrawError('INVALID_INPUTS', '抽取种子应为 64 位小写十六进制');
    this.input.set(fromHex(seedHex), 0);
  }

  async nextWord(): Promise<number> {
    if (this.block === null || this.offset === 32) {
      new DataView(this.input.buffer).setBigUint64(32, BigInt(this.counter++), false);
      this.block = new DataView((await sha256(this.input)).buffer);
      this.offset = 0;
    }
    const w = this.block.getUint32(this.offset, false);
    this.offset += 4;
    return w;
  }

  /** Uniform integer in [0, n), 1 ≤ n ≤ 2³²: words ≥ 2³² − (2³² mod n) are rejected, so no modulo bias. */
  async uniform(n: number): Promise<number> {
    if (!Number.isSafeInteger(n) || n < 1 || n > TWO_32) throw new RangeError(`uniform(${n})`);
    const limit = TWO_32 - (TWO_32 % n);
    for (;;) {
      const w = await this.nextWord();
      if (w < limit) return w % n;
    }
  }
}

// ── feasibility (decided before the commitment) ───────────────────────────────────────────────────────

export interface SlotShortfall {
  key: string;
  needed: number;
  /** Candidates left in the worst case, after earlier slots took their members and alternates. */
  guaranteed: number;
}

/**
 * Slots that might not be fillable whatever the seed: for slot i, |C_i| − Σ_{j<i} min(count_j + alternates_j,
 * |C_i ∩ C_j|) < count_i. Seed-independent, so the server checks it (and falls back to the parent specialty)
 * before it publishes the commitment, and a committed draw never fails for want of candidates.
 */
export function slotShortfalls(slots: DrawSlot[]): SlotShortfall[] {
  const out: SlotShortfall[] = [];
  const sets = slots.map((s) => new Set(s.candidates.map((c) => c.id)));
  slots.forEach((s, i) => {
    let guaranteed = s.candidates.length;
    for (let j = 0; j < i; j++) {
      const earlier = slots[j];
      const set = sets[j];
      if (!earlier || !set) continue;
      const overlap = s.candidates.filter((c) => set.has(c.id)).length;
      guaranteed -= Math.min(earlier.count + earlier.alternates, overlap);
    }
    if (guaranteed < s.count) out.push({ key: s.key, needed: s.count, guaranteed });
  });
  return out;
}

// ── the draw ──────────────────────────────────────────────────────────────────────────────────────────

async function checkRevealed(i: DrawInputs): Promise<string> {
  validate(i);
  if (i.serverSeed === null) throw new DrawError('SEED_NOT_REVEALED', '平台种子尚未公开，无法重放抽取');
  if ((await commitSeed(i.serverSeed)) !== i.serverCommitment) {
    throw new DrawError('COMMITMENT_MISMATCH', '平台种子与抽取前公布的承诺值不符');
  }
  if (i.candidateListHash !== undefined && (await candidateListHash(i.slots)) !== i.candidateListHash) {
    throw new DrawError('CANDIDATE_LIST_MISMATCH', '候选名单与抽取前公布的名单摘要不符');
  }
  const short = slotShortfalls(i.slots);
  if (short.length > 0) {
    throw new DrawError(
      'NOT_ENOUGH_CANDIDATES',
      `候选人数不足：${short.map((s) => `${s.key} 组需 ${s.needed} 人，最少只能保证 ${s.guaranteed} 人`).join('；')}（应在公布承诺前改用上级专业）`,
      short,
    );
  }
  return drawSeed(i);
}

/**
 * Runs the draw: slots in the given order share one stream; each slot's candidates, minus those already
 * drawn (selected or alternate) in earlier slots, are shuffled by a forward Fisher–Yates.
 */
export async function runDraw(i: DrawInputs): Promise<DrawResult> {
  const seed = await checkRevealed(i);
  const stream = new DrawStream(seed);
  const taken = new Set<string>();
  const slots: DrawSlotResult[] = [];
  for (const s of i.slots) {
    const order = s.candidates.map((c) => c.id).filter((id) => !taken.has(id));
    for (let k = 0; k < order.length - 1; k++) {
      const j = k + (await stream.uniform(order.length - k));
      const a = order[k] as string;
      order[k] = order[j] as string;
      order[j] = a;
    }
    const selected = order.slice(0, s.count);
    const alternates = order.slice(s.count, s.count + s.alternates);
    for (const id of [...selected, ...alternates]) taken.add(id);
    slots.push({ key: s.key, order, selected, alternates });
  }
  return { seed, slots };
}

const sameIds = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id, k) => id === b[k]);
const list = (ids: readonly string[]): string => (ids.length ? ids.join('、') : '（无）');

/** Replays the draw from its published inputs; the reason is Chinese, for the CLI and the portal. */
export async function verifyDraw(
  i: DrawInputs,
  claimed: DrawResult,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  let replayed: DrawResult;
  try {
    replayed = await runDraw(i);
  } catch (e) {
    if (e instanceof DrawError) return { ok: false, reason: e.message };
    throw e;
  }
  if (claimed.seed !== replayed.seed) {
    return {
      ok: false,
      reason: `抽取种子不符：记录为 ${claimed.seed}，按公布的输入重算为 ${replayed.seed}`,
    };
  }
  if (claimed.slots.length !== replayed.slots.length) {
    return {
      ok: false,
      reason: `抽取组数不符：记录 ${claimed.slots.length} 组，应为 ${replayed.slots.length} 组`,
    };
  }
  for (const [n, r] of replayed.slots.entries()) {
    const c = claimed.slots[n];
    const at = `第 ${n + 1} 组（${r.key}）`;
    if (!c || c.key !== r.key) return { ok: false, reason: `${at}的组标识不符` };
    for (const [field, label] of [
      ['selected', '抽中人员'],
      ['alternates', '候补人员'],
      ['order', '抽取顺序'],
    ] as const) {
      if (!sameIds(c[field], r[field])) {
        return {
          ok: false,
          reason: `${at}${label}与重放结果不一致：记录为 ${list(c[field])}，重放为 ${list(r[field])}`,
        };
      }
    }
  }
  return { ok: true };
}

// ── declines and replacements (no new randomness) ────────────────────────────────────────────────────

export interface SeatedSlot {
  key: string;
  seated: string[];
  /** For each decline in this slot, who took the seat (null: the slot's order is exhausted). */
  replacements: { declined: string; replacement: string | null }[];
}

/**
 * Who sits after the given declines, taken in the order they happened: each vacated seat goes to the next id in
 * that slot's committed `order` that is not seated anywhere, has not sat as a replacement, and has not declined.
 * Someone who declines before being seated (an alternate phoned in advance) is only skipped later.
 */
export function seatedAfterDeclines(result: DrawResult, declined: readonly string[]): SeatedSlot[] {
  const slots: SeatedSlot[] = result.slots.map((s) => ({
    key: s.key,
    seated: [...s.selected],
    replacements: [],
  }));
  const used = new Set(result.slots.flatMap((s) => s.selected));
  const out = new Set<string>();
  for (const d of declined) {
    out.add(d);
    const n = slots.findIndex((s) => s.seated.includes(d));
    const slot = slots[n];
    const order = result.slots[n]?.order;
    if (!slot || !order) continue;
    const replacement = order.find((id) => !used.has(id) && !out.has(id)) ?? null;
    slot.seated = slot.seated.flatMap((id) =>
      id === d ? (replacement === null ? [] : [replacement]) : [id],
    );
    slot.replacements.push({ declined: d, replacement });
    if (replacement !== null) used.add(replacement);
  }
  return slots;
}

/**
 * The replacement for the last id in `declined` (which must sit in `slotKey` when it declines); earlier
 * entries are the declines before it, in order. Null when the slot's committed order is exhausted: the
 * vacancy is then topped up by a new draw (87号令49).
 */
export function replacementFor(result: DrawResult, slotKey: string, declined: string[]): string | null {
  const last = declined.at(-1);
  if (last === undefined) throw new DrawError('NOT_SEATED', '没有需要替补的人员');
  const before = seatedAfterDeclines(result, declined.slice(0, -1));
  const slot = before.find((s) => s.key === slotKey);
  if (!slot?.seated.includes(last)) {
    throw new DrawError('NOT_SEATED', `${last} 不在 ${slotKey} 组的在席名单中`);
  }
  const after = seatedAfterDeclines(result, declined).find((s) => s.key === slotKey);
  return after?.replacements.at(-1)?.replacement ?? null;
}

// ── the exported record (CLI, portal) ─────────────────────────────────────────────────────────────────

const hex64 = z.string().regex(HEX64);
const idList = z.array(z.string());

/** `{ inputs, result, candidates? }`: what the platform exports and the portal serves once results are public. */
export const drawExportSchema = z.object({
  inputs: z.object({
    algorithm: z.literal(DRAW_ALGORITHM),
    purpose: z.enum(['committee', 'tieBreak', 'lottery']),
    projectId: z.string(),
    subject: z.string(),
    serverCommitment: hex64,
    serverSeed: hex64.nullable(),
    supervisorInput: z.string(),
    candidateListHash: hex64.optional(),
    slots: z.array(
      z.object({
        key: z.string(),
        count: z.number().int(),
        alternates: z.number().int(),
        candidates: z.array(z.object({ id: z.string(), label: z.string().optional() })),
      }),
    ),
  }),
  result: z.object({
    seed: z.string(),
    slots: z.array(z.object({ key: z.string(), order: idList, selected: idList, alternates: idList })),
  }),
  /** Labels by id (names and units), present once the result notice is published. */
  candidates: z.record(z.string(), z.string()).optional(),
});
export type DrawExport = z.infer<typeof drawExportSchema>;

/** The label to show for an id: the export's labels, then the candidate's own, then the id. */
export function candidateLabel(record: Pick<DrawExport, 'inputs' | 'candidates'>, id: string): string {
  const own = record.inputs.slots.flatMap((s) => s.candidates).find((c) => c.id === id)?.label;
  return record.candidates?.[id] ?? own ?? id;
}
