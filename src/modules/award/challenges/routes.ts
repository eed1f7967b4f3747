import type { App } from '../../../platform/http/server.ts';
import type { AwardDeps } from '../deps.ts';

/** Registered once this part lands. */
export function challengeRoutes(_app: App, _deps: AwardDeps): void {}
