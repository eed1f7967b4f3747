import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { z } from 'zod';
import { IMPORT_KINDS, KIND_LABELS } from '../modules/orgs/import/columns.ts';
import { loadConfig, type Config } from '../platform/config.ts';
import type { RequestContext } from '../platform/auth/actor.ts';
import type { Database } from '../platform/db/client.ts';
import type { SignedStatement } from '../platform/signing.ts';
import type { DrawExport } from '../modules/evaluation/draw.contract.ts';

// Only what every command needs is imported here: the app, the database, the demo seed … load inside the
// commands that use them, so the offline checks (`receipt verify`, `draw verify`) start in a fraction of the time.

// Validation messages in Chinese, as the server configures them (platform/http/server.ts).
z.config(z.locales.zhCN());

const version = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))).version;

async function setAuditHashAlgorithm(config: Config): Promise<void> {
  (await import('../platform/audit/log.ts')).setAuditHashAlgorithm(config.auditHash);
}

function describeDb(config: Config): string {
  return config.databaseUrl
    ? `PostgreSQL ${new URL(config.databaseUrl).host}${new URL(config.databaseUrl).pathname}`
    : `PGlite ${config.dataDir}/pg`;
}

async function openMigrated(config: Config): Promise<Database> {
  const { openDatabase } = await import('../platform/db/client.ts');
  const { runMigrations } = await import('../platform/db/migrations.ts');
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await runMigrations(database);
  return database;
}

function progressBar(label: string): {
  update(done: number, total: number, what?: string): void;
  stop(): void;
} {
  if (!process.stderr.isTTY) {
    return { update: () => undefined, stop: () => undefined };
  }
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% {value}/{total} {what}`,
      stream: process.stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, what = '') {
      if (!started) {
        bar.start(total, 0, { what });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { what });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

async function seed(database: Database, dataDir: string): Promise<boolean> {
  const { seedDemo } = await import('./demo/seed.ts');
  const { systemClock } = await import('../platform/clock.ts');
  const bar = progressBar('载入演示数据');
  try {
    const result = await seedDemo(database, {
      clock: systemClock,
      dataDir,
      onProgress: (done, total, label) => bar.update(done, total, label),
    });
    return result.created;
  } finally {
    bar.stop();
  }
}

const program = new Command()
  .name('zhengcai')
  .description('政采 zhengcai — 政府采购中心电子化采购平台')
  .version(version)
  .showHelpAfterError();

program
  .command('serve')
  .description('启动平台（API 与网页）；空数据库时自动迁移并载入演示中心')
  .addOption(new Option('-p, --port <port>', '监听端口').env('PORT').default('3000'))
  .addOption(new Option('--host <host>', '监听地址').env('HOST').default('0.0.0.0'))
  .option('--no-seed', '空数据库时不载入演示数据')
  .option('--no-web', '不构建、不提供网页（仅 API）')
  .action(async (opts: { port: string; host: string; seed: boolean; web: boolean }) => {
    const config = { ...loadConfig(), port: Number(opts.port), host: opts.host };
    await setAuditHashAlgorithm(config);
    const { buildApp, jobHandlers, packageRoot, webDistDir } = await import('../app.ts');
    const { buildWeb, webBuildNeeded } = await import('./web.ts');
    const { startJobRunner } = await import('../platform/jobs/runner.ts');
    const { systemClock } = await import('../platform/clock.ts');
    if (opts.web && webBuildNeeded(packageRoot)) {
      console.log('正在构建网页…');
      await buildWeb(packageRoot);
    }
    const database = await openMigrated(config);
    if (opts.seed && (await seed(database, config.dataDir)))
      console.log('已载入演示中心：云岭县政府采购中心');
    const app = await buildApp({ config, database, logger: true, webDist: opts.web ? webDistDir : null });
    // Scheduled work (bid closing at the deadline …): every process polls; each job runs once in all.
    const runner = startJobRunner({
      db: database.db,
      clock: systemClock,
      handlers: jobHandlers,
      worker: `${hostname()}:${process.pid}`,
      intervalMs: config.jobPollMs,
      onError: (e) => app.log.error(e, '定时任务执行出错'),
    });
    const shutdown = async (signal: string): Promise<void> => {
      app.log.info({ signal }, '正在停止');
      await runner.stop();
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    await app.listen({ port: config.port, host: config.host });
    const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
    app.log.info(`政采已启动：http://${shown}:${config.port}  数据库：${describeDb(config)}`);
  });

program
  .command('migrate')
  .description('应用数据库迁移（启动时也会自动执行）')
  .action(async () => {
    const config = loadConfig();
    const { migrationStatus } = await import('../platform/db/migrations.ts');
    const database = await openMigrated(config);
    const status = await migrationStatus(database);
    console.log(`${describeDb(config)}：已应用 ${status.applied} 个迁移，当前版本 ${status.version ?? '无'}`);
    await database.close();
  });

program
  .command('seed')
  .description('载入数据')
  .requiredOption('--demo', '载入演示中心（仅当数据库中尚无中心时）')
  .action(async () => {
    const config = loadConfig();
    await setAuditHashAlgorithm(config);
    const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await import('./demo/data.ts');
    const database = await openMigrated(config);
    const created = await seed(database, config.dataDir);
    await database.close();
    if (!created) {
      console.log('数据库中已有采购中心，未载入演示数据。');
      return;
    }
    console.log(`已载入演示中心。演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(14)} ${a.displayName}`);
  });

program
  .command('import')
  .description(
    '从 Excel（.xlsx）或 CSV 批量导入采购单位、供应商、专家或历史采购台账（history）：任一行有误则全部不导入',
  )
  .argument('<kind>', `导入类别：${IMPORT_KINDS.join(' | ')} | history`)
  .argument('<file>', '.xlsx 或 .csv 文件（模板可在平台“数据导入”“统计分析”页下载）')
  .option('--dry-run', '只校验，不写入')
  .action(async (kind: string, file: string, opts: { dryRun?: boolean }) => {
    const dryRun = opts.dryRun ?? false;
    const done = dryRun ? '校验通过（未写入）' : '已导入';
    if (kind === 'history') {
      const { importHistory } = await import('../modules/statistics/history/index.ts');
      await importFile(
        file,
        '导入历史台账',
        (db, ctx, input, onProgress) => importHistory(db, ctx, input, { dryRun, onProgress }),
        (o) =>
          `${done}：${o.rows} 行，${o.procurements} 个项目，合同签订日期 ${o.from} 至 ${o.to}；文件 SHA-256 ${o.fileSha256}`,
      );
      return;
    }
    const k = IMPORT_KINDS.find((x) => x === kind);
    if (!k) throw new Error(`导入类别应为 ${IMPORT_KINDS.join('、')} 之一`);
    const { importRegistry } = await import('../modules/orgs/index.ts');
    await importFile(
      file,
      `导入${KIND_LABELS[k]}`,
      (db, ctx, input, onProgress) => importRegistry(db, ctx, k, input, { dryRun, onProgress }),
      (o) => `${done}：${o.rowCount} 行，新建 ${o.created} 条；文件 SHA-256 ${o.fileHash}`,
    );
  });

type ImportRun<S> = (
  db: Database['db'],
  ctx: RequestContext,
  input: { bytes: Buffer; name: string },
  onProgress: (phase: string, done: number, total: number) => void,
) => Promise<
  ({ ok: true } & S) | { ok: false; errorCount: number; errors: readonly RowMessage[]; truncated: boolean }
>;
interface RowMessage {
  row: number;
  column: string;
  message: string;
}

/** A whole-or-nothing import as the system: its progress, then its summary or every wrong row and exit status 1. */
async function importFile<S>(file: string, label: string, run: ImportRun<S>, summary: (s: S) => string) {
  const config = loadConfig();
  await setAuditHashAlgorithm(config);
  const { systemActor } = await import('../platform/auth/actor.ts');
  const { systemClock } = await import('../platform/clock.ts');
  const database = await openMigrated(config);
  const bar = progressBar(label);
  try {
    const outcome = await run(
      database.db,
      { actor: systemActor('cli:import'), requestId: null, clock: systemClock },
      { bytes: await readFile(file), name: path.basename(file) },
      (phase, done, total) => bar.update(done, total, phase),
    );
    bar.stop();
    if (outcome.ok) {
      console.log(summary(outcome));
    } else {
      console.error(`有 ${outcome.errorCount} 处错误，未导入任何记录：`);
      for (const e of outcome.errors) console.error(`  第 ${e.row} 行 ${e.column}：${e.message}`);
      if (outcome.truncated) console.error(`  ……（仅列出前 ${outcome.errors.length} 处）`);
      process.exitCode = 1;
    }
  } finally {
    bar.stop();
    await database.close();
  }
}

const exporter = program.command('export').description('导出数据');
exporter
  .command('ocds')
  .description('导出开放合同数据（OCDS 1.1.5，含分包与投标扩展）：JSON Lines，每行一个发布（release）')
  .requiredOption('--out <file>', '输出文件（.jsonl）')
  .option(
    '--since <instant>',
    '只导出此时刻及以后公开的发布（ISO 8601，含时区，如 2026-01-01T00:00:00+08:00）',
  )
  .option('--base-url <url>', '门户的公开地址，用于公告链接（缺省为配置项 PUBLIC_URL）')
  .action(async (opts: { out: string; since?: string; baseUrl?: string }) => {
    const since = z.iso.datetime({ offset: true }).safeParse(opts.since);
    if (opts.since !== undefined && !since.success) {
      console.error('--since 应为含时区的 ISO 8601 时间，如 2026-01-01T00:00:00+08:00');
      process.exitCode = 1;
      return;
    }
    const config = loadConfig();
    const { exportOcds } = await import('../modules/disclosure/ocds/export.ts');
    const { systemClock } = await import('../platform/clock.ts');
    const database = await openMigrated(config);
    const bar = progressBar('导出开放合同数据');
    try {
      const result = await exportOcds(database.db, {
        out: opts.out,
        since: since.success ? new Date(since.data) : null,
        prefix: config.ocdsPrefix,
        baseUrl: opts.baseUrl ?? config.publicUrl ?? null,
        now: systemClock.now(),
        onProgress: (done, total, releases) => bar.update(done, total, `${releases} 个发布`),
      });
      bar.stop();
      console.log(`已导出 ${result.releases} 个发布（${result.projects} 个项目）到 ${opts.out}`);
    } finally {
      bar.stop();
      await database.close();
    }
  });

const audit = program.command('audit').description('审计日志');
audit
  .command('verify')
  .description('重新计算审计日志哈希链；发现篡改时以非零状态退出并指出第一条异常记录')
  .option('--json', '以 JSON 输出结果')
  .action(async (opts: { json?: boolean }) => {
    const config = loadConfig();
    const { verifyAudit } = await import('../platform/audit/log.ts');
    const database = await openMigrated(config);
    const bar = progressBar('校验审计日志');
    const result = await verifyAudit(database.db, (done, total) => bar.update(done, total));
    bar.stop();
    await database.close();
    if (opts.json) {
      console.log(JSON.stringify(result, null, 2));
    } else if (result.ok) {
      console.log(`审计日志完好：共 ${result.checked} 条，链头 #${result.head.seq} ${result.head.hash}`);
    } else {
      const b = result.firstBroken;
      console.error(`审计日志被篡改：第 ${b?.seq} 条记录异常（${b?.reason}）：${b?.message}`);
      console.error(`此前 ${result.checked} 条记录校验通过。`);
    }
    process.exitCode = result.ok ? 0 : 1;
  });

/** The shape of a signed statement file; its content is checked by the signature, not here. */
const signedStatementShape = z.object({
  statement: z.unknown(),
  alg: z.literal('Ed25519'),
  keyId: z.string(),
  publicKey: z.string(),
  signature: z.string(),
});

const receipt = program.command('receipt').description('投标回执');
receipt
  .command('verify')
  .description('离线验证平台签名的投标回执（不需要数据库，也不需要联网）')
  .argument('<file>', '回执文件（JSON）')
  .option(
    '--public-key <key>',
    '平台公布的回执签名公钥（Base64，见 /api/receipts/public-key）；给出时同时核对签名者',
  )
  .action(async (file: string, opts: { publicKey?: string }) => {
    const text = await readFile(file, 'utf8');
    let signed: SignedStatement<unknown>;
    try {
      signed = signedStatementShape.parse(JSON.parse(text));
    } catch {
      console.error('不是有效的回执文件：应为平台下载的 JSON 回执');
      process.exitCode = 1;
      return;
    }
    const { verifyStatement } = await import('../platform/signing.ts');
    const result = verifyStatement(signed, opts.publicKey);
    if (!result.ok) {
      console.error(`回执验证失败：${result.message}`);
      process.exitCode = 1;
      return;
    }
    const st = z.record(z.string(), z.unknown()).safeParse(signed.statement);
    const s = st.success ? st.data : {};
    console.log(
      `回执有效：签名密钥 ${result.keyId}${opts.publicKey ? '（与平台公布的公钥一致）' : '（未核对签名者，请用 --public-key 核对）'}`,
    );
    for (const [label, key] of [
      ['项目', 'projectCode'],
      ['投标文件', 'bidId'],
      ['供应商', 'supplierName'],
      ['接收时间', 'receivedAt'],
      ['文件摘要', 'envelopeHash'],
    ] as const) {
      if (typeof s[key] === 'string') console.log(`  ${label}：${s[key]}`);
    }
    process.exitCode = 0;
  });

const draw = program.command('draw').description('随机抽取（评审专家、同分抽签、合理定价抽签）');
draw
  .command('verify')
  .description('按公布的输入离线重放随机抽取，核对结果（不需要数据库，也不需要联网）')
  .argument('<file>', '平台导出的抽取记录（JSON：inputs、result，结果公告后另含 candidates 名单）')
  .action(async (file: string) => {
    const { candidateLabel, drawExportSchema, PURPOSE_LABELS, verifyDraw } =
      await import('../modules/evaluation/draw.contract.ts');
    let record: DrawExport;
    try {
      record = drawExportSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    } catch {
      console.error('不是有效的抽取记录文件：应为平台导出的 JSON 抽取记录');
      process.exitCode = 1;
      return;
    }
    const { inputs, result } = record;
    const verdict = await verifyDraw(inputs, result);
    if (!verdict.ok) {
      console.error(`抽取记录验证失败：${verdict.reason}`);
      process.exitCode = 1;
      return;
    }
    const names = (ids: string[]): string =>
      ids.length ? ids.map((id) => candidateLabel(record, id)).join('、') : '（无）';
    console.log(`抽取记录有效：按公布的输入重放，结果一致（算法 ${inputs.algorithm}）`);
    for (const [label, value] of [
      ['用途', PURPOSE_LABELS[inputs.purpose]],
      ['项目', inputs.projectId],
      ['抽取事项', inputs.subject],
      ['平台种子承诺', inputs.serverCommitment],
      ['平台种子', inputs.serverSeed ?? ''],
      ['监督员输入', inputs.supervisorInput],
      ['候选名单摘要', inputs.candidateListHash ?? '（记录未含，已按名单重算）'],
      ['抽取种子', result.seed],
    ] as const) {
      console.log(`  ${label}：${value}`);
    }
    for (const [n, s] of result.slots.entries()) {
      const slot = inputs.slots[n];
      console.log(
        `  第 ${n + 1} 组 ${s.key}：需 ${slot?.count ?? s.selected.length} 人，候选 ${slot?.candidates.length ?? s.order.length} 人`,
      );
      console.log(`    抽中：${names(s.selected)}`);
      console.log(`    候补：${names(s.alternates)}`);
    }
    process.exitCode = 0;
  });

const contract = program.command('contract').description('政府采购合同');
contract
  .command('verify')
  .description(
    '离线验证已签署的政府采购合同：合同文本摘要、双方电子签名、平台证明（不需要数据库，也不需要联网）',
  )
  .argument('<file>', '平台导出的合同签署记录（JSON，/api/contracts/:id/export）')
  .option(
    '--public-key <key>',
    '平台公布的签名公钥（Base64，见 /api/receipts/public-key）；给出时同时核对平台证明的签名者',
  )
  .action(async (file: string, opts: { publicKey?: string }) => {
    const { contractExportSchema, verifyContractExport } =
      await import('../modules/award/contracts/signature.contract.ts');
    let record: z.infer<typeof contractExportSchema>;
    try {
      record = contractExportSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    } catch {
      console.error('不是有效的合同签署记录文件：应为平台导出的 JSON 合同签署记录');
      process.exitCode = 1;
      return;
    }
    const verdict = await verifyContractExport(record, opts.publicKey);
    const c = record.contract;
    const yuanText = (fen: string): string =>
      `${(BigInt(fen) / 100n).toString()}.${(BigInt(fen) % 100n).toString().padStart(2, '0')}`;
    const out = verdict.ok ? console.log : console.error;
    out(verdict.ok ? '合同签署记录有效：文本未被改动，双方签名与平台证明均核验通过' : '合同签署记录验证失败');
    for (const [label, value] of [
      ['合同编号', c.code],
      ['项目编号', `${c.projectCode} 第${c.lotNo}包`],
      ['采购人', c.purchaserName],
      ['供应商', c.supplierName],
      ['合同金额', `${yuanText(c.amountFen)} 元`],
      ['签订日期', c.signedOn ?? '（未签订）'],
    ] as const) {
      out(`  ${label}：${value}`);
    }
    for (const check of verdict.checks)
      out(`  [${check.ok ? '通过' : '失败'}] ${check.label}：${check.message}`);
    process.exitCode = verdict.ok ? 0 : 1;
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
