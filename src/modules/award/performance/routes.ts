import type { App } from '../../../platform/http/server.ts';
import type { AwardDeps } from '../deps.ts';

/** Registered once this part lands. */
export function performanceRoutes(_app: App, _deps: AwardDeps): void {}
