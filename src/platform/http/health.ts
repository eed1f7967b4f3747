import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { migrationStatus } from '../db/migrations.ts';
import { PUBLIC } from './access.ts';
import { healthResponse } from './contract.ts';
import type { App } from './server.ts';

export function healthRoutes(app: App, deps: { database: Database; version: string }): void {
  app.get(
    '/api/health',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['平台'],
        summary: '健康检查：数据库类型与迁移版本',
        response: { 200: healthResponse, 503: healthResponse },
      },
    },
    async (req, reply) => {
      let reachable = true;
      try {
        await deps.database.db.execute(sql`select 1`);
      } catch (err) {
        req.log.error({ err }, 'health: database unreachable');
        reachable = false;
      }
      const migration = reachable
        ? await migrationStatus(deps.database)
        : { version: null, applied: 0, pending: 0 };
      const ok = reachable && migration.pending === 0;
      return reply.status(ok ? 200 : 503).send({
        status: ok ? 'ok' : 'degraded',
        database: deps.database.kind,
        migration,
        version: deps.version,
        time: req.ctx.clock.now().toISOString(),
      });
    },
  );
}
