import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  sessionResponse,
  type loginBody,
  type SessionResponse,
} from '../../../../src/platform/auth/contract.ts';
import { api, apiVoid, rememberCsrfToken } from '../../api.ts';

export type Session = SessionResponse;
export type SessionUser = NonNullable<Session['user']>;
export type Abilities = Session['abilities'];

export const sessionKey = ['session'] as const;

export async function fetchSession(): Promise<Session> {
  const session = await api('/api/auth/session', sessionResponse);
  rememberCsrfToken(session.csrfToken);
  return session;
}

export async function login(body: z.input<typeof loginBody>): Promise<Session> {
  const session = await api('/api/auth/login', sessionResponse, {
    method: 'POST',
    body,
    redirectOnUnauthorized: false,
  });
  rememberCsrfToken(session.csrfToken);
  return session;
}

export async function logout(): Promise<void> {
  await apiVoid('/api/auth/logout', { method: 'POST' });
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 5 * 60_000 });
}

/** The menu and buttons follow the abilities the server sends, never the role name. */
export function can(abilities: Abilities | undefined, entity: string, action: string): boolean {
  return abilities?.[entity]?.includes(action) ?? false;
}
