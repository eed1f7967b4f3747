// Amounts typed in 亿元 or 万元 become integer fen by string arithmetic, and fen become chart values in 万元 the same
// way: no amount passes through a float division (ARCHITECTURE.md "Money").

export type AmountUnit = 'yi' | 'wan';

/** Decimal places of each unit that still name whole fen: 1亿元 = 10^10 分, 1万元 = 10^6 分. */
const UNIT_DIGITS: Record<AmountUnit, number> = { yi: 10, wan: 6 };
export const UNIT_LABELS: Record<AmountUnit, string> = { yi: '亿元', wan: '万元' };

/** "1.5" 亿元 → "15000000000" fen; null when it is not a positive amount with at most the unit's decimals. */
export function amountToFen(input: string, unit: AmountUnit): string | null {
  const digits = UNIT_DIGITS[unit];
  const m = new RegExp(`^(\\d{1,12})(?:\\.(\\d{0,${digits}}))?$`).exec(input.trim().replace(/,/g, ''));
  if (!m) return null;
  const fen = `${m[1] ?? ''}${(m[2] ?? '').padEnd(digits, '0')}`.replace(/^0+/, '');
  return fen && /^[1-9]\d{0,15}$/.test(fen) ? fen : null;
}

/** Integer fen → the amount in the unit, trailing zeros dropped: "15000000000" → "1.5" (亿元). */
export function fenToAmount(fen: string, unit: AmountUnit): string {
  const digits = UNIT_DIGITS[unit];
  const s = fen.replace(/^-/, '').padStart(digits + 1, '0');
  const frac = s.slice(-digits).replace(/0+$/, '');
  return `${fen.startsWith('-') ? '-' : ''}${s.slice(0, -digits)}${frac ? `.${frac}` : ''}`;
}

/** "10" or "12.5" (%) → basis points; null unless 0–100 with at most two decimals. */
export function percentToBp(input: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{0,2}))?$/.exec(input.trim());
  if (!m) return null;
  const bp = Number(`${m[1] ?? '0'}${(m[2] ?? '').padEnd(2, '0')}`);
  return bp <= 10_000 ? bp : null;
}

/** Basis points → the percent as typed: 1000 → "10", 1250 → "12.5". */
export function bpToPercent(bp: number): string {
  const frac = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${Math.trunc(bp / 100)}${frac ? `.${frac}` : ''}`;
}

/** Fen as a chart value in 万元: the double nearest the exact six-decimal figure. */
export function wanValue(fen: string): number {
  const neg = fen.startsWith('-');
  const digits = (neg ? fen.slice(1) : fen).padStart(7, '0');
  return Number(`${neg ? '-' : ''}${digits.slice(0, -6)}.${digits.slice(-6)}`);
}

/** Basis points as a chart value in percent: 1323 → 13.23. */
export function bpValue(bp: number): number {
  return Number(
    `${bp < 0 ? '-' : ''}${Math.trunc(Math.abs(bp) / 100)}.${String(Math.abs(bp) % 100).padStart(2, '0')}`,
  );
}

/** The unit an amount is written in: 亿元 from one 亿 up, else 万元. */
export const amountUnit = (fen: string): AmountUnit =>
  BigInt(fen.replace(/^-/, '')) >= 10n ** 10n ? 'yi' : 'wan';

/** Fen as an exact amount, unrounded, in its unit: "4.31716亿元", "5712.3万元". */
export function exactAmount(fen: string): string {
  const unit = amountUnit(fen);
  return `${fenToAmount(fen, unit)}${UNIT_LABELS[unit]}`;
}
