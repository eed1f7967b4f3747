import { describe, expect, it } from 'vitest';
import { evaluationQuorum, type QuorumInput } from './quorum.ts';
import type { Category, Method } from './types.ts';

describe('evaluationQuorum (法36/37; 87号令44; 74号令; 214号21; 124号; 46号)', () => {
  it.each<{
    what: string;
    method: Method;
    qualified: number;
    category?: Category;
    exception?: QuorumInput['consultationException'];
    reserved?: boolean;
    ok: boolean;
    code?: string;
    step?: string;
  }>([
    { what: 'tender with 3', method: 'openTender', qualified: 3, ok: true },
    {
      what: 'tender with 2: 废标; negotiation with the two needs approval',
      method: 'openTender',
      qualified: 2,
      ok: false,
      code: 'TOO_FEW_QUALIFIED',
      step: '与该两家供应商进行竞争性谈判',
    },
    {
      what: 'tender with 1: re-tender or another method',
      method: 'openTender',
      qualified: 1,
      ok: false,
      code: 'TOO_FEW_QUALIFIED',
      step: '设区的市级以上财政部门批准',
    },
    {
      what: 'tender with 0',
      method: 'invitedTender',
      qualified: 0,
      ok: false,
      code: 'TOO_FEW_QUALIFIED',
      step: '废标',
    },
    {
      what: 'works tender with 2: re-tender under the 招标投标法',
      method: 'openTender',
      category: 'works',
      qualified: 2,
      ok: false,
      code: 'TOO_FEW_QUALIFIED',
      step: '依照招标投标法',
    },
    { what: 'negotiation with 3', method: 'negotiation', qualified: 3, ok: true },
    {
      what: 'negotiation with 2',
      method: 'negotiation',
      qualified: 2,
      ok: false,
      code: 'TOO_FEW_QUALIFIED',
      step: '终止',
    },
    { what: 'rfq with 2', method: 'rfq', qualified: 2, ok: false, code: 'TOO_FEW_QUALIFIED', step: '终止' },
    {
      what: 'consultation with 2, research project',
      method: 'consultation',
      qualified: 2,
      exception: 'research',
      ok: true,
    },
    {
      what: 'consultation with 2, government-purchased service',
      method: 'consultation',
      category: 'services',
      qualified: 2,
      exception: 'purchaseOfServices',
      ok: true,
    },
    {
      what: 'consultation with 2 and no exception',
      method: 'consultation',
      qualified: 2,
      ok: false,
      code: 'TOO_FEW_QUALIFIED',
      step: '终止',
    },
    {
      what: 'consultation never with 1, exception or not',
      method: 'consultation',
      qualified: 1,
      exception: 'research',
      ok: false,
      code: 'TOO_FEW_QUALIFIED',
    },
    {
      what: 'SME-reserved package with 2: stop and re-run as non-reserved',
      method: 'openTender',
      qualified: 2,
      reserved: true,
      ok: false,
      code: 'SME_RESERVED_TOO_FEW',
      step: '非专门面向中小企业',
    },
    {
      what: 'SME reservation beats the consultation exception',
      method: 'consultation',
      qualified: 2,
      exception: 'research',
      reserved: true,
      ok: false,
      code: 'SME_RESERVED_TOO_FEW',
    },
    { what: 'SME-reserved package with 3', method: 'rfq', qualified: 3, reserved: true, ok: true },
    { what: 'single source with its one supplier', method: 'singleSource', qualified: 1, ok: true },
    {
      what: 'single source whose supplier failed',
      method: 'singleSource',
      qualified: 0,
      ok: false,
      code: 'NO_QUALIFIED_SUPPLIER',
    },
  ])('$what', ({ method, qualified, category, exception, reserved, ok, code, step }) => {
    const r = evaluationQuorum({
      method,
      qualified,
      category: category ?? 'goods',
      consultationException: exception ?? null,
      smeReserved: reserved ?? false,
    });
    expect(r.ok).toBe(ok);
    expect(r.code).toBe(code);
    if (!ok) {
      expect(r.message).toMatch(/[\u4e00-\u9fff]/);
      expect(r.nextSteps?.length).toBeGreaterThan(0);
    }
    if (step) expect(r.nextSteps?.join('；')).toContain(step);
  });

  it('offers negotiation with two only when exactly two qualified', () => {
    const one = evaluationQuorum({
      method: 'openTender',
      qualified: 1,
      category: 'goods',
      smeReserved: false,
    });
    expect(one.nextSteps?.join('')).not.toContain('两家');
  });
});
