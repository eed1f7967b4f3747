// Amounts cross the wire as strings of integer fen. They are formatted with BigInt and typed amounts are
// converted with string arithmetic, so no amount ever passes through a float.

const grouped = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function parts(fen: string): { negative: boolean; value: bigint } | null {
  if (!/^-?\d+$/.test(fen)) return null;
  const value = BigInt(fen);
  return value < 0n ? { negative: true, value: -value } : { negative: false, value };
}

/** `72000000` (fen) → `720,000.00` (元). */
export function formatYuan(fen: string): string {
  const p = parts(fen);
  if (!p) return fen;
  const cents = (p.value % 100n).toString().padStart(2, '0');
  return `${p.negative ? '-' : ''}${grouped((p.value / 100n).toString())}.${cents}`;
}

/** `72000000` (fen) → `72.00` (万元), rounded half up to the hundredth of 万元 (100 元). */
export function formatWan(fen: string): string {
  const p = parts(fen);
  if (!p) return fen;
  const hundredths = (p.value + 5_000n) / 10_000n;
  const decimals = (hundredths % 100n).toString().padStart(2, '0');
  return `${p.negative ? '-' : ''}${grouped((hundredths / 100n).toString())}.${decimals}`;
}

/** A typed amount in 元 with at most two decimals → integer fen as a string; null when it is not such an amount. */
export function yuanToFen(input: string): string | null {
  const m = /^(\d{1,14})(?:\.(\d{0,2}))?$/.exec(input.trim().replace(/,/g, ''));
  if (!m) return null;
  const digits = `${m[1] ?? ''}${(m[2] ?? '').padEnd(2, '0')}`.replace(/^0+/, '');
  return digits || '0';
}
