import { afterEach, describe, expect, it } from 'vitest';
import { SME_PAYMENT_LIMITS } from '../rules/clocks.ts';
import { contractPaymentDue } from './due.ts';
import { setSmePaymentLimits, smePaymentLimits, smePaymentLimitsFrom } from './settings.ts';

afterEach(() => setSmePaymentLimits(SME_PAYMENT_LIMITS));

describe('SME payment limits (保障中小企业款项支付条例 第九条; RULES.md §12 #10: local rules may be stricter)', () => {
  it.each<{ env: Record<string, string>; limits: { defaultDays: number; maxDays: number } }>([
    { env: {}, limits: { defaultDays: 30, maxDays: 60 } },
    {
      env: { SME_PAYMENT_DEFAULT_DAYS: '10', SME_PAYMENT_MAX_DAYS: '30' },
      limits: { defaultDays: 10, maxDays: 30 },
    },
    { env: { SME_PAYMENT_DEFAULT_DAYS: '' }, limits: { defaultDays: 30, maxDays: 60 } },
  ])('reads $env', ({ env, limits }) => {
    expect(smePaymentLimitsFrom(env)).toEqual(limits);
  });

  it.each([{ SME_PAYMENT_MAX_DAYS: '0' }, { SME_PAYMENT_DEFAULT_DAYS: 'x' }])('refuses %o', (env) => {
    expect(() => smePaymentLimitsFrom(env)).toThrow();
  });

  it.each([
    { defaultDays: 40, maxDays: 60 },
    { defaultDays: 30, maxDays: 90 },
    { defaultDays: 20, maxDays: 10 },
  ])('refuses limits laxer than the regulation or inconsistent: %o', (limits) => {
    expect(() => setSmePaymentLimits(limits)).toThrow(RangeError);
    expect(smePaymentLimits()).toEqual(SME_PAYMENT_LIMITS);
  });

  it.each<{
    what: string;
    limits?: { defaultDays: number; maxDays: number };
    terms: number | null;
    sme: boolean;
    due: string | null;
  }>([
    { what: 'SME, no term: 30 日', terms: null, sme: true, due: '2026-05-22' },
    { what: 'SME, 90 日 agreed: capped at 60', terms: 90, sme: true, due: '2026-06-22' },
    {
      what: 'SME, local 10/30: no term → 10 日',
      limits: { defaultDays: 10, maxDays: 30 },
      terms: null,
      sme: true,
      due: '2026-05-06',
    },
    { what: 'not an SME, no term: no due day', terms: null, sme: false, due: null },
    { what: 'not an SME, 45 日 agreed', terms: 45, sme: false, due: '2026-06-08' },
  ])('$what', ({ limits, terms, sme, due }) => {
    if (limits) setSmePaymentLimits(limits);
    expect(contractPaymentDue({ paymentTermsDays: terms, sme }, '2026-04-22')?.dueOn ?? null).toBe(due);
  });

  it('no acceptance, no clock (第十条: from the day acceptance is passed)', () => {
    expect(contractPaymentDue({ paymentTermsDays: null, sme: true }, null)).toBeNull();
  });
});
