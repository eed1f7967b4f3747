/**
 * Exact rational arithmetic for evaluation (prices after deductions, scores, thresholds, quartiles): a value is
 * a `bigint` numerator over a positive `bigint` denominator in lowest terms. No floating point ever touches money
 * or scores (ARCHITECTURE.md, money). Rounding happens only when a value is shown or ranked as the documents say,
 * and is always "四舍五入" (half-up: a tie at .5 goes away from zero); the unrounded value stays available as the
 * fraction text `"num/den"` for the audit trail.
 */

export interface Ratio {
  num: bigint;
  den: bigint;
}

const abs = (a: bigint): bigint => (a < 0n ? -a : a);

function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** num/den in lowest terms with a positive denominator. */
export function ratio(num: bigint, den: bigint = 1n): Ratio {
  if (den === 0n) throw new RangeError('denominator is zero');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

export const ZERO: Ratio = { num: 0n, den: 1n };

export const add = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.num, a.den * b.den);
export function div(a: Ratio, b: Ratio): Ratio {
  if (b.num === 0n) throw new RangeError('division by zero');
  return ratio(a.num * b.den, a.den * b.num);
}
export const sum = (xs: readonly Ratio[]): Ratio => xs.reduce(add, ZERO);

/** -1, 0 or 1, compared exactly by cross-multiplication (denominators are positive). */
export function cmp(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const isInteger = (r: Ratio): boolean => r.den === 1n;

/** The audit text of an exact value: "1234567/12345", or just the integer when the denominator is 1. */
export const fractionText = (r: Ratio): string => (r.den === 1n ? `${r.num}` : `${r.num}/${r.den}`);

/**
 * r rounded to `decimals` places, half-up (四舍五入; a tie goes away from zero), as an integer count of
 * 10^-decimals units: roundScaled(27.345, 2) = 2735n.
 */
export function roundScaled(r: Ratio, decimals: number): bigint {
  if (!Number.isInteger(decimals) || decimals < 0) throw new RangeError(`decimals must be ≥ 0: ${decimals}`);
  const scaled = abs(r.num) * 10n ** BigInt(decimals);
  const q = scaled / r.den;
  const rem = scaled % r.den;
  const rounded = 2n * rem >= r.den ? q + 1n : q;
  return r.num < 0n ? -rounded : rounded;
}

/** A scaled integer (count of 10^-decimals units) as decimal text: (2735n, 2) → "27.35". */
export function scaledText(scaled: bigint, decimals: number): string {
  const negative = scaled < 0n;
  const digits = abs(scaled)
    .toString()
    .padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals);
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${frac}` : ''}`;
}

/** r rounded half-up to `decimals` places, as text with exactly that many decimals. */
export const roundedText = (r: Ratio, decimals: number): string =>
  scaledText(roundScaled(r, decimals), decimals);

/**
 * The exact decimal text when r has a finite decimal expansion (its denominator has no prime factor other than
 * 2 and 5), otherwise the fraction text: 25/4 → "6.25", 20/3 → "20/3".
 */
export function exactText(r: Ratio): string {
  let d = r.den;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  if (d !== 1n) return fractionText(r);
  const places = Math.max(twos, fives);
  return scaledText((r.num * 10n ** BigInt(places)) / r.den, places);
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** An exact rational from decimal text such as "2.5" or "-0.125"; null when the text is not a plain decimal. */
export function parseDecimal(text: string): Ratio | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const frac = m[3] ?? '';
  const num = BigInt(`${m[2]}${frac}`) * (m[1] === '-' ? -1n : 1n);
  return ratio(num, 10n ** BigInt(frac.length));
}

/**
 * A JavaScript number read as the decimal it prints as (7.5 → 15/2, 0.1 → 1/10, not the binary double), so a
 * score typed as 0.1 is exactly one tenth. Non-finite numbers and exponent forms are refused.
 */
export function fromNumber(n: number): Ratio {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const r = parseDecimal(String(n));
  if (r === null) throw new RangeError(`number has no plain decimal form: ${n}`);
  return r;
}

/** Accepts either an exact ratio or a plain number score. */
export const toRatio = (x: Ratio | number): Ratio =>
  typeof x === 'number' ? fromNumber(x) : ratio(x.num, x.den);
