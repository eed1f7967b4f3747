import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawExportSchema, type DrawExport } from '../src/modules/evaluation/draw.contract.ts';

const run = promisify(execFile);
const bin = path.resolve('bin/zhengcai.js');
const example = 'test/fixtures/draw-example.json';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zc-draw-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the real command, with no database and no network: the replay needs only the exported file. */
async function zhengcai(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  try {
    const { stdout, stderr } = await run('node', [bin, ...args], { env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** A copy of the example with one change, written where the CLI can read it. */
async function variant(name: string, change: (record: DrawExport) => void): Promise<string> {
  const record = drawExportSchema.parse(JSON.parse(await readFile(example, 'utf8')));
  change(record);
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(record, null, 2));
  return file;
}

describe('zhengcai draw verify', () => {
  it('replays the exported draw and prints the committee', async () => {
    const r = await zhengcai('draw', 'verify', example);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('抽取记录有效');
    expect(r.stdout).toContain('抽取种子：389f6f3a4b638345b15b07cf6ed1d650170f129394bc36199fe51fbe32321e61');
    expect(r.stdout).toContain(
      '抽中：李明（云南大学信息学院）、冯静（曲靖市计算中心）、赵强（红河州信息中心）',
    );
    expect(r.stdout).toContain('候补：周杰（云岭县第一中学）、王芳（云岭县人民医院）');
    expect(r.stdout).toContain('抽中：陈刚（云南财经大学）、沈洁（云岭县农业农村局退休）');
  }, 120_000);

  it('refuses a tampered copy and says why', async () => {
    const swapped = await variant('swapped', (d) => {
      const s = d.result.slots[0];
      if (!s) throw new Error('no slot');
      s.selected = [...s.alternates.slice(0, 1), ...s.selected.slice(1)];
    });
    const a = await zhengcai('draw', 'verify', swapped);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain('抽取记录验证失败：第 1 组（A02010104）抽中人员与重放结果不一致');

    const reseeded = await variant('reseeded', (d) => {
      d.inputs.serverSeed = 'ff'.repeat(32);
    });
    const b = await zhengcai('draw', 'verify', reseeded);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('平台种子与抽取前公布的承诺值不符');

    const hidden = await variant('hidden', (d) => {
      d.inputs.serverSeed = null;
    });
    const c = await zhengcai('draw', 'verify', hidden);
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('平台种子尚未公开');

    const input = await variant('input', (d) => {
      d.inputs.supervisorInput = '0323 云岭 监督 4722';
    });
    const e = await zhengcai('draw', 'verify', input);
    expect(e.code).toBe(1);
    expect(e.stderr).toContain('抽取种子不符');

    const pool = await variant('pool', (d) => {
      d.inputs.slots[0]?.candidates.pop();
    });
    const f = await zhengcai('draw', 'verify', pool);
    expect(f.code).toBe(1);
    expect(f.stderr).toContain('候选名单与抽取前公布的名单摘要不符');

    const junk = path.join(dir, 'junk.json');
    await writeFile(junk, '这不是抽取记录');
    const g = await zhengcai('draw', 'verify', junk);
    expect(g.code).toBe(1);
    expect(g.stderr).toContain('不是有效的抽取记录文件');
  }, 240_000);
});
