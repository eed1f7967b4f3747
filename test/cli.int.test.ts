import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/platform/db/client.ts';
import { platformSigner } from '../src/platform/signing.ts';
import { runMigrations } from '../src/platform/db/migrations.ts';
import { freshDatabase, testDbKind } from './support/database.ts';

const run = promisify(execFile);
const bin = path.resolve('bin/zhengcai.js');

let env: NodeJS.ProcessEnv;
let dataDir: string;
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'zc-cli-'));
  env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if (testDbKind() === 'postgres') {
    const database = await freshDatabase();
    env.DATABASE_URL = database.url ?? '';
    // The CLI opens its own connections; this one only keeps the database to drop it at the end.
    dropDatabase = () => database.close();
  }
});
afterAll(async () => {
  await dropDatabase?.();
  await rm(dataDir, { recursive: true, force: true });
});

async function zhengcai(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [bin, ...args], { env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Edits one audit row the way a database administrator could, triggers off. */
async function tamper(seq: number): Promise<void> {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir });
  try {
    await database.exec('alter table audit_events disable trigger user');
    await database.db.execute(sql`update audit_events set entity_id = 'forged' where seq = ${seq}`);
    await database.exec('alter table audit_events enable trigger user');
  } finally {
    await database.close();
  }
}

describe('zhengcai CLI', () => {
  it('answers --help for every command', async () => {
    for (const args of [
      [],
      ['serve'],
      ['migrate'],
      ['seed'],
      ['import'],
      ['audit'],
      ['audit', 'verify'],
      ['receipt', 'verify'],
    ]) {
      const r = await zhengcai(...args, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: zhengcai');
    }
  }, 120_000);

  it('seeds the demo once, verifies the audit chain, and names the entry edited behind its back', async () => {
    const seeded = await zhengcai('seed', '--demo');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain('Zhengcai@2026');
    expect((await zhengcai('seed', '--demo')).stdout).toContain('未载入演示数据');

    const clean = await zhengcai('audit', 'verify');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/审计日志完好：共 \d+ 条/);

    await tamper(42);
    const broken = await zhengcai('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('第 42 条记录异常');
    const json = await zhengcai('audit', 'verify', '--json');
    expect(JSON.parse(json.stdout).firstBroken).toMatchObject({ seq: 42, reason: 'hash' });
  }, 180_000);

  it('imports purchaser units from CSV, and imports nothing when a row is wrong', async () => {
    const header = '单位名称,级别,上级乡镇,行政区划代码,统一社会信用代码,财政归口单位,联系人,联系电话,地址';
    const good = `${header}\n青石乡人民政府,乡镇,,150439,,青石乡财政所,赵青,13904760001,青石乡政府院内\n青石乡前进村民委员会,村级,青石乡人民政府,150439,,青石乡财政所,钱进,13904760002,前进村\n`;
    const bad = `${header}\n白石乡人民政府,乡镇,,150439,,,,,\n白石乡无主村民委员会,村级,不存在的乡,150439,,,,,\n`;
    const goodFile = path.join(dataDir, 'good.csv');
    const badFile = path.join(dataDir, 'bad.csv');
    await writeFile(goodFile, good);
    await writeFile(badFile, bad);
    const refused = await zhengcai('import', 'purchasers', badFile);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/第 3 行 上级乡镇/);
    const dry = await zhengcai('import', 'purchasers', goodFile, '--dry-run');
    expect(dry.stdout).toContain('校验通过（未写入）：2 行');
    const done = await zhengcai('import', 'purchasers', goodFile);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('已导入：2 行，新建 2 条');
  }, 120_000);

  it('migrate reports the version', async () => {
    const r = await zhengcai('migrate');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/已应用 \d+ 个迁移/);
  }, 60_000);

  it('verifies a bid receipt offline, and refuses an altered one or another key', async () => {
    const keys = await openDatabase({ dataDir: 'memory' });
    const other = await openDatabase({ dataDir: 'memory' });
    try {
      await runMigrations(keys);
      await runMigrations(other);
      const signer = await platformSigner(keys.db);
      const receipt = signer.sign({
        kind: 'bidReceipt',
        bidId: '5b0c1f52-7d5e-4d8a-9a44-2f6f8e1c0a11',
        projectCode: 'ZC2026-0001',
        supplierName: '云岭县联创电脑科技有限公司',
        receivedAt: '2026-03-23T01:29:58.000Z',
        envelopeHash: 'a'.repeat(64),
      });
      const file = path.join(dataDir, 'receipt.json');
      await writeFile(file, JSON.stringify(receipt));
      const good = await zhengcai('receipt', 'verify', file, '--public-key', signer.publicKey);
      expect(good.code).toBe(0);
      expect(good.stdout).toContain('回执有效');
      expect(good.stdout).toContain('ZC2026-0001');

      await writeFile(
        file,
        JSON.stringify({
          ...receipt,
          statement: { ...receipt.statement, receivedAt: '2026-03-23T01:31:00.000Z' },
        }),
      );
      const altered = await zhengcai('receipt', 'verify', file);
      expect(altered.code).toBe(1);
      expect(altered.stderr).toContain('回执验证失败');

      await writeFile(file, JSON.stringify((await platformSigner(other.db)).sign(receipt.statement)));
      const forged = await zhengcai('receipt', 'verify', file, '--public-key', signer.publicKey);
      expect(forged.code).toBe(1);
      expect(forged.stderr).toContain('不是平台公布的公钥');

      await writeFile(file, '这不是回执');
      expect((await zhengcai('receipt', 'verify', file)).code).toBe(1);
    } finally {
      await keys.close();
      await other.close();
    }
  }, 120_000);
});
