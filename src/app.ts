import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/db/client.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { setAuditHashAlgorithm } from './platform/audit/log.ts';
import { auditRoutes } from './platform/audit/routes.ts';
import { authRoutes } from './platform/auth/routes.ts';
import { fileRoutes } from './platform/files/routes.ts';
import { FileStore } from './platform/files/store.ts';
import { healthRoutes } from './platform/http/health.ts';
import { createServer, type App } from './platform/http/server.ts';
import { orgRoutes } from './modules/orgs/index.ts';
import { disclosureRoutes } from './modules/disclosure/index.ts';
import { planningRoutes } from './modules/planning/index.ts';
import { installStandardTemplates, tenderingJobs, tenderingRoutes } from './modules/tendering/index.ts';
import type { JobHandlers } from './platform/jobs/runner.ts';
import { biddingRoutes } from './modules/bidding/index.ts';
import { evaluationRoutes } from './modules/evaluation/index.ts';
import { awardJobs, awardRoutes, setSmePaymentLimits } from './modules/award/index.ts';
import { statisticsRoutes } from './modules/statistics/index.ts';

export const packageRoot = fileURLToPath(new URL('..', import.meta.url));
export const webDistDir = path.join(packageRoot, 'web', 'dist');
export const version = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8'))).version;

/** Every module's scheduled work, by job kind: what the job runner of each server process executes. */
export const jobHandlers: JobHandlers = { ...tenderingJobs, ...awardJobs };

export interface BuildOptions {
  config: Config;
  /** Open and migrated. */
  database: Database;
  clock?: Clock;
  logger?: boolean;
  /** Serve the built web app; null for API only. */
  webDist?: string | null;
}

/** The composition root: the platform plus every module's routes, ready for inject() or listen(). */
export async function buildApp(opts: BuildOptions): Promise<App> {
  const { config, database } = opts;
  const clock = opts.clock ?? systemClock;
  setAuditHashAlgorithm(config.auditHash);
  setSmePaymentLimits(config.smePayment);
  const app = await createServer({
    config,
    database,
    clock,
    webDist: opts.webDist === undefined ? webDistDir : opts.webDist,
    logger: opts.logger ?? false,
    version,
  });
  const db = database.db;
  const store = new FileStore(path.join(config.dataDir, 'files'), config.auditHash, config.maxUploadBytes);

  healthRoutes(app, { database, version });
  authRoutes(app, {
    db,
    ttlSeconds: config.sessionTtlSeconds,
    cookieSecure: config.cookieSecure,
    loginRatePerMinute: config.loginRatePerMinute,
  });
  auditRoutes(app, { db });
  fileRoutes(app, { db, store });
  orgRoutes(app, { db });
  planningRoutes(app, { db });
  tenderingRoutes(app, { db, chromiumPath: config.chromiumPath });
  biddingRoutes(app, { db, uploads: { dir: path.join(config.dataDir, 'uploads'), store } });
  evaluationRoutes(app, { db, store });
  awardRoutes(app, { db, store });
  await installStandardTemplates(db, clock);
  disclosureRoutes(app, { db, ocds: { prefix: config.ocdsPrefix, publicUrl: config.publicUrl ?? null } });
  statisticsRoutes(app, { db });
  await app.ready();
  return app;
}
