/**
 * `npm run bench:bids` (npx tsx bench/bids.ts): issue 5's benchmark. N bidders each submit a sealed bid with one
 * M MiB document to the real server on PostgreSQL, as the browser does — POST /api/bids (the envelope), PUT the
 * sealed document (one piece up to 16 MiB), POST /api/bids/:id/complete (the signed receipt) — and, in the same
 * run, a bare node:http server (bench/bids-baseline.ts) takes the same sealed bytes on the same schedule and
 * writes each to its own file with fsync. Afterwards every receipt is checked (signature, envelope hash, document
 * hash), and the database and the file store are read back: one submitted bid per bidder, every document there.
 *
 *  - open loop: bidder i starts at i × window / N whatever the others are doing; latency runs from that scheduled
 *    instant to the receipt, so queueing in the server shows
 *  - burst: the next N bidders with C bids in flight at a time, as fast as the server answers
 *
 * Setup, not timed: a fresh database on the PostgreSQL server, the server started on it with the demo seed (its
 * open project with custodians is the one bid on); suppliers and their accounts inserted directly, as the test
 * harness does; each account signed in through POST /api/auth/login and registered through the API; each bid
 * sealed by the bench (client) before its run, with PBKDF2 at SEAL_ITERATIONS for the bidder's share.
 *
 *   --bidders N          bidders per run (default 1000)
 *   --window S           seconds the open-loop arrivals are spread over (default 60)
 *   --mib M              plaintext MiB of each bid's document (default 1)
 *   --concurrency C      bids in flight in the burst runs (default 50; 0 skips them)
 *   --database-url URL   PostgreSQL server to create the database on (default BENCH_DATABASE_URL or
 *                        postgres://postgres@127.0.0.1:5432/postgres); dropped afterwards
 *   --profile DIR        write the server's V8 CPU profile (--cpu-prof) into DIR when it stops
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { openSync, closeSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { and, eq, inArray, sql } from 'drizzle-orm';
import pg from 'pg';
import { z } from 'zod';
import { packageRoot } from '../src/app.ts';
import { bidView, publicKeyView, sealingView, type signedReceipt } from '../src/modules/bidding/contract.ts';
import { envelopeHash, sealBid, type BidEnvelope } from '../src/modules/bidding/sealing.contract.ts';
import { MAX_PIECE_BYTES } from '../src/modules/bidding/submission.ts';
import { bidDocuments, bids, projectCustodians } from '../src/modules/bidding/tables.ts';
import { creditCodeCheckChar } from '../src/modules/orgs/rules.ts';
import { suppliers } from '../src/modules/orgs/tables.ts';
import { projects } from '../src/modules/tendering/tables.ts';
import { hashPassword } from '../src/platform/auth/passwords.ts';
import { users } from '../src/platform/auth/tables.ts';
import { openDatabase, type Database } from '../src/platform/db/client.ts';
import { rawRows } from '../src/platform/db/raw.ts';
import { verifyStatement } from '../src/platform/signing.ts';
import { httpClient } from '../test/support/http.ts';

const { values } = parseArgs({
  options: {
    bidders: { type: 'string', default: '1000' },
    window: { type: 'string', default: '60' },
    mib: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '50' },
    'database-url': { type: 'string' },
    profile: { type: 'string' },
  },
});
const N = Number(values.bidders);
const WINDOW_MS = Number(values.window) * 1000;
const PLAIN_BYTES = Math.round(Number(values.mib) * 2 ** 20);
const CONCURRENCY = Number(values.concurrency);
const serverUrl =
  values['database-url'] ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (![N, WINDOW_MS, PLAIN_BYTES].every((x) => Number.isFinite(x) && x > 0) || !(CONCURRENCY >= 0))
  throw new Error('--bidders, --window and --mib must be positive, --concurrency at least 0');

const PORT = 3918;
const base = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'Bench@2026bids';
/** PBKDF2 rounds for the synthetic bidders' own shares (the browser uses 600,000; the server never runs them). */
const SEAL_ITERATIONS = 1000;
/** Setup requests (sign-in is scrypt-bound) and sealing in flight at a time. */
const SETUP_CONCURRENCY = 4;

type Receipt = z.infer<typeof signedReceipt>;
type Http = ReturnType<typeof httpClient>;

interface Bidder {
  username: string;
  supplierId: string;
  http: Http;
}

interface SealedBid {
  envelope: BidEnvelope;
  hash: string;
  document: Uint8Array;
}

interface Outcome {
  ok: boolean;
  /** Milliseconds from the bid's start (scheduled start in the open loop) to its answer. */
  latency: number;
  /** Envelope, upload, complete: milliseconds each (server runs). */
  steps: number[];
  error: string | null;
  receipt: Receipt | null;
}

interface RunResult {
  name: string;
  outcomes: Outcome[];
  spanMs: number;
  /** CPU spent during the run by the process under test, and by its PostgreSQL backends. */
  cpuMs: { app: number | null; postgres: number | null };
  clientCpuMs: number;
}

class BidFailure extends Error {}

const bar = (label: string, total: number): SingleBar => {
  const b = new SingleBar(
    { format: `${label} [{bar}] {value}/{total} {duration_formatted}`, hideCursor: true },
    Presets.shades_classic,
  );
  b.start(total, 0);
  return b;
};

/** Runs `work` over 0..n-1 with at most `width` in flight. */
async function pool(n: number, width: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < n; i = next++) await work(i);
  };
  await Promise.all(Array.from({ length: Math.min(width, n) }, worker));
}

// ── processes ─────────────────────────────────────────────────────────────────────────────────────────

function startServer(databaseUrl: string, dataDir: string): ChildProcess {
  const log = openSync(path.join(dataDir, 'server.log'), 'a');
  const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.profile)}`] : [];
  const child = spawn(
    process.execPath,
    [...profile, path.join(packageRoot, 'bin/zhengcai.js'), 'serve', '--no-web'],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        PORT: String(PORT),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        LOGIN_RATE_PER_MINUTE: '1000000',
      },
      stdio: ['ignore', log, log],
    },
  );
  closeSync(log);
  return child;
}

async function untilHealthy(child: ChildProcess): Promise<void> {
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: see server.log`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
    if (performance.now() - started > 180_000) throw new Error('server did not start in 180 s');
  }
}

/** The bare fsync server, listening on a port of its own choosing. */
async function startBaseline(dir: string): Promise<{ child: ChildProcess; url: string }> {
  await mkdir(dir, { recursive: true });
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(packageRoot, 'bench/bids-baseline.ts'), dir],
    {
      cwd: packageRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (!child.stdout) throw new Error('baseline stdout missing');
  for await (const line of createInterface({ input: child.stdout })) {
    const m = /^listening (\d+)$/.exec(line);
    if (m) return { child, url: `http://127.0.0.1:${m[1]}` };
  }
  throw new Error('baseline server did not start');
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

interface CpuSnapshot {
  app: number | null;
  backends: Map<number, number>;
}
type CpuProbe = () => Promise<CpuSnapshot>;

/** The CPU so far of the process under test and of the database's backends (those ended since are lost). */
function cpuProbe(pid: number | undefined, database: Database | null): CpuProbe {
  return async () => {
    const backends = new Map<number, number>();
    if (database) {
      const rows = await rawRows(
        database.db,
        sql`select pid from pg_stat_activity where datname = current_database()`,
        z.object({ pid: z.coerce.number() }),
      );
      for (const { pid: backend } of rows) {
        const ms = await cpuMsOf(backend);
        if (ms !== null) backends.set(backend, ms);
      }
    }
    return { app: await cpuMsOf(pid), backends };
  };
}

function cpuSpent(a: CpuSnapshot, b: CpuSnapshot, withDatabase: boolean): RunResult['cpuMs'] {
  let postgres = 0;
  for (const [pid, ms] of b.backends) postgres += ms - (a.backends.get(pid) ?? 0);
  return {
    app: a.app !== null && b.app !== null ? b.app - a.app : null,
    postgres: withDatabase ? postgres : null,
  };
}

/** User + system CPU of a process so far, milliseconds (Linux /proc, clock ticks of 10 ms). */
async function cpuMsOf(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

// ── setup ─────────────────────────────────────────────────────────────────────────────────────────────

/** The demo's project open for bids with custodians named, whose deadline is furthest off. */
async function openProjectWithCustodians(database: Database): Promise<{ id: string; code: string }> {
  const rows = await database.db
    .select({ id: projects.id, code: projects.code, deadline: projects.bidDeadlineAt })
    .from(projects)
    .innerJoin(projectCustodians, eq(projectCustodians.projectId, projects.id))
    .where(
      and(
        inArray(projects.status, ['published', 'corrected']),
        sql`${projects.bidDeadlineAt} > now() + interval '2 hours'`,
      ),
    )
    .orderBy(sql`${projects.bidDeadlineAt} desc`);
  const [row] = rows;
  if (!row) throw new Error('the demo seed left no project open for bids with custodians');
  return { id: row.id, code: row.code };
}

/** Approved suppliers with an account each, inserted as the test harness does (registration is not measured). */
async function createBidders(
  database: Database,
  n: number,
): Promise<{ username: string; supplierId: string }[]> {
  const passwordHash = await hashPassword(PASSWORD);
  const now = new Date();
  const stem = randomBytes(3).readUIntBE(0, 3) % 1000;
  const out: { username: string; supplierId: string }[] = [];
  const b = bar('accounts        ', n);
  for (let from = 0; from < n; from += 500) {
    const batch = Array.from({ length: Math.min(500, n - from) }, (_, k) => from + k);
    const made = await database.db
      .insert(suppliers)
      .values(
        batch.map((i) => {
          const body = `91150102${String(stem).padStart(3, '0')}${String(i).padStart(6, '0')}`;
          return {
            name: `压测投标人${String(i + 1).padStart(4, '0')}有限公司`,
            creditCode: body + creditCodeCheckChar(body),
            legalRepresentative: '张三',
            size: 'small',
            regionCode: '150102',
            status: 'approved',
            createdAt: now,
          };
        }),
      )
      .returning({ id: suppliers.id });
    const accounts = made.map((s, k) => ({
      username: `bench_bidder_${String(from + k + 1).padStart(5, '0')}`,
      supplierId: s.id,
    }));
    await database.db.insert(users).values(
      accounts.map((a) => ({
        username: a.username,
        displayName: a.username,
        role: 'supplier',
        passwordHash,
        supplierId: a.supplierId,
        passwordChangedAt: now,
        createdAt: now,
      })),
    );
    out.push(...accounts);
    b.update(out.length);
  }
  b.stop();
  return out;
}

/** Each account signs in (scrypt on the server) and registers for the project, through the API. */
async function signInAndRegister(
  accounts: { username: string; supplierId: string }[],
  projectId: string,
): Promise<Bidder[]> {
  const out: Bidder[] = new Array<Bidder>(accounts.length);
  const b = bar('sign in+register', accounts.length);
  await pool(accounts.length, SETUP_CONCURRENCY, async (i) => {
    const a = accounts[i];
    if (!a) return;
    const http = httpClient(base);
    await http.login(a.username, PASSWORD);
    const reg = await http.request('POST', `/api/projects/${projectId}/registration`);
    if (reg.status !== 200)
      throw new Error(`register ${a.username}: ${reg.status} ${JSON.stringify(reg.json())}`);
    out[i] = { ...a, http };
    b.increment();
  });
  b.stop();
  return out;
}

/** What each bidder's browser does before sending: seal the price sheet, declarations and document locally. */
async function sealAll(
  bidders: Bidder[],
  projectId: string,
  keys: z.infer<typeof sealingView>,
  label: string,
): Promise<SealedBid[]> {
  const lotNo = keys.lots[0]?.no ?? 1;
  const out: SealedBid[] = new Array<SealedBid>(bidders.length);
  const b = bar(`seal ${label.padEnd(11)}`, bidders.length);
  await pool(bidders.length, SETUP_CONCURRENCY * 2, async (i) => {
    const { envelope, sealedDocuments } = await sealBid({
      bidId: randomUUID(),
      projectId,
      priceSheets: [{ lotNo, priceFen: String(10_000_000 + i * 100), items: { 交货期: '30 日' } }],
      declarations: { sme: null, domesticProduct: null, other: {} },
      documents: [
        {
          kind: 'commercial',
          name: `投标文件${i}.pdf`,
          mime: 'application/pdf',
          bytes: randomBytes(PLAIN_BYTES),
        },
      ],
      bidderPassphrase: 'bench-bid-passphrase',
      centrePublicKey: keys.centrePublicKey,
      supervisorPublicKey: keys.supervisorPublicKey,
      iterations: SEAL_ITERATIONS,
    });
    const document = sealedDocuments[0];
    if (!document) throw new Error('sealBid returned no document');
    out[i] = { envelope, hash: await envelopeHash(envelope), document };
    b.increment();
  });
  b.stop();
  return out;
}

// ── the bids ──────────────────────────────────────────────────────────────────────────────────────────

const failure = (step: string, status: number, body: unknown): BidFailure => {
  const code =
    body && typeof body === 'object' && 'code' in body && typeof body.code === 'string' ? body.code : '';
  return new BidFailure(`${step} ${status}${code ? ` ${code}` : ''}`);
};

/** Envelope → document → complete, as the web app sends them; the receipt, and each step's time. */
async function bidThroughServer(
  bidder: Bidder,
  bid: SealedBid,
): Promise<{ steps: number[]; receipt: Receipt }> {
  const id = bid.envelope.bidId;
  const t0 = performance.now();
  const env = await bidder.http.request('POST', '/api/bids', { json: bid.envelope });
  if (env.status !== 201) throw failure('envelope', env.status, env.json());
  const t1 = performance.now();
  const total = bid.document.length;
  for (let start = 0; start < total; start += MAX_PIECE_BYTES) {
    const end = Math.min(total, start + MAX_PIECE_BYTES) - 1;
    const res = await bidder.http.request('PUT', `/api/bids/${id}/documents/doc:0`, {
      body: bid.document.subarray(start, end + 1),
      headers: {
        'content-type': 'application/octet-stream',
        'content-range': `bytes ${start}-${end}/${total}`,
      },
    });
    if (res.status !== 200) throw failure('upload', res.status, res.json());
  }
  const t2 = performance.now();
  const done = await bidder.http.request('POST', `/api/bids/${id}/complete`);
  if (done.status !== 200) throw failure('complete', done.status, done.json());
  const view = bidView.parse(done.json());
  if (!view.receipt) throw new BidFailure('complete 200 without receipt');
  return { steps: [t1 - t0, t2 - t1, performance.now() - t2], receipt: view.receipt };
}

async function bidThroughBaseline(url: string, bid: SealedBid): Promise<{ steps: number[]; receipt: null }> {
  const res = await fetch(`${url}/bid`, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: bid.document,
  });
  const text = await res.text();
  if (res.status !== 200) throw new BidFailure(`baseline ${res.status} ${text.slice(0, 60)}`);
  return { steps: [], receipt: null };
}

type Send = (i: number) => Promise<{ steps: number[]; receipt: Receipt | null }>;

async function attempt(send: Send, i: number, from: number): Promise<Outcome> {
  try {
    const { steps, receipt } = await send(i);
    return { ok: true, latency: performance.now() - from, steps, error: null, receipt };
  } catch (e) {
    const error =
      e instanceof BidFailure ? e.message : `network ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, latency: performance.now() - from, steps: [], error, receipt: null };
  }
}

/** Bidder i starts at i × window / n after the run starts, whatever the others are doing. */
async function openLoop(name: string, n: number, send: Send, probe: CpuProbe): Promise<RunResult> {
  const b = bar(name.padEnd(16), n);
  const cpu0 = await probe();
  const client0 = process.cpuUsage();
  const t0 = performance.now() + 50;
  const outcomes = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const at = t0 + (i * WINDOW_MS) / n;
      await new Promise((r) => setTimeout(r, Math.max(0, at - performance.now())));
      const o = await attempt(send, i, at);
      b.increment();
      return o;
    }),
  );
  const spanMs = performance.now() - t0;
  b.stop();
  return finish(name, outcomes, spanMs, cpu0, client0, probe);
}

/** All n bids, `width` in flight at a time; latency from each bid's own start. */
async function burst(
  name: string,
  n: number,
  width: number,
  send: Send,
  probe: CpuProbe,
): Promise<RunResult> {
  const b = bar(name.padEnd(16), n);
  const cpu0 = await probe();
  const client0 = process.cpuUsage();
  const outcomes = new Array<Outcome>(n);
  const t0 = performance.now();
  await pool(n, width, async (i) => {
    outcomes[i] = await attempt(send, i, performance.now());
    b.increment();
  });
  const spanMs = performance.now() - t0;
  b.stop();
  return finish(name, outcomes, spanMs, cpu0, client0, probe);
}

async function finish(
  name: string,
  outcomes: Outcome[],
  spanMs: number,
  cpu0: CpuSnapshot,
  client0: NodeJS.CpuUsage,
  probe: CpuProbe,
): Promise<RunResult> {
  const client = process.cpuUsage(client0);
  const cpu1 = await probe();
  return {
    name,
    outcomes,
    spanMs,
    cpuMs: cpuSpent(cpu0, cpu1, cpu1.backends.size > 0),
    clientCpuMs: (client.user + client.system) / 1000,
  };
}

// ── verification ──────────────────────────────────────────────────────────────────────────────────────

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Every receipt genuine and naming what was sent; the database and the file store hold exactly that. */
async function verifyServerRun(
  database: Database,
  dataDir: string,
  projectId: string,
  publicKey: string,
  bidders: Bidder[],
  sealed: SealedBid[],
  run: RunResult,
): Promise<string[]> {
  const problems: string[] = [];
  const docSha = sealed.map((s) => sha256(s.document));
  run.outcomes.forEach((o, i) => {
    const s = sealed[i];
    if (!s) return;
    if (!o.receipt) return void problems.push(`bid ${i}: no receipt (${o.error ?? '?'})`);
    const st = o.receipt.statement;
    const checked = verifyStatement(o.receipt, publicKey);
    if (!checked.ok) problems.push(`bid ${i}: receipt signature ${checked.reason}`);
    if (st.envelopeHash !== s.hash) problems.push(`bid ${i}: receipt names another envelope hash`);
    if (st.bidId !== s.envelope.bidId || st.supplierId !== bidders[i]?.supplierId)
      problems.push(`bid ${i}: receipt names another bid or supplier`);
    const d = st.documents[0];
    if (st.documents.length !== 1 || !d || d.sha256 !== docSha[i] || d.bytes !== s.document.length)
      problems.push(`bid ${i}: receipt names another document`);
  });
  const rows = await database.db
    .select({ id: bids.id, supplierId: bids.supplierId, status: bids.status, hash: bids.envelopeHash })
    .from(bids)
    .where(
      and(
        eq(bids.projectId, projectId),
        inArray(
          bids.supplierId,
          bidders.map((b) => b.supplierId),
        ),
      ),
    );
  const submitted = rows.filter((r) => r.status === 'submitted');
  if (rows.length !== bidders.length || submitted.length !== bidders.length)
    problems.push(
      `database: ${submitted.length} submitted of ${rows.length} bids for ${bidders.length} bidders`,
    );
  const byId = new Map(sealed.map((s, i) => [s.envelope.bidId, i]));
  for (const r of rows) {
    const i = byId.get(r.id);
    if (i === undefined) problems.push(`database: bid ${r.id} was never sent`);
    else if (sealed[i]?.hash !== r.hash || bidders[i]?.supplierId !== r.supplierId)
      problems.push(`database: bid ${i} stored with another envelope or supplier`);
  }
  const docs = await database.db
    .select()
    .from(bidDocuments)
    .where(
      inArray(
        bidDocuments.bidId,
        sealed.map((s) => s.envelope.bidId),
      ),
    );
  if (docs.length !== sealed.length)
    problems.push(`database: ${docs.length} stored documents of ${sealed.length}`);
  for (const d of docs) {
    const i = byId.get(d.bidId) ?? -1;
    const expected = sealed[i];
    if (!expected || d.sha256 !== docSha[i] || d.bytes !== expected.document.length) {
      problems.push(`database: document of bid ${i} stored with another hash or length`);
      continue;
    }
    const onDisk = await readFile(
      path.join(dataDir, 'files', d.blob.slice(0, 2), d.blob.slice(2, 4), d.blob),
    );
    if (onDisk.length !== expected.document.length || sha256(onDisk) !== docSha[i])
      problems.push(`file store: document of bid ${i} differs on disk`);
  }
  return problems;
}

async function verifyBaselineRun(dir: string, sealed: SealedBid[]): Promise<string[]> {
  const files = await readdir(dir);
  const sizes = new Map<number, number>();
  for (const f of files) {
    const n = (await readFile(path.join(dir, f))).length;
    sizes.set(n, (sizes.get(n) ?? 0) + 1);
  }
  const want = sealed[0]?.document.length ?? 0;
  return files.length === sealed.length && sizes.get(want) === sealed.length
    ? []
    : [
        `baseline: ${files.length} files, ${sizes.get(want) ?? 0} of the sealed length, for ${sealed.length} bids`,
      ];
}

// ── report ────────────────────────────────────────────────────────────────────────────────────────────

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
const msOf = (x: number): string => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`);

function row(r: RunResult, sealedBytes: number): string {
  const ok = r.outcomes.filter((o) => o.ok);
  const lat = ok.map((o) => o.latency).sort((a, b) => a - b);
  const errors = new Map<string, number>();
  for (const o of r.outcomes) if (o.error) errors.set(o.error, (errors.get(o.error) ?? 0) + 1);
  const secs = r.spanMs / 1000;
  const perBid = (ms: number | null): string =>
    ms === null ? '–' : `${(ms / Math.max(1, ok.length)).toFixed(1)} ms`;
  const cpu = `${perBid(r.cpuMs.app)} + ${perBid(r.cpuMs.postgres)}`;
  return [
    r.name,
    `${ok.length}/${r.outcomes.length}`,
    msOf(pct(lat, 50)),
    msOf(pct(lat, 90)),
    msOf(pct(lat, 99)),
    msOf(lat.at(-1) ?? NaN),
    `${secs.toFixed(1)} s`,
    (ok.length / secs).toFixed(1),
    ((ok.length * sealedBytes) / 2 ** 20 / secs).toFixed(1),
    cpu,
    errors.size ? [...errors].map(([k, v]) => `${v}× ${k}`).join(', ') : 'none',
  ]
    .join(' | ')
    .replace(/^/, '| ')
    .concat(' |');
}

function stepRow(r: RunResult): string | null {
  const ok = r.outcomes.filter((o) => o.ok && o.steps.length === 3);
  if (!ok.length) return null;
  const cell = (k: number): string => {
    const xs = ok.map((o) => o.steps[k] ?? 0).sort((a, b) => a - b);
    return `${msOf(pct(xs, 50))} / ${msOf(pct(xs, 99))}`;
  };
  return `| ${r.name} | ${cell(0)} | ${cell(1)} | ${cell(2)} |`;
}

async function cpuModel(): Promise<string> {
  try {
    const info = await readFile('/proc/cpuinfo', 'utf8');
    return /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? cpus()[0]?.model ?? '?';
  } catch {
    return cpus()[0]?.model ?? '?';
  }
}

// ── main ──────────────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const load0 = loadavg();
  const name = `zc_bench_bids_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const pgVersion = String((await admin.query<{ version: string }>('select version()')).rows[0]?.version);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'zc-bench-bids-'));
  const children: ChildProcess[] = [];
  let database: Database | null = null;
  try {
    console.log(`database ${name}, DATA_DIR ${dataDir}; starting the server (migrate + demo seed)…`);
    const server = startServer(url.toString(), dataDir);
    children.push(server);
    let t = performance.now();
    const setup: string[] = [];
    const lap = (what: string): void => {
      setup.push(`${what} ${((performance.now() - t) / 1000).toFixed(1)} s`);
      t = performance.now();
    };
    await untilHealthy(server);
    lap('server start (migrate + demo seed)');
    database = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused', poolSize: 4 });
    const project = await openProjectWithCustodians(database);
    console.log(`project ${project.code} (${project.id})`);

    const runs = CONCURRENCY > 0 ? 2 : 1;
    const accounts = await createBidders(database, N * runs);
    lap(`${accounts.length} suppliers + accounts inserted`);
    const everyone = await signInAndRegister(accounts, project.id);
    lap(`${accounts.length} sign-ins + registrations over HTTP`);
    const first = everyone[0];
    if (!first) throw new Error('no bidders');
    const keys = sealingView.parse(
      (await first.http.request('GET', `/api/projects/${project.id}/sealing`)).json(),
    );
    const publicKey = publicKeyView.parse(
      (await first.http.request('GET', '/api/receipts/public-key')).json(),
    ).publicKey;

    const results: RunResult[] = [];
    const problems: string[] = [];
    let sealedBytes = 0;
    const plan = [
      { label: 'open loop', bidders: everyone.slice(0, N) },
      ...(runs > 1 ? [{ label: `burst ×${CONCURRENCY}`, bidders: everyone.slice(N, 2 * N) }] : []),
    ];
    for (const [k, step] of plan.entries()) {
      t = performance.now();
      const sealed = await sealAll(step.bidders, project.id, keys, step.label);
      lap(`sealing ${N} bids (${step.label})`);
      sealedBytes = sealed[0]?.document.length ?? 0;
      const dir = path.join(dataDir, `baseline-${k}`);
      const baseline = await startBaseline(dir);
      children.push(baseline.child);
      const bareCpu = cpuProbe(baseline.child.pid, null);
      const serverCpu = cpuProbe(server.pid, database);
      const toBaseline: Send = (i) => bidThroughBaseline(baseline.url, sealed[i] as SealedBid);
      const toServer: Send = (i) => bidThroughServer(step.bidders[i] as Bidder, sealed[i] as SealedBid);
      const [b, s] =
        k === 0
          ? [
              await openLoop(`bare fsync, ${step.label}`, N, toBaseline, bareCpu),
              await openLoop(`server, ${step.label}`, N, toServer, serverCpu),
            ]
          : [
              await burst(`bare fsync, ${step.label}`, N, CONCURRENCY, toBaseline, bareCpu),
              await burst(`server, ${step.label}`, N, CONCURRENCY, toServer, serverCpu),
            ];
      results.push(b, s);
      await stop(baseline.child);
      process.stdout.write(`verifying ${step.label}… `);
      const found = [
        ...(await verifyBaselineRun(dir, sealed)),
        ...(await verifyServerRun(database, dataDir, project.id, publicKey, step.bidders, sealed, s)),
      ];
      console.log(found.length ? `${found.length} problems` : 'every bid receipted and stored');
      problems.push(...found);
      await rm(dir, { recursive: true, force: true });
    }
    const [total] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(bids)
      .where(and(eq(bids.projectId, project.id), eq(bids.status, 'submitted')));
    const load1 = loadavg();
    console.log(`\nSetup (not timed): ${setup.join(', ')}`);

    const model = await cpuModel();
    const gib = (totalmem() / 2 ** 30).toFixed(0);
    const loads = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(' ');
    console.log(
      `\nMachine: ${cpus().length} × ${model}, ${gib} GiB, Node ${process.version}, ${pgVersion.split(' on ')[0]}`,
    );
    console.log(`Load average (1/5/15 min): before ${loads(load0)}, after ${loads(load1)}`);
    console.log(
      `${N} bidders per run, one document of ${PLAIN_BYTES / 2 ** 20} MiB each (${sealedBytes} bytes sealed), ` +
        `open loop over ${WINDOW_MS / 1000} s; project ${project.code}: ${total?.n ?? 0} submitted bids in all\n`,
    );
    console.log(
      '| run | receipted | p50 | p90 | p99 | max | span | bids/s | MiB/s | CPU per bid: app + PostgreSQL | errors |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of results) console.log(row(r, sealedBytes));
    console.log('\n| server run | envelope p50 / p99 | upload p50 / p99 | complete p50 / p99 |');
    console.log('| --- | --- | --- | --- |');
    for (const r of results) {
      const line = stepRow(r);
      if (line) console.log(line);
    }
    console.log(
      `\nClient CPU per run: ${results.map((r) => `${r.name} ${(r.clientCpuMs / 1000).toFixed(1)} s`).join(', ')}`,
    );
    if (problems.length) {
      console.log(`\n${problems.length} problems:`);
      for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
      process.exitCode = 1;
    } else console.log('\nVerified: every receipt signed and naming its envelope and document; none lost.');
  } catch (e) {
    const log = await readFile(path.join(dataDir, 'server.log'), 'utf8').catch(() => '');
    if (log) console.error(`server.log (tail):\n${log.slice(-3000)}`);
    throw e;
  } finally {
    await database?.close();
    for (const c of children.reverse()) await stop(c);
    const dropper = new pg.Client({ connectionString: serverUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
