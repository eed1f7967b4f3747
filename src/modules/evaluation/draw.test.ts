import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  candidateListHash,
  commitSeed,
  DRAW_ALGORITHM,
  DrawError,
  drawExportSchema,
  drawSeed,
  drawSeedMaterial,
  DrawStream,
  newServerSeed,
  replacementFor,
  runDraw,
  seatedAfterDeclines,
  slotShortfalls,
  verifyDraw,
  type DrawInputs,
  type DrawResult,
  type DrawSlot,
} from './draw.contract.ts';
import { recusalReasons, type ExpertConflictFacts, type PartyFacts } from './recusal.ts';

const ids = (n: number, prefix = 'expert-'): string[] =>
  Array.from({ length: n }, (_, k) => `${prefix}${String(k + 1).padStart(2, '0')}`);
const slot = (key: string, count: number, alternates: number, candidates: string[]): DrawSlot => ({
  key,
  count,
  alternates,
  candidates: candidates.map((id) => ({ id })),
});

async function revealed(over: Partial<DrawInputs> = {}): Promise<DrawInputs> {
  const serverSeed = over.serverSeed ?? '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
  return {
    algorithm: DRAW_ALGORITHM,
    purpose: 'committee',
    projectId: 'ZC2026-0001',
    subject: 'committee',
    serverCommitment: await commitSeed(serverSeed),
    serverSeed,
    supervisorInput: '监督员 Cafe\u0301 0323',
    slots: [slot('A02010104', 3, 2, ids(10))],
    ...over,
  };
}

async function refusal(p: Promise<unknown>): Promise<DrawError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DrawError) return e;
    throw e;
  }
  throw new Error('expected a DrawError');
}

describe('the worked vector of ADR 0006', () => {
  it('gives the commitment, candidate-list hash, seed material, seed, words, indices and order', async () => {
    const inputs = await revealed();
    expect(inputs.serverCommitment).toBe('630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd');
    expect(await candidateListHash(inputs.slots)).toBe(
      'e63300983eda78c5b454ed14e14c64c4bc58492c35088bffcd50c8fd2efad4f1',
    );
    expect(await drawSeedMaterial(inputs)).toBe(
      '{"algorithm":"zhengcai-draw-v1",' +
        '"candidateListHash":"e63300983eda78c5b454ed14e14c64c4bc58492c35088bffcd50c8fd2efad4f1",' +
        '"projectId":"ZC2026-0001","purpose":"committee",' +
        '"serverSeed":"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",' +
        '"subject":"committee","supervisorInput":"监督员 Café 0323"}',
    );
    const seed = await drawSeed(inputs);
    expect(seed).toBe('1a9914777b244f2932bae2e4daa3e58e5aabb3ef8d9ce2bef32caf530c88e183');

    const words = new DrawStream(seed);
    const first: string[] = [];
    for (let k = 0; k < 10; k++) first.push((await words.nextWord()).toString(16).padStart(8, '0'));
    // Words 0–7 are block 0, words 8–9 open block 1 (counter 1).
    expect(first.join(' ')).toBe(
      '348a9fce 20dfdfe7 c8e5659a 052cfc4a 924db453 fe419eb5 951a4044 58d39716 65a703f8 7501994d',
    );
    const stream = new DrawStream(seed);
    const indices: number[] = [];
    for (let n = 10; n >= 2; n--) indices.push(await stream.uniform(n));
    expect(indices).toEqual([0, 7, 2, 6, 3, 3, 0, 1, 0]);

    const result = await runDraw(inputs);
    expect(result.slots[0]).toEqual({
      key: 'A02010104',
      order: [
        'expert-01',
        'expert-09',
        'expert-05',
        'expert-10',
        'expert-08',
        'expert-02',
        'expert-07',
        'expert-06',
        'expert-03',
        'expert-04',
      ],
      selected: ['expert-01', 'expert-09', 'expert-05'],
      alternates: ['expert-10', 'expert-08'],
    });
  });
});

describe('commit–reveal and replay', () => {
  it('replays to the same result, and verifyDraw accepts it', async () => {
    const inputs = await revealed();
    const a = await runDraw(inputs);
    const b = await runDraw(structuredClone(inputs));
    expect(b).toEqual(a);
    expect(await verifyDraw(inputs, a)).toEqual({ ok: true });
  });

  it('normalises the supervisor input to NFC, so a composed é and e + ◌́ draw alike', async () => {
    expect(await drawSeed(await revealed({ supervisorInput: '监督员 Café 0323' }))).toBe(
      await drawSeed(await revealed()),
    );
  });

  it('changes the seed when the supervisor input, the server seed or a candidate changes, and says so', async () => {
    const inputs = await revealed();
    const claimed = await runDraw(inputs);
    const otherSeed = 'ff'.repeat(32);
    const variants: DrawInputs[] = [
      { ...inputs, supervisorInput: '监督员 Cafe 0324' },
      { ...inputs, serverSeed: otherSeed, serverCommitment: await commitSeed(otherSeed) },
      { ...inputs, slots: [slot('A02010104', 3, 2, [...ids(9), 'expert-11'])] },
      { ...inputs, slots: [slot('A02010104', 3, 1, ids(10))] },
      { ...inputs, subject: 'lot-2' },
      { ...inputs, purpose: 'lottery' },
    ];
    const seeds = new Set([claimed.seed]);
    for (const v of variants) {
      const seed = await drawSeed(v);
      seeds.add(seed);
      const verdict = await verifyDraw(v, claimed);
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) expect(verdict.reason).toContain('抽取种子不符');
    }
    expect(seeds.size).toBe(variants.length + 1);
  });

  it('refuses a server seed that does not match the commitment, or one not yet revealed', async () => {
    const inputs = await revealed();
    const claimed = await runDraw(inputs);
    const swapped = { ...inputs, serverSeed: 'ff'.repeat(32) };
    const e = await refusal(runDraw(swapped));
    expect(e.code).toBe('COMMITMENT_MISMATCH');
    expect(await verifyDraw(swapped, claimed)).toEqual({
      ok: false,
      reason: '平台种子与抽取前公布的承诺值不符',
    });
    expect((await refusal(runDraw({ ...inputs, serverSeed: null }))).code).toBe('SEED_NOT_REVEALED');
    const hidden = await verifyDraw({ ...inputs, serverSeed: null }, claimed);
    expect(hidden.ok || hidden.reason).toContain('尚未公开');
  });

  it('refuses a candidate list other than the one published with the commitment', async () => {
    const inputs = await revealed();
    const published = { ...inputs, candidateListHash: await candidateListHash(inputs.slots) };
    const claimed = await runDraw(published);
    const swapped = { ...published, slots: [slot('A02010104', 3, 2, [...ids(9), 'expert-11'])] };
    expect((await refusal(runDraw(swapped))).code).toBe('CANDIDATE_LIST_MISMATCH');
    const verdict = await verifyDraw(swapped, claimed);
    expect(verdict.ok || verdict.reason).toBe('候选名单与抽取前公布的名单摘要不符');
  });

  it('names what differs in a tampered result', async () => {
    const inputs = await revealed();
    const r = await runDraw(inputs);
    const s = r.slots[0];
    if (!s) throw new Error('no slot');
    const swapped: DrawResult = {
      ...r,
      slots: [{ ...s, selected: ['expert-02', ...s.selected.slice(1)] }],
    };
    const v = await verifyDraw(inputs, swapped);
    expect(v.ok || v.reason).toBe(
      '第 1 组（A02010104）抽中人员与重放结果不一致：记录为 expert-02、expert-09、expert-05，重放为 expert-01、expert-09、expert-05',
    );
    const joined: DrawResult = { ...r, slots: [{ ...s, selected: ['expert-01\nexpert-09', 'expert-05'] }] };
    expect((await verifyDraw(inputs, joined)).ok).toBe(false);
    expect((await verifyDraw(inputs, { ...r, seed: '00'.repeat(32) })).ok).toBe(false);
  });

  it('makes fresh 32-byte seeds', () => {
    const a = newServerSeed();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(newServerSeed()).not.toBe(a);
  });

  it('refuses malformed inputs with a Chinese message', async () => {
    const inputs = await revealed();
    const unsorted = { ...inputs, slots: [slot('A', 1, 0, ['b', 'a'])] };
    const e = await refusal(runDraw(unsorted));
    expect(e.code).toBe('INVALID_INPUTS');
    expect(e.message).toContain('升序');
    expect((await refusal(runDraw({ ...inputs, supervisorInput: '  ' }))).message).toBe('缺少监督员现场输入');
    expect((await refusal(runDraw({ ...inputs, slots: [slot('A', 1, 0, ['a b'])] }))).code).toBe(
      'INVALID_INPUTS',
    );
    const lone = await refusal(runDraw({ ...inputs, supervisorInput: 'x\ud800' }));
    expect(lone.code).toBe('INVALID_INPUTS');
    const odd = { ...inputs, purpose: 'constructor' } as unknown as DrawInputs;
    expect((await refusal(runDraw(odd))).code).toBe('INVALID_INPUTS');
    const wrong = { ...inputs, algorithm: 'zhengcai-draw-v0' } as unknown as DrawInputs;
    expect((await refusal(runDraw(wrong))).code).toBe('UNSUPPORTED_ALGORITHM');
  });
});

describe('the stream', () => {
  /** A stream that hands out given words, to exercise the rejection step. */
  class Words extends DrawStream {
    constructor(private readonly words: number[]) {
      super('00'.repeat(32));
    }
    override nextWord(): Promise<number> {
      const w = this.words.shift();
      if (w === undefined) throw new Error('out of words');
      return Promise.resolve(w);
    }
  }

  it('rejects the words that would bias the modulo', async () => {
    // 2³² mod 3 = 1: only 0xffffffff is rejected.
    expect(await new Words([0xffffffff, 7]).uniform(3)).toBe(1);
    expect(await new Words([0xfffffffe]).uniform(3)).toBe(0xfffffffe % 3);
    // 2³² mod 10 = 6: the limit is 4294967290.
    expect(await new Words([4294967290, 4294967295, 4294967289]).uniform(10)).toBe(9);
    expect(await new Words([5]).uniform(1)).toBe(0);
  });
});

describe('slots, fall-back and replacements', () => {
  it('takes no one twice: a later slot draws from what earlier slots left', async () => {
    const shared = ids(8);
    const inputs = await revealed({ slots: [slot('A', 3, 2, shared), slot('B', 2, 1, shared)] });
    const r = await runDraw(inputs);
    const [a, b] = r.slots;
    if (!a || !b) throw new Error('two slots');
    expect(b.order).toHaveLength(3);
    expect(new Set([...a.selected, ...a.alternates, ...b.order]).size).toBe(8);
  });

  it('knows before the commitment whether every slot can be filled, whatever the seed', async () => {
    const shared = ids(6);
    const short = [slot('A', 3, 2, shared), slot('B', 2, 0, shared)];
    expect(slotShortfalls(short)).toEqual([{ key: 'B', needed: 2, guaranteed: 1 }]);
    const e = await refusal(runDraw(await revealed({ slots: short })));
    expect(e.code).toBe('NOT_ENOUGH_CANDIDATES');
    expect(e.message).toContain('B 组需 2 人，最少只能保证 1 人');
    // The server falls back to the parent specialty's pool before committing: disjoint extra candidates.
    expect(slotShortfalls([slot('A', 3, 2, shared), slot('B', 2, 0, [...shared, 'parent-01'])])).toEqual([]);
    expect(slotShortfalls([slot('A', 4, 0, ids(3))])).toEqual([{ key: 'A', needed: 4, guaranteed: 3 }]);
  });

  it('replaces a decline with the next in the committed order, without new randomness', async () => {
    const r = await runDraw(await revealed());
    // selected 01, 09, 05; alternates 10, 08; then 02, 07, 06, 03, 04.
    expect(replacementFor(r, 'A02010104', ['expert-09'])).toBe('expert-10');
    expect(replacementFor(r, 'A02010104', ['expert-09', 'expert-10'])).toBe('expert-08');
    expect(replacementFor(r, 'A02010104', ['expert-09', 'expert-01'])).toBe('expert-08');
    // An alternate who said no in advance is skipped when the seat falls vacant.
    expect(replacementFor(r, 'A02010104', ['expert-10', 'expert-05'])).toBe('expert-08');
    expect(seatedAfterDeclines(r, ['expert-09', 'expert-10'])[0]).toEqual({
      key: 'A02010104',
      seated: ['expert-01', 'expert-08', 'expert-05'],
      replacements: [
        { declined: 'expert-09', replacement: 'expert-10' },
        { declined: 'expert-10', replacement: 'expert-08' },
      ],
    });
    // Each seat, in turn, until the order runs out: 01→10, 09→08, 05→02, 10→07, 08→06, 02→03, 07→04, 06→none.
    const chain = ['expert-01', 'expert-09', 'expert-05', 'expert-10', 'expert-08', 'expert-02', 'expert-07'];
    expect(replacementFor(r, 'A02010104', chain)).toBe('expert-04');
    expect(replacementFor(r, 'A02010104', [...chain, 'expert-06'])).toBeNull();
    expect(seatedAfterDeclines(r, [...chain, 'expert-06'])[0]?.seated).toEqual(['expert-04', 'expert-03']);
    expect(() => replacementFor(r, 'A02010104', ['expert-02'])).toThrow('不在 A02010104 组的在席名单中');
    expect(() => replacementFor(r, 'A02010104', [])).toThrow(DrawError);
  });

  it('never hands a slot someone who sits in another slot', () => {
    const r: DrawResult = {
      seed: '00'.repeat(32),
      slots: [
        { key: 'A', order: ['a1', 'a2', 'b1', 'x'], selected: ['a1'], alternates: ['a2'] },
        { key: 'B', order: ['b1', 'x', 'y'], selected: ['b1'], alternates: ['x'] },
      ],
    };
    expect(replacementFor(r, 'A', ['a1', 'a2'])).toBe('x');
    expect(replacementFor(r, 'B', ['a1', 'a2', 'b1'])).toBe('y');
  });

  it('orders every bidder for a tie-break or the 合理定价 lottery with one slot', async () => {
    const bidders = ids(5, 'supplier-');
    const inputs = await revealed({
      purpose: 'lottery',
      subject: 'lot-1',
      slots: [slot('winner', 1, bidders.length - 1, bidders)],
    });
    const [s] = (await runDraw(inputs)).slots;
    expect(s?.selected).toHaveLength(1);
    expect([...(s?.selected ?? []), ...(s?.alternates ?? [])]).toEqual(s?.order);
    expect([...(s?.order ?? [])].sort()).toEqual(bidders);
  });

  it('verifies the exported example the CLI test replays', async () => {
    const record = drawExportSchema.parse(
      JSON.parse(await readFile('test/fixtures/draw-example.json', 'utf8')),
    );
    expect(await verifyDraw(record.inputs, record.result)).toEqual({ ok: true });
  });
});

// ── fairness: 10 000 seeded draws with recusal ────────────────────────────────────────────────────────

/** mulberry32: a small deterministic PRNG for generating the test's conflicts (not the draw's randomness). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Upper χ² quantile by Wilson–Hilferty: k (1 − 2/(9k) + z √(2/(9k)))³, z the normal quantile. For p = 0.001,
 * z = 3.090232; for k = 19 it gives 43.95 against the tabulated 43.820 (NIST/SEMATECH e-Handbook 1.3.6.7.4),
 * within 0.3 %.
 */
const chiSquareCritical = (k: number, z = 3.090232): number =>
  k * (1 - 2 / (9 * k) + z * Math.sqrt(2 / (9 * k))) ** 3;

const pearson = (observed: number[]): number => {
  const expected = observed.reduce((a, b) => a + b, 0) / observed.length;
  return observed.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
};

const DAY = '2026-03-23';
const BIDDERS: PartyFacts = {
  bidders: [1, 2, 3].map((k) => ({
    supplierId: `supplier-${k}`,
    name: `云岭县第${k}电脑科技有限公司`,
    creditCode: `91530000MA6K${k}XXXXX`,
    people: [
      { name: `法人${k}`, role: 'legalRepresentative' },
      { name: `股东${k}`, role: 'shareholder' },
    ],
  })),
  purchasers: [{ name: '云岭县第一中学', creditCode: '12530000431234567X' }],
};

/** Facts for one of the sometimes-conflicted experts: a random kind of tie, some of which recuse. */
function randomFacts(
  expertId: string,
  rnd: () => number,
): { facts: ExpertConflictFacts; conflicted: boolean } {
  const k = 1 + Math.floor(rnd() * 3);
  const base: ExpertConflictFacts = { expertId, employer: '云南大学', employments: [], relations: [] };
  switch (Math.floor(rnd() * 8)) {
    case 0: // left a bidder 2 years ago — recused
      base.employments.push({
        employer: `云岭县第${k}电脑科技有限责任公司`,
        creditCode: null,
        position: '工程师',
        startedOn: '2015-01-01',
        endedOn: '2024-06-30',
      });
      return { facts: base, conflicted: true };
    case 1: // left a bidder 4 years ago — not recused
      base.employments.push({
        employer: `云岭县第${k}电脑科技有限公司`,
        creditCode: null,
        position: '工程师',
        startedOn: '2015-01-01',
        endedOn: '2022-03-22',
      });
      return { facts: base, conflicted: false };
    case 2: // a bidder's supervisor (监事), matched by credit code — recused
      base.employments.push({
        employer: '另一个名字',
        creditCode: `91530000MA6K${k}XXXXX`,
        position: '监事',
        startedOn: '2020-01-01',
        endedOn: null,
      });
      return { facts: base, conflicted: true };
    case 3: // a relative who is a bidder's shareholder — recused
      base.relations.push({
        kind: 'relative',
        name: `股东${k}`,
        relation: '配偶',
        organisation: null,
        creditCode: null,
      });
      return { facts: base, conflicted: true };
    case 4: // a relative elsewhere — not recused
      base.relations.push({
        kind: 'relative',
        name: '王某',
        relation: '兄弟',
        organisation: '昆明某公司',
        creditCode: null,
      });
      return { facts: base, conflicted: false };
    case 5: // declared conflict with a bidder — recused
      base.relations.push({
        kind: 'conflict',
        name: `云岭县第${k}电脑科技有限公司`,
        relation: '曾为其提供咨询',
        organisation: null,
        creditCode: null,
      });
      return { facts: base, conflicted: true };
    case 6: // works for the purchaser — recused (may sit only as purchaser's representative)
      return { facts: { ...base, employer: '云岭县第一中学' }, conflicted: true };
    default:
      return { facts: base, conflicted: false };
  }
}

describe('fairness over 10 000 seeded draws, recusal honoured in each', () => {
  it('never selects a recused expert; selection and first-pick frequencies pass χ² at p = 0.001', async () => {
    const DRAWS = 10_000;
    const POOL = ids(30, 'e-');
    const ALWAYS = POOL.slice(0, 20);
    const serverSeed = 'a5'.repeat(32);
    const serverCommitment = await commitSeed(serverSeed);
    const selectedCount = new Map(ALWAYS.map((id) => [id, 0]));
    const firstCount = new Map(ALWAYS.map((id) => [id, 0]));
    const recusedSeen = new Map<string, number>();
    let drawsWithRecusal = 0;

    for (let i = 0; i < DRAWS; i++) {
      const rnd = prng(i + 1);
      const recused = new Set<string>();
      for (const id of POOL) {
        const generated = ALWAYS.includes(id)
          ? {
              facts: { expertId: id, employer: '云南大学', employments: [], relations: [] },
              conflicted: false,
            }
          : randomFacts(id, rnd);
        const reasons = recusalReasons(generated.facts, BIDDERS, DAY);
        if (reasons.length > 0 !== generated.conflicted) throw new Error(`draw ${i}: ${id} misjudged`);
        for (const r of reasons) recusedSeen.set(r.code, (recusedSeen.get(r.code) ?? 0) + 1);
        if (reasons.length > 0) recused.add(id);
      }
      if (recused.size > 0) drawsWithRecusal++;
      const inputs: DrawInputs = {
        algorithm: DRAW_ALGORITHM,
        purpose: 'committee',
        projectId: 'ZC2026-0042',
        subject: 'committee',
        serverCommitment,
        serverSeed,
        supervisorInput: `input-${i}`,
        slots: [
          slot(
            'A02010104',
            5,
            2,
            POOL.filter((id) => !recused.has(id)),
          ),
        ],
      };
      const [s] = (await runDraw(inputs)).slots;
      if (!s) throw new Error('no slot');
      for (const id of [...s.selected, ...s.alternates]) {
        if (recused.has(id)) throw new Error(`draw ${i}: recused ${id} was drawn`);
      }
      for (const id of s.selected)
        if (selectedCount.has(id)) selectedCount.set(id, (selectedCount.get(id) ?? 0) + 1);
      const first = s.order[0] ?? '';
      if (firstCount.has(first)) firstCount.set(first, (firstCount.get(first) ?? 0) + 1);
    }

    expect(drawsWithRecusal).toBeGreaterThan(DRAWS * 0.9);
    expect([...recusedSeen.keys()].sort()).toEqual([
      'DECLARED_CONFLICT',
      'DIRECTOR_OF_BIDDER',
      'EMPLOYED_BY_BIDDER',
      'EMPLOYER_IS_PURCHASER',
      'RELATIVE_OF_BIDDER',
    ]);

    // The always-eligible experts, conditional on how many seats (or first picks) they took between them,
    // should share them equally: Pearson's statistic, 20 cells, 19 degrees of freedom. Within a draw the
    // five seats are drawn without replacement, which only narrows the statistic's spread (a conservative
    // test); first picks are one per draw, exactly multinomial.
    const critical = chiSquareCritical(19);
    expect(critical).toBeCloseTo(43.82, 0);
    const selection = pearson([...selectedCount.values()]);
    const firstPick = pearson([...firstCount.values()]);
    console.info(
      `χ²(19) selection = ${selection.toFixed(2)}, first pick = ${firstPick.toFixed(2)}, critical (p = 0.001) = ${critical.toFixed(2)}`,
    );
    expect(selection).toBeLessThan(critical);
    expect(firstPick).toBeLessThan(critical);
  }, 60_000);
});
