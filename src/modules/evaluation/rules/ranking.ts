/**
 * Ranking the compliant bids (RULES.md §4.2): the order of the evaluation result, the tie groups left for the
 * documents' tie rule or a verifiable draw (another module), the same-brand rule, and how many candidates are
 * recommended.
 *
 * Sources: 87号令 第五十六条 (最低评标价法: 按投标报价由低到高，相同的并列), 第五十七条 (综合评分法: 按得分由高到低，
 * 得分相同的按投标报价由低到高，得分且投标报价相同的并列), 第三十一条 (同品牌按一家计算), 第六十八条 (并列: 按招标文件
 * 规定，未规定的随机抽取); 74号令 (谈判/询价: 按最后报价由低到高提出3名以上成交候选人); 214号 (磋商: 按得分由高到低推荐
 * 3名以上成交候选供应商); 招标投标法实施条例 第五十三条 (工程: 不超过3个). Article numbers ⚠️ as in RULES.md.
 *
 * "投标报价" in the tie-break of 第五十七条 is read as the evaluated price (after correction and deductions), the
 * price the evaluation uses everywhere else (46号: 用扣除后的价格参加评审).
 */
import { cmp, ratio, type Ratio } from './ratio.ts';
import { METHOD_LABELS, type Method } from './types.ts';

export interface RankEntry {
  bidId: string;
  /** Evaluated price in fen; ignored when `evaluated` (exact) is given. */
  evaluatedFen: bigint;
  evaluated?: Ratio;
  /** Total score (best value); required for bestValue. */
  score?: Ratio;
  /** Brand of the core product (核心产品), when the package has one. */
  brand?: string | null;
}

export interface RankedBid {
  bidId: string;
  /** Competition ranking: tied bids share a rank, the next rank skips (1, 2, 2, 4). */
  rank: number;
  /** The other bids tied with this one (empty when none). */
  tiedWith: string[];
}

export interface SameBrandGroup {
  /** The brand as the kept bid wrote it. */
  brand: string;
  /** The normalised brand the group was formed on. */
  key: string;
  /** The bid that counts for the brand (provisional when `drawAmong` is not empty: the first of them as given). */
  kept: string;
  /** The brand's other bids: not candidates (bestValue) or void (lowestPrice). */
  others: string[];
  /**
   * The brand's best bids tie (same score and price, or same price): the documents' rule or a random draw picks
   * one (87号令 第三十一条); rank again afterwards with the losers removed. Empty when no tie.
   */
  drawAmong: string[];
}

export interface Ranking {
  order: RankedBid[];
  tieGroups: string[][];
  sameBrand: SameBrandGroup[];
}

/** Brand identity: Unicode NFKC (full-width → half-width), trademark signs dropped, spaces collapsed, case folded. */
export function normalizeBrand(brand: string): string {
  return brand.replace(/[®™©]/g, '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

const priceOf = (e: RankEntry): Ratio => e.evaluated ?? ratio(e.evaluatedFen);

function comparator(method: 'lowestPrice' | 'bestValue'): (a: RankEntry, b: RankEntry) => number {
  return (a, b) => {
    if (method === 'bestValue') {
      const byScore = cmp(b.score ?? ratio(0n), a.score ?? ratio(0n));
      if (byScore !== 0) return byScore;
    }
    return cmp(priceOf(a), priceOf(b));
  };
}

/**
 * The ranking of the given (compliant) bids: lowestPrice by evaluated price ascending; bestValue by score
 * descending, then evaluated price ascending. Bids equal on every key form a tie group. Bids offering the same
 * core-product brand count as one (87号令 第三十一条): only the best of each brand is ranked.
 */
export function rankBids(o: { method: 'lowestPrice' | 'bestValue'; entries: readonly RankEntry[] }): Ranking {
  const compare = comparator(o.method);
  if (o.method === 'bestValue') {
    const missing = o.entries.find((e) => e.score === undefined);
    if (missing) throw new RangeError(`bid ${missing.bidId} has no score under bestValue`);
  }
  const ids = new Set<string>();
  for (const e of o.entries) {
    if (ids.has(e.bidId)) throw new RangeError(`bid ${e.bidId} listed twice`);
    ids.add(e.bidId);
  }

  // Same brand: group by normalised brand, keep the best; stable sort keeps the input order among equals.
  const byBrand = new Map<string, RankEntry[]>();
  for (const e of o.entries) {
    const key = e.brand ? normalizeBrand(e.brand) : '';
    if (key === '') continue;
    byBrand.set(key, [...(byBrand.get(key) ?? []), e]);
  }
  const dropped = new Set<string>();
  const sameBrand: SameBrandGroup[] = [];
  for (const [key, group] of byBrand) {
    if (group.length < 2) continue;
    const sorted = [...group].sort(compare);
    const best = sorted[0] as RankEntry;
    const tied = sorted.filter((e) => compare(e, best) === 0);
    const others = sorted.slice(1).map((e) => e.bidId);
    for (const id of others) dropped.add(id);
    sameBrand.push({
      brand: (best.brand ?? '').trim(),
      key,
      kept: best.bidId,
      others,
      drawAmong: tied.length > 1 ? tied.map((e) => e.bidId) : [],
    });
  }

  const ranked = o.entries.filter((e) => !dropped.has(e.bidId)).sort(compare);
  const order: RankedBid[] = [];
  const tieGroups: string[][] = [];
  for (let i = 0; i < ranked.length;) {
    let j = i + 1;
    while (j < ranked.length && compare(ranked[i] as RankEntry, ranked[j] as RankEntry) === 0) j++;
    const group = ranked.slice(i, j).map((e) => e.bidId);
    if (group.length > 1) tieGroups.push(group);
    for (const id of group) order.push({ bidId: id, rank: i + 1, tiedWith: group.filter((x) => x !== id) });
    i = j;
  }
  return { order, tieGroups, sameBrand };
}

export interface Recommendation {
  /** How many candidates to recommend: exactly (tenders, typical) or at least (`atLeast`). */
  count: number;
  atLeast: boolean;
  basis: string;
}

/**
 * How many candidates the committee recommends. 87号令 leaves the number to the 招标文件 (3 is the usual figure
 * and, for works, the 招标投标法实施条例 第五十三条 maximum); 谈判/询价 recommend 3名以上 成交候选人 by final price
 * ascending (74号令); 磋商 3名以上 成交候选供应商 by score (214号); 单一来源 has the one supplier.
 */
export function recommendation(method: Method): Recommendation {
  switch (method) {
    case 'openTender':
    case 'invitedTender':
      return {
        count: 3,
        atLeast: false,
        basis:
          '中标候选人数量按招标文件规定，通常为3名（87号令；工程不超过3个，招标投标法实施条例第五十三条）',
      };
    case 'negotiation':
    case 'rfq':
      return {
        count: 3,
        atLeast: true,
        basis: `${METHOD_LABELS[method]}按最后报价由低到高的顺序提出3名以上成交候选人（财政部令第74号）`,
      };
    case 'consultation':
      return {
        count: 3,
        atLeast: true,
        basis: '按评审得分由高到低顺序推荐3名以上成交候选供应商（财库〔2014〕214号）',
      };
    case 'singleSource':
      return { count: 1, atLeast: false, basis: '单一来源采购只有一个供应商（政府采购法第三十一条）' };
  }
}

export function recommendedCount(method: Method): number {
  return recommendation(method).count;
}
