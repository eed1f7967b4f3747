/**
 * Prices in evaluation (RULES.md §4.1, §5): the arithmetic correction of a bid's price (87号令 第五十九条), the
 * policy deductions that turn it into the evaluated price (46号; 19号; 国办发〔2025〕34号), and the low-price-first
 * price score (87号令 第五十五条; 214号 第二十四条).
 *
 * Money is integer fen (`bigint`); rates are basis points. Deductions of a rate in basis points can leave a
 * fraction of a fen (12345 fen × 10% = 1234.5 fen): we never round those. The evaluated price is kept as an exact
 * rational (`evaluated`), and that exact value is what the benchmark, the score and the ranking use; the
 * `…Fen: bigint` fields beside them are the same values rounded half-up to the fen, for display only.
 * Scores are exact rationals, rounded half-up to the number of decimals the documents state (default 2) only
 * for display and ranking as the documents say.
 */
import {
  add,
  cmp,
  div,
  fractionText,
  mul,
  parseDecimal,
  ratio,
  roundScaled,
  scaledText,
  sum,
  type Ratio,
} from './ratio.ts';
import { CATEGORY_LABELS, type Category, type SmePolicy } from './types.ts';

// ── 大写金额 ───────────────────────────────────────────────────────────────────────────────────────────

const DIGITS: Record<string, bigint> = {
  零: 0n,
  〇: 0n,
  壹: 1n,
  一: 1n,
  贰: 2n,
  貳: 2n,
  二: 2n,
  两: 2n,
  叁: 3n,
  參: 3n,
  三: 3n,
  肆: 4n,
  四: 4n,
  伍: 5n,
  五: 5n,
  陆: 6n,
  陸: 6n,
  六: 6n,
  柒: 7n,
  七: 7n,
  捌: 8n,
  八: 8n,
  玖: 9n,
  九: 9n,
};
const SMALL_UNITS: Record<string, bigint> = {
  拾: 10n,
  十: 10n,
  佰: 100n,
  百: 100n,
  仟: 1000n,
  千: 1000n,
};
const YUAN = new Set(['元', '圆', '圓']);
const WHOLE = new Set(['整', '正']);

/** Parses the whole-yuan part ("壹拾贰万叁仟肆佰伍拾陆"); null when malformed. */
function parseYuan(text: string): bigint | null {
  let total = 0n; // completed 亿 groups and below
  let wanGroup = 0n; // completed 万 group within the current 亿 group
  let section = 0n; // below 万
  let digit: bigint | null = null;
  let lastUnit = 10000n; // units inside a section must descend: 仟 > 佰 > 拾
  let afterZero = false;
  for (const ch of text) {
    if (ch in DIGITS) {
      const d = DIGITS[ch] ?? 0n;
      if (d === 0n) {
        if (digit !== null) return null; // "伍零" — a digit with no unit before the 零
        afterZero = true;
        continue;
      }
      if (digit !== null) return null; // two digits in a row
      digit = d;
    } else if (ch in SMALL_UNITS) {
      const unit = SMALL_UNITS[ch] ?? 1n;
      if (unit >= lastUnit) return null;
      // A bare 拾 at the head of a section means 壹拾 ("拾万元" = 100000 元).
      if (digit === null && !(unit === 10n && section === 0n && !afterZero)) return null;
      section += (digit ?? 1n) * unit;
      digit = null;
      lastUnit = unit;
      afterZero = false;
    } else if (ch === '万' || ch === '萬') {
      const group = section + (digit ?? 0n);
      if (group === 0n || wanGroup !== 0n) return null; // "万" with nothing before it, or a second 万 in a group
      wanGroup = group;
      section = 0n;
      digit = null;
      lastUnit = 10000n;
      afterZero = false;
    } else if (ch === '亿' || ch === '億') {
      // "壹万亿" = 10^12: the 万 group before 亿 multiplies too.
      const group = wanGroup * 10000n + section + (digit ?? 0n);
      if (group === 0n || total !== 0n) return null; // one 亿 only (万亿 goes through the 万 group)
      total = (total + group) * 100_000_000n;
      wanGroup = 0n;
      section = 0n;
      digit = null;
      lastUnit = 10000n;
      afterZero = false;
    } else {
      return null;
    }
  }
  return total + wanGroup * 10000n + section + (digit ?? 0n);
}

/**
 * 大写金额 → fen, e.g. "人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分" → 12345678n, "壹万零伍元整" → 1000500n; 圆 is read
 * as 元, 整/正 may close the amount. Lower-case numerals (一二三, 十百千) are accepted as well, since they are
 * unambiguous. Null when the text is not a well-formed amount (two digits in a row, units out of order, an
 * unknown character, nothing but a prefix …).
 */
export function parseChineseAmount(words: string): bigint | null {
  let text = words.replace(/[\s\u3000]/g, '');
  text = text.replace(/^(人民币|人民幣)?[(（]?(大写|大寫)?[)）]?[:：]?/, '');
  text = text.replace(/^(人民币|人民幣)[:：]?/, '');
  if (text.length === 0) return null;
  if (WHOLE.has(text.at(-1) ?? '')) text = text.slice(0, -1);
  if (text.length === 0) return null;

  const chars = [...text];
  const yuanAt = chars.findIndex((c) => YUAN.has(c));
  let yuan = 0n;
  let rest = chars;
  if (yuanAt >= 0) {
    const head = chars.slice(0, yuanAt).join('');
    const parsed = head === '' || head === '零' ? 0n : parseYuan(head);
    if (parsed === null) return null;
    yuan = parsed;
    rest = chars.slice(yuanAt + 1);
  }
  // After 元 (or alone): [零] [d 角] [零] [d 分].
  let jiao = 0n;
  let fen = 0n;
  let i = 0;
  let stage = 0; // 0 = before 角, 1 = after 角, 2 = after 分
  let digit: bigint | null = null;
  while (i < rest.length) {
    const ch = rest[i] ?? '';
    i++;
    if (ch in DIGITS) {
      const d = DIGITS[ch] ?? 0n;
      if (digit !== null) return null;
      if (d === 0n) continue; // 零 as a placeholder: "伍元零伍分"
      digit = d;
    } else if (ch === '角' && stage === 0 && digit !== null) {
      jiao = digit;
      digit = null;
      stage = 1;
    } else if (ch === '分' && stage < 2 && digit !== null) {
      fen = digit;
      digit = null;
      stage = 2;
    } else {
      return null;
    }
  }
  if (digit !== null) return null; // a trailing digit without 角 or 分
  if (yuanAt < 0 && stage === 0) return null; // no 元, 角 or 分 at all
  return yuan * 100n + jiao * 10n + fen;
}

// ── 87号令 第五十九条: arithmetic correction ───────────────────────────────────────────────────────────

export interface PriceLine {
  unitFen: bigint;
  /** An integer count, or a decimal text such as "2.5" (tonnes, hours…). */
  quantity: bigint | string;
  /** The total written on that line. */
  totalFen: bigint;
}

export interface CorrectionInput {
  /** 开标一览表（报价表）total as read out at opening (its 小写 figure). */
  summaryFen: bigint | null;
  /** The corresponding total elsewhere in the bid (body, 分项报价表 sum as written). */
  bodyFen?: bigint | null;
  /** 大写 amount of the 开标一览表 total, parsed with parseChineseAmount. */
  wordsFen?: bigint | null;
  /** 小写 amount the 大写 belongs to; defaults to summaryFen. */
  figuresFen?: bigint | null;
  /** 分项报价 lines: unit price × quantity = line total. */
  lines?: readonly PriceLine[];
}

export interface CorrectionStep {
  rule: 1 | 2 | 3 | 4;
  message: string;
  fromFen: bigint;
  toFen: bigint;
  /** For rule 3: the 0-based line whose unit price was changed. */
  line?: number;
}

export interface CorrectionResult {
  priceFen: bigint;
  steps: CorrectionStep[];
  /** 87号令 第五十九条 第二款: a corrected price binds only once the bidder confirms it; unconfirmed → bid void. */
  needsBidderConfirmation: boolean;
}

const fenText = (fen: bigint): string => `${scaledText(fen, 2)} 元`;

function quantityOf(q: bigint | string, line: number): Ratio {
  if (typeof q === 'bigint') return ratio(q);
  const r = parseDecimal(q);
  if (r === null || r.num <= 0n)
    throw new RangeError(`line ${line}: quantity is not a positive decimal: ${q}`);
  return r;
}

/** The k (|k| ≤ 6, k ≠ 0) with a × 10^k = b exactly, or null. */
function decimalShift(a: Ratio, b: Ratio): number | null {
  if (a.num === 0n || b.num === 0n) return null;
  for (let k = 1; k <= 6; k++) {
    const p = ratio(10n ** BigInt(k));
    if (cmp(mul(a, p), b) === 0) return k;
    if (cmp(a, mul(b, p)) === 0) return -k;
  }
  return null;
}

const roundFen = (r: Ratio): bigint => roundScaled(r, 0);

/**
 * The bid price after the four corrections of 87号令 第五十九条, applied in the article's order (the documents
 * may provide otherwise — then do not call this):
 *
 * 1. 开标一览表 differs from the body → the 开标一览表 prevails.
 * 2. 大写 differs from 小写 → the 大写 prevails (figuresFen defaults to the summary figure).
 * 3. A unit price with an obvious misplaced decimal point → "以开标一览表的总价为准，并修改单价". We read
 *    "obvious" strictly: unit × quantity differs from the line's written total by an exact power of ten
 *    (10¹…10⁶, either way). Then the written total stands and the unit price becomes total ÷ quantity (shown
 *    rounded half-up to the fen; the line keeps its written total exactly). Any other mismatch is not a
 *    decimal slip and is left to rule 4.
 * 4. The total differs from the sum of unit price × quantity → the unit prices prevail: the price becomes
 *    Σ unit × quantity (after rule 3), rounded half-up to the fen only if a decimal quantity leaves a fraction.
 *
 * Every step that changed something is listed; any step means the bidder must confirm (第五十九条 第二款).
 */
export function correctPrice(o: CorrectionInput): CorrectionResult {
  const steps: CorrectionStep[] = [];
  const body = o.bodyFen ?? null;
  const words = o.wordsFen ?? null;
  let price = o.summaryFen ?? words ?? o.figuresFen ?? body;

  if (o.summaryFen !== null && body !== null && body !== o.summaryFen) {
    steps.push({
      rule: 1,
      message: `投标文件中开标一览表（报价表）内容 ${fenText(o.summaryFen)} 与投标文件中相应内容 ${fenText(body)} 不一致，以开标一览表（报价表）为准（87号令第五十九条第一项）`,
      fromFen: body,
      toFen: o.summaryFen,
    });
  }

  const figures = o.figuresFen ?? o.summaryFen ?? null;
  if (words !== null && figures !== null && words !== figures) {
    steps.push({
      rule: 2,
      message: `大写金额 ${fenText(words)} 与小写金额 ${fenText(figures)} 不一致，以大写金额为准（87号令第五十九条第二项）`,
      fromFen: figures,
      toFen: words,
    });
    price = words;
  }

  const lines = o.lines ?? [];
  if (lines.length > 0) {
    const lineTotals: Ratio[] = lines.map((l, i) => {
      const q = quantityOf(l.quantity, i);
      const computed = mul(ratio(l.unitFen), q);
      const written = ratio(l.totalFen);
      if (cmp(computed, written) === 0) return computed;
      const k = decimalShift(computed, written);
      if (k === null) return computed; // not a decimal slip: rule 4 lets the unit price prevail
      const unit = div(written, q);
      steps.push({
        rule: 3,
        message: `第 ${i + 1} 项单价 ${fenText(l.unitFen)} 小数点明显错位（单价×数量与该项总价相差 10 的 ${Math.abs(k)} 次方倍），以总价为准，单价修正为 ${fenText(roundFen(unit))}（87号令第五十九条第三项）`,
        fromFen: l.unitFen,
        toFen: roundFen(unit),
        line: i,
      });
      return written;
    });
    const fromUnits = sum(lineTotals);
    if (price === null || cmp(fromUnits, ratio(price)) !== 0) {
      const to = roundFen(fromUnits);
      if (price !== null && to !== price) {
        steps.push({
          rule: 4,
          message: `总价金额 ${fenText(price)} 与按单价汇总金额 ${fenText(to)} 不一致，以单价金额计算结果为准（87号令第五十九条第四项）${fromUnits.den === 1n ? '' : `；按单价计算结果 ${fractionText(fromUnits)} 分，四舍五入至分`}`,
          fromFen: price,
          toFen: to,
        });
      }
      price = to;
    }
  }

  if (price === null)
    throw new RangeError('no price to correct: summary, body, words and lines are all missing');
  return { priceFen: price, steps, needsBidderConfirmation: steps.length > 0 };
}

// ── Policy deductions (RULES.md §5) ───────────────────────────────────────────────────────────────────

/** 本国产品 20% deduction applies from this day (国办发〔2025〕34号). */
export const DOMESTIC_FROM = '2026-01-01';
export const DOMESTIC_RATE_BP = 2000;
/** 46号: a consortium or subcontract whose small/micro share is at least 30% gets the consortium rate. */
export const CONSORTIUM_MIN_SHARE_BP = 3000;

export interface PolicyBidder {
  /** Declared small/micro (中小企业声明函; 监狱企业 and 残疾人福利性单位 count as small/micro). */
  smallMicro: boolean;
  /** The small/micro members' or subcontractors' share of the contract, when the bid is a consortium/subcontract. */
  consortiumSmallMicroShareBp?: number | null;
  /** Declares its offer 本国产品 (goods: ≥80% of the cost domestic for a multi-product package); null = silent. */
  domesticProduct: boolean | null;
}

export interface EvaluatedPriceInput {
  priceFen: bigint;
  category: Category;
  sme: SmePolicy;
  bidder: PolicyBidder;
  /** The documents apply the 本国产品 preference (requirements.domesticProduct). */
  domesticPolicy: boolean;
  /** The day the documents were issued — the rule in force then applies. */
  day: string;
}

export interface Deduction {
  kind: 'sme' | 'consortium' | 'domestic';
  rateBp: number;
  /** The exact deduction in fen: price × rate ÷ 10000. */
  amount: Ratio;
  /** The same, rounded half-up to the fen, for display. */
  amountFen: bigint;
  basis: string;
}

export interface EvaluatedPrice {
  /** Exact evaluated price in fen; use this for benchmarks, scores and ranking. */
  evaluated: Ratio;
  /** The evaluated price rounded half-up to the fen, for display. */
  evaluatedFen: bigint;
  /** Audit text of the exact value: "1111050" or "22221/2". */
  evaluatedExact: string;
  deductions: Deduction[];
}

function checkBp(rate: number, what: string): void {
  if (!Number.isInteger(rate) || rate < 0 || rate > 10000)
    throw new RangeError(`${what}: not 0..10000 bp: ${rate}`);
}

/**
 * The price used in evaluation after the policy deductions: 小微企业 (46号 第九条; 19号: goods/services 10–20%,
 * works 3–5%), 联合体/分包 with ≥30% small/micro share (19号: 4–6%; works 1–2%), and 本国产品 20% from 2026-01-01
 * (国办发〔2025〕34号; 财库〔2025〕30号). The rates themselves come from the documents and were validated against
 * those ranges when the documents were made.
 *
 * - SME deductions apply only when the documents chose `deduction`; a package reserved for SMEs has none (46号).
 * - A bidder that is itself small/micro gets the small/micro rate; otherwise a consortium with ≥30% small/micro
 *   share gets the consortium rate — never both.
 * - Every deduction is computed on the original price and they add up (国办发〔2025〕34号: 与中小企业价格扣除叠加，
 *   均以原报价计算): price × (1 − Σ rates), never price × (1 − a) × (1 − b).
 */
export function evaluatedPrice(o: EvaluatedPriceInput): EvaluatedPrice {
  if (o.priceFen <= 0n) throw new RangeError('price must be positive');
  const price = ratio(o.priceFen);
  const deductions: Deduction[] = [];
  const deduct = (kind: Deduction['kind'], rateBp: number, basis: string): void => {
    checkBp(rateBp, kind);
    if (rateBp === 0) return;
    const amount = mul(price, ratio(BigInt(rateBp), 10000n));
    deductions.push({ kind, rateBp, amount, amountFen: roundFen(amount), basis });
  };

  const label = CATEGORY_LABELS[o.category];
  if (o.sme.mode === 'deduction') {
    const share = o.bidder.consortiumSmallMicroShareBp ?? null;
    if (o.bidder.smallMicro) {
      deduct(
        'sme',
        o.sme.smallMicroRateBp,
        `小微企业${label}报价给予 ${scaledText(BigInt(o.sme.smallMicroRateBp), 2)}% 的价格扣除，用扣除后的价格参加评审（财库〔2020〕46号第九条；财库〔2022〕19号）`,
      );
    } else if (share !== null && share >= CONSORTIUM_MIN_SHARE_BP && o.sme.consortiumRateBp !== null) {
      deduct(
        'consortium',
        o.sme.consortiumRateBp,
        `联合体或分包中小微企业合同份额占 ${scaledText(BigInt(share), 2)}%（不低于30%），给予 ${scaledText(BigInt(o.sme.consortiumRateBp), 2)}% 的价格扣除（财库〔2020〕46号第九条；财库〔2022〕19号）`,
      );
    }
  }
  if (o.domesticPolicy && o.bidder.domesticProduct === true && o.day >= DOMESTIC_FROM) {
    deduct(
      'domestic',
      DOMESTIC_RATE_BP,
      '本国产品给予 20% 的价格扣除，与中小企业价格扣除叠加，均以原报价计算（国办发〔2025〕34号，2026年1月1日起施行）',
    );
  }
  const totalBp = deductions.reduce((s, d) => s + d.rateBp, 0);
  if (totalBp >= 10000) throw new RangeError(`deductions add up to ${totalBp} bp`);
  const evaluated = ratio(o.priceFen * BigInt(10000 - totalBp), 10000n);
  return {
    evaluated,
    evaluatedFen: roundFen(evaluated),
    evaluatedExact: fractionText(evaluated),
    deductions,
  };
}

// ── Price score (87号令 第五十五条; 214号 第二十四条) ──────────────────────────────────────────────────

export interface PricedBid {
  bidId: string;
  /** Evaluated price in fen; ignored when `evaluated` (exact) is given. */
  evaluatedFen: bigint;
  evaluated?: Ratio;
}

export interface PriceScore {
  bidId: string;
  /** Exact price score in points of 100. */
  exact: Ratio;
  /** Audit text "num/den". */
  exactText: string;
  /** Rounded half-up to `decimals`: "27.35". */
  rounded: string;
  /** The rounded score as an integer count of 10^-decimals points (2735n for "27.35"). */
  roundedScaled: bigint;
}

export interface PriceScores {
  benchmark: Ratio;
  /** The benchmark rounded half-up to the fen, for display. */
  benchmarkFen: bigint;
  decimals: number;
  scores: PriceScore[];
}

export const priceOf = (b: PricedBid): Ratio => b.evaluated ?? ratio(b.evaluatedFen);

/**
 * 低价优先法 (87号令 第五十五条; 214号 第二十四条): 评标基准价 = the lowest evaluated price among the bids given (the
 * caller passes only bids that passed the qualification and compliance checks, and prices after correction and
 * deductions); 价格分 = 基准价 ÷ 评审价 × 价格权值 × 100, weightBp being the price weight (3000 bp = 30 points).
 * The lowest bid gets the full weight. Average-price or trimmed bases are unlawful and not offered.
 */
export function priceScores(o: {
  bids: readonly PricedBid[];
  weightBp: number;
  decimals?: number;
}): PriceScores {
  checkBp(o.weightBp, 'weightBp');
  const decimals = o.decimals ?? 2;
  if (o.bids.length === 0) throw new RangeError('no bids to score');
  const prices = o.bids.map(priceOf);
  for (const p of prices) if (p.num <= 0n) throw new RangeError('evaluated prices must be positive');
  const benchmark = prices.reduce((m, p) => (cmp(p, m) < 0 ? p : m));
  const weight = ratio(BigInt(o.weightBp), 100n);
  const scores = o.bids.map((b, i) => {
    const exact = mul(div(benchmark, prices[i] ?? benchmark), weight);
    const roundedScaled = roundScaled(exact, decimals);
    return {
      bidId: b.bidId,
      exact,
      exactText: fractionText(exact),
      rounded: scaledText(roundedScaled, decimals),
      roundedScaled,
    };
  });
  return { benchmark, benchmarkFen: roundFen(benchmark), decimals, scores };
}

/** 评标总得分 = F1×A1 + … + Fn×An (87号令 第五十五条): the exact sum of factor scores already in points. */
export function totalScore(parts: readonly Ratio[]): Ratio {
  return parts.reduce(add, ratio(0n));
}

/** A factor's points from its score on a 100-point scale and its weight in bp: F × A. */
export function weightedScore(score100: Ratio, weightBp: number): Ratio {
  checkBp(weightBp, 'weightBp');
  return mul(score100, ratio(BigInt(weightBp), 10000n));
}
