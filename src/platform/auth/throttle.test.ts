import { describe, expect, it } from 'vitest';
import { LOGIN_LIMITS, lockAfterFailure, loginGate } from './throttle.ts';

const now = new Date('2026-03-02T02:00:00Z');

describe('loginGate', () => {
  it.each([
    { name: 'first attempt', acct: 0, addr: 0, locked: null, expected: 'allowed' },
    { name: '5th attempt after 4 failures', acct: 4, addr: 4, locked: null, expected: 'allowed' },
    {
      name: '6th attempt after 5 failures in the minute',
      acct: 5,
      addr: 5,
      locked: null,
      expected: 'AUTH_RATE_LIMITED',
    },
    { name: 'address spraying 30 failures', acct: 0, addr: 30, locked: null, expected: 'AUTH_RATE_LIMITED' },
    { name: 'address 29 failures', acct: 0, addr: 29, locked: null, expected: 'allowed' },
    {
      name: 'locked until later',
      acct: 0,
      addr: 0,
      locked: new Date(now.getTime() + 1000),
      expected: 'AUTH_LOCKED',
    },
    { name: 'lock expired', acct: 0, addr: 0, locked: new Date(now.getTime() - 1), expected: 'allowed' },
  ])('$name → $expected', ({ acct, addr, locked, expected }) => {
    const r = loginGate({
      now,
      accountFailuresLastMinute: acct,
      addressFailuresLastMinute: addr,
      lockedUntil: locked,
    });
    expect(r.allowed ? 'allowed' : r.code).toBe(expected);
  });

  it('names the unlock time in Beijing time', () => {
    const r = loginGate({
      now,
      accountFailuresLastMinute: 0,
      addressFailuresLastMinute: 0,
      lockedUntil: new Date('2026-03-02T02:15:00Z'),
    });
    expect(r.allowed).toBe(false);
    if (!r.allowed) expect(r.message).toContain('10:15');
  });
});

describe('lockAfterFailure', () => {
  it('locks on the 10th failure in the window for 15 minutes', () => {
    expect(lockAfterFailure(now, 9)).toBeNull();
    expect(lockAfterFailure(now, LOGIN_LIMITS.lockAfterFailures)?.toISOString()).toBe(
      '2026-03-02T02:15:00.000Z',
    );
  });
});
