/**
 * `npm run bench`: start-up and login throughput of the real server, as a newcomer runs it.
 *  - cold start: a new DATA_DIR (migrations + demo seed) until GET / answers 200
 *  - warm start: the same DATA_DIR again
 *  - login: POST /api/auth/login (scrypt dominates) and GET /api/auth/session for a signed-in user
 * Prints a Markdown table for docs/BENCHMARKS.md. The web app must be built (npm start does it once).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { SingleBar, Presets } from 'cli-progress';
import { packageRoot } from '../src/app.ts';
import { sessionResponse } from '../src/platform/auth/contract.ts';
import { buildWeb, webBuildNeeded } from '../src/cli/web.ts';

const PORT = 3917;
const base = `http://127.0.0.1:${PORT}`;

function start(dataDir: string): ChildProcess {
  return spawn(process.execPath, [path.join(packageRoot, 'bin/zhengcai.js'), 'serve'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_PER_MINUTE: '1000000',
    },
    stdio: 'ignore',
  });
}

async function untilFirstPage(startedAt: number): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(`${base}/`);
      if (res.ok) return performance.now() - startedAt;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
    if (performance.now() - startedAt > 120_000) throw new Error('server did not start in 120 s');
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function session(): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/auth/session`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: sessionResponse.parse(await res.json()).csrfToken };
}

async function cannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result),
    );
  });
}

async function main(): Promise<void> {
  if (webBuildNeeded(packageRoot)) await buildWeb(packageRoot);
  const rows: string[] = [];
  const bar = new SingleBar({ format: 'bench [{bar}] {value}/{total} {what}' }, Presets.shades_classic);
  bar.start(6, 0, { what: '' });

  const dataDir = await mkdtemp(path.join(tmpdir(), 'zc-bench-'));
  const coldRuns: number[] = [];
  const warmRuns: number[] = [];
  for (let i = 0; i < 2; i++) {
    await rm(dataDir, { recursive: true, force: true });
    bar.increment({ what: `cold start ${i + 1}` });
    let t0 = performance.now();
    let child = start(dataDir);
    coldRuns.push(await untilFirstPage(t0));
    await stop(child);
    bar.increment({ what: `warm start ${i + 1}` });
    t0 = performance.now();
    child = start(dataDir);
    warmRuns.push(await untilFirstPage(t0));
    if (i === 0) await stop(child);
    else {
      bar.increment({ what: 'login throughput' });
      const anon = await session();
      const login = await cannon({
        url: `${base}/api/auth/login`,
        method: 'POST',
        connections: 4,
        duration: 10,
        headers: { 'content-type': 'application/json', cookie: anon.cookie, 'x-csrf-token': anon.csrf },
        body: JSON.stringify({ username: 'jingban', password: 'Zhengcai@2026' }),
      });
      bar.increment({ what: 'session throughput' });
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: anon.cookie, 'x-csrf-token': anon.csrf },
        body: JSON.stringify({ username: 'jingban', password: 'Zhengcai@2026' }),
      });
      const cookie = [anon.cookie, ...res.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
      const sess = await cannon({
        url: `${base}/api/auth/session`,
        connections: 10,
        duration: 10,
        headers: { cookie },
      });
      await stop(child);
      bar.stop();
      const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
      rows.push(
        `| cold start to first page (new DATA_DIR: migrate + demo seed) | ${(median(coldRuns) / 1000).toFixed(2)} s | runs: ${coldRuns.map((x) => (x / 1000).toFixed(2)).join(', ')} s |`,
      );
      rows.push(
        `| warm start to first page | ${(median(warmRuns) / 1000).toFixed(2)} s | runs: ${warmRuns.map((x) => (x / 1000).toFixed(2)).join(', ')} s |`,
      );
      rows.push(
        `| POST /api/auth/login (scrypt N=16384), 4 connections, 10 s | ${login.requests.average.toFixed(1)} req/s | p50 ${login.latency.p50} ms, p99 ${login.latency.p99} ms, non-2xx ${login.non2xx} |`,
      );
      rows.push(
        `| GET /api/auth/session signed in, 10 connections, 10 s | ${sess.requests.average.toFixed(0)} req/s | p50 ${sess.latency.p50} ms, p99 ${sess.latency.p99} ms, non-2xx ${sess.non2xx} |`,
      );
    }
  }
  await rm(dataDir, { recursive: true, force: true });
  console.log(
    `\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PGlite\n`,
  );
  console.log('| measure | result | detail |\n|---|---|---|');
  for (const r of rows) console.log(r);
}

await main();
