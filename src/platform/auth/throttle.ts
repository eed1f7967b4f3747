/**
 * Login throttling and lockout — pure rules, counted from the login_attempts table so that every server
 * process sees the same numbers.
 *  - At most 5 wrong passwords per account per minute: the 6th attempt within the minute is refused unread.
 *  - At most 30 failures per client address per minute (password spraying across accounts).
 *  - 10 wrong passwords within 15 minutes lock the account for 15 minutes (the administrator may unlock).
 */
export const LOGIN_LIMITS = {
  perAccountPerMinute: 5,
  perAddressPerMinute: 30,
  lockAfterFailures: 10,
  lockWindowMs: 15 * 60_000,
  lockForMs: 15 * 60_000,
} as const;

export interface GateInput {
  now: Date;
  accountFailuresLastMinute: number;
  addressFailuresLastMinute: number;
  lockedUntil: Date | null;
}

export type GateResult =
  | { allowed: true }
  | { allowed: false; status: 423 | 429; code: 'AUTH_LOCKED' | 'AUTH_RATE_LIMITED'; message: string };

const hhmm = (d: Date): string =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);

export function loginGate(input: GateInput, limits = LOGIN_LIMITS): GateResult {
  if (input.lockedUntil && input.lockedUntil.getTime() > input.now.getTime()) {
    return {
      allowed: false,
      status: 423,
      code: 'AUTH_LOCKED',
      message: `密码错误次数过多，账号已锁定至 ${hhmm(input.lockedUntil)}，请稍后再试或联系管理员解锁`,
    };
  }
  if (
    input.accountFailuresLastMinute >= limits.perAccountPerMinute ||
    input.addressFailuresLastMinute >= limits.perAddressPerMinute
  ) {
    return {
      allowed: false,
      status: 429,
      code: 'AUTH_RATE_LIMITED',
      message: '登录尝试过于频繁，请 1 分钟后再试',
    };
  }
  return { allowed: true };
}

/** After a failure (counted in `failuresInWindow`), the instant the account is locked until, or null. */
export function lockAfterFailure(now: Date, failuresInWindow: number, limits = LOGIN_LIMITS): Date | null {
  return failuresInWindow >= limits.lockAfterFailures ? new Date(now.getTime() + limits.lockForMs) : null;
}
