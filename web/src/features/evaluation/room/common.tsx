import { useEffect, useState } from 'react';
import type { EvaluationView, RoomLot } from './roomApi.ts';

/** The current time, ticking every second (for countdowns). */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** `HH:mm:ss` left, or days and time when longer. */
export function countdownText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days > 0 ? `${days} 天 ${hms}` : hms;
}

/** The bid's label in this lot (投标人A… while blind, the supplier's name after). */
export function labelOf(lot: RoomLot, bidId: string | null): string {
  if (bidId === null) return '—';
  return lot.bids.find((b) => b.bidId === bidId)?.label ?? '—';
}

export function memberName(room: EvaluationView, seatId: string): string {
  return room.members.find((m) => m.seatId === seatId)?.name ?? '—';
}

/** Whether the caller sits on the committee and has declared: it acts on the lots. */
export const sitting = (room: EvaluationView): boolean => room.me.member && room.me.declared;

/** The bids a member scores: every bid while blind; afterwards those qualified and not found abnormally low. */
export function scorableBids(lot: RoomLot) {
  if (lot.status === 'blindScoring') return lot.bids;
  const rejected = new Set(lot.abnormal.filter((r) => r.decision === 'rejected').map((r) => r.bidId));
  return lot.bids.filter((b) => b.qualified === true && !rejected.has(b.bidId));
}

export const METHOD_LABELS: Record<string, string> = {
  lowestPrice: '最低评标价法',
  bestValue: '综合评分法',
  priceLottery: '合理定价评审抽签法',
};
