/**
 * OCDS values from the platform's own: amounts in yuan from integer fen, and RFC 3339 instants from instants and
 * from Asia/Shanghai calendar days.
 */

/** The decimal yuan text of an amount in fen, exactly: "12345.67", "-0.05", "100". */
export function yuanText(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  const whole = (abs / 100n).toString();
  const cents = (abs % 100n).toString().padStart(2, '0');
  const frac = cents === '00' ? '' : cents.endsWith('0') ? `.${cents[0] ?? ''}` : `.${cents}`;
  return `${sign}${whole}${frac}`;
}

/**
 * The amount as a JSON number of yuan. The decimal is made with integer arithmetic and only then read as a
 * number; it is refused unless the number prints back as the same decimal (every amount below 10 万亿元 does), so
 * a reader of the JSON gets exactly the fen the platform holds.
 */
export function yuanNumber(fen: bigint): number {
  const text = yuanText(fen);
  const n = Number(text);
  if (String(n) !== text) throw new RangeError(`金额超出可精确表示的范围：${text} 元`);
  return n;
}

export const cny = (fen: bigint) => ({ amount: yuanNumber(fen), currency: 'CNY' as const });

/** An instant as OCDS writes dates: RFC 3339 in UTC. */
export const iso = (d: Date): string => d.toISOString();

/** The start of an Asia/Shanghai calendar day ('YYYY-MM-DD') as an RFC 3339 instant. */
export const dayStart = (day: string): string => `${day}T00:00:00+08:00`;

/** The instant a fact known only by its Shanghai day is surely public: the end of that day. */
export const dayEnd = (day: string): Date => new Date(`${day}T23:59:59.999+08:00`);
