/**
 * 人民币金额大写, as contracts, award letters and notices write amounts beside the figures (中国人民银行《支付结算办法》
 * 附件 正确填写票据和结算凭证的基本规定: 壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分零整; "元"后无角分的写"整"; 中间连续的零只写
 * 一个"零"; 万、亿位为零而其后有数时写"零"). Exact from integer fen.
 */
const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const SMALL_UNITS = ['仟', '佰', '拾', ''] as const;
const BIG_UNITS = ['', '万', '亿', '万亿'] as const;

function groupText(g: number): string {
  const digits = [Math.floor(g / 1000), Math.floor(g / 100) % 10, Math.floor(g / 10) % 10, g % 10];
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      if (out) zero = true;
      return;
    }
    if (zero) out += '零';
    out += `${DIGITS[d]}${SMALL_UNITS[i]}`;
    zero = false;
  });
  return out;
}

function integerText(n: bigint): string {
  const groups: number[] = [];
  for (let rest = n; rest > 0n; rest /= 10000n) groups.push(Number(rest % 10000n));
  if (groups.length > BIG_UNITS.length) throw new RangeError(`amount too large for 大写: ${n}`);
  let out = '';
  let gap = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i] ?? 0;
    if (g === 0) {
      gap = out !== '';
      continue;
    }
    if (out && (gap || g < 1000)) out += '零';
    out += `${groupText(g)}${BIG_UNITS[i]}`;
    gap = false;
  }
  return out;
}

/** 大写 of an amount in fen, e.g. 1234500000n → 壹仟贰佰叁拾肆万伍仟元整. */
export function rmbCapitals(fen: bigint): string {
  if (fen < 0n) return `负${rmbCapitals(-fen)}`;
  const yuan = fen / 100n;
  const jiao = Number((fen / 10n) % 10n);
  const cents = Number(fen % 10n);
  if (fen === 0n) return '零元整';
  let out = yuan > 0n ? `${integerText(yuan)}元` : '';
  if (jiao === 0 && cents === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0n) out += '零';
  if (cents > 0) out += `${DIGITS[cents]}分`;
  else out += '整';
  return out;
}
