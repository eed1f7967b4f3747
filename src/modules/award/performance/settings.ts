/**
 * Settings of this part the composition root may change at start-up (local rules may be stricter than the
 * regulation, RULES.md §12 #10): the SME payment limits of 保障中小企业款项支付条例 第九条.
 */
import { SME_PAYMENT_LIMITS, type SmePaymentLimits } from '../rules/clocks.ts';

let smeLimits: SmePaymentLimits = SME_PAYMENT_LIMITS;

/** Sets the limits, once, from the configuration; refuses limits the regulation does not allow. */
export function setSmePaymentLimits(limits: SmePaymentLimits): void {
  const { defaultDays, maxDays } = limits;
  if (
    !Number.isInteger(defaultDays) ||
    !Number.isInteger(maxDays) ||
    defaultDays < 1 ||
    maxDays < defaultDays
  )
    throw new RangeError(
      `SME payment limits must satisfy 1 ≤ defaultDays ≤ maxDays: ${JSON.stringify(limits)}`,
    );
  if (maxDays > SME_PAYMENT_LIMITS.maxDays || defaultDays > SME_PAYMENT_LIMITS.defaultDays)
    throw new RangeError(
      'local SME payment limits may only be stricter than 30/60 days (保障中小企业款项支付条例第九条)',
    );
  smeLimits = { defaultDays, maxDays };
}

export function smePaymentLimits(): SmePaymentLimits {
  return smeLimits;
}

/** Reads SME_PAYMENT_DEFAULT_DAYS / SME_PAYMENT_MAX_DAYS from an environment, for config.ts. */
export function smePaymentLimitsFrom(env: Record<string, string | undefined>): SmePaymentLimits {
  const n = (v: string | undefined, fallback: number) => {
    if (v === undefined || v === '') return fallback;
    const x = Number(v);
    if (!Number.isInteger(x) || x <= 0) throw new Error(`配置项必须是正整数: ${v}`);
    return x;
  };
  return {
    defaultDays: n(env.SME_PAYMENT_DEFAULT_DAYS, SME_PAYMENT_LIMITS.defaultDays),
    maxDays: n(env.SME_PAYMENT_MAX_DAYS, SME_PAYMENT_LIMITS.maxDays),
  };
}
