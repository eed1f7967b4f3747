import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { portalSummary } from '../../../../src/modules/disclosure/contract.ts';
import { healthResponse } from '../../../../src/platform/http/contract.ts';
import { api } from '../../api.ts';

export type PortalSummary = z.infer<typeof portalSummary>;

export function usePortalSummary() {
  return useQuery({
    queryKey: ['portal', 'summary'],
    queryFn: () => api('/api/portal/summary', portalSummary),
    staleTime: 60_000,
  });
}

export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: () => api('/api/health', healthResponse),
    staleTime: 60_000,
  });
}

/** Used wherever the centre is named; a fresh installation has no centre configured yet. */
export function centreTitle(summary: PortalSummary | undefined): string {
  return summary?.centre?.name ?? '政府采购平台';
}

/** The Atom feed of the latest notices, optionally of one kind. */
export function feedUrl(kind?: string): string {
  return kind ? `/api/portal/feed.atom?kind=${encodeURIComponent(kind)}` : '/api/portal/feed.atom';
}
