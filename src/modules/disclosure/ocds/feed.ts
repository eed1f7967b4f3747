/**
 * Releases in the order they became public, page by page, and the record of one ocid.
 *
 * Releases are built from the stage tables, not stored. One SQL statement finds, for every public project, the
 * earliest instant at or after the cursor at which something of it became public (every release's date is such an
 * instant); projects are taken in that order a batch at a time, built, and only releases that no project not yet
 * built could precede are given out. So the feed is ordered by (date, ocid, order within the project) exactly, and
 * a cursor names a position in it that later pages continue from, whatever is published meanwhile after it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import { rawRows } from '../../../platform/db/raw.ts';
import { badRequest } from '../../../platform/errors.ts';
import {
  buildReleases,
  compareKeys,
  ocidOf,
  type BuildOptions,
  type BuiltRelease,
  type ReleaseKey,
} from './build.ts';
import { loadCentre, loadProjects } from './load.ts';

export interface FeedOptions {
  prefix: string;
  baseUrl: string | null;
  now: Date;
}

/** Every instant at which something of a project became public (a superset of its releases' dates). */
function events(from: Date, now: Date): SQL {
  // A fact known only by its Shanghai day (a filing, a milestone met) is dated at the end of that day.
  const endOfDay = (column: SQL) =>
    sql`((${column} + 1)::timestamp at time zone 'Asia/Shanghai') - interval '1 millisecond'`;
  return sql`
    select project_id, at from (
      select project_id, published_at as at from notices
      union all select project_id, completed_at from lot_openings where completed_at is not null
      union all select project_id, decided_at from complaints where status = 'decided' and decided_at is not null
      union all select c.project_id, a.recorded_at from contract_amendments a join contracts c on c.id = a.contract_id
      union all select c.project_id, x.recorded_at from acceptances x join contracts c on c.id = x.contract_id
      union all select c.project_id, p.recorded_at from payments p join contracts c on c.id = p.contract_id
      union all select project_id, ${endOfDay(sql`filed_on`)} from contracts where filed_on is not null
      union all select c.project_id, ${endOfDay(sql`m.confirmed_on`)}
        from milestones m join contracts c on c.id = m.contract_id where m.confirmed_on is not null
    ) ev
    where at >= ${from.toISOString()}::timestamptz and at <= ${now.toISOString()}::timestamptz`;
}

/** Project `p` is public once its first notice is out; a draft never published has no release at all. */
const isPublic = sql`exists (
  select 1 from notices f
  where f.project_id = p.id and f.kind in ('tender', 'prequalification', 'invitation')
)`;

/** Project `p` has something public at or after `since` (every project, when null). */
const publicSince = (since: Date | null, now: Date): SQL =>
  since ? sql`and p.id in (select project_id from (${events(since, now)}) s)` : sql``;

const candidateRow = z.object({ id: z.string(), code: z.string(), m: z.coerce.number() });
type Candidate = z.infer<typeof candidateRow>;

/** Public projects by the first instant ≥ `from` something of them became public, then by code. */
async function candidates(
  db: Db,
  o: { from: Date; now: Date; after: Candidate | null; limit: number },
): Promise<Candidate[]> {
  const first = sql`floor(extract(epoch from min(ev.at)) * 1000)::float8`;
  const after = o.after
    ? sql`having ${first} > ${o.after.m} or (${first} = ${o.after.m} and p.code collate "C" > ${o.after.code})`
    : sql``;
  return rawRows(
    db,
    sql`
      select p.id::text as id, p.code as code, ${first} as m
      from (${events(o.from, o.now)}) ev
      join projects p on p.id = ev.project_id
      where ${isPublic}
      group by p.id, p.code
      ${after}
      order by 3, p.code collate "C"
      limit ${o.limit}`,
    candidateRow,
  );
}

/** The builder's options for one request or run: the centre is read once. */
export async function buildOptions(db: Db, o: FeedOptions): Promise<BuildOptions> {
  return { prefix: o.prefix, baseUrl: o.baseUrl, now: o.now, centre: await loadCentre(db) };
}

// ── Cursors ──

const cursorShape = z.object({ a: z.number().int(), o: z.string(), s: z.number().int().min(0) });

export function encodeCursor(k: ReleaseKey): string {
  return Buffer.from(JSON.stringify({ a: k.at, o: k.ocid, s: k.seq })).toString('base64url');
}

export function decodeCursor(text: string): ReleaseKey {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    const c = cursorShape.parse(parsed);
    return { at: c.a, ocid: c.o, seq: c.s };
  } catch {
    throw badRequest('OCDS_CURSOR_INVALID', '分页游标无效：请使用上一页 links.next 中的地址', 'query.cursor');
  }
}

// ── Pages ──

export interface ReleasePage {
  releases: BuiltRelease[];
  /** The position after the page's last release, when more may follow. */
  next: ReleaseKey | null;
}

/** Projects built per round: enough for a page, few enough to keep memory flat. */
const BATCH = 50;

export async function releasePage(
  db: Db,
  o: BuildOptions,
  q: { since: Date | null; cursor: ReleaseKey | null; limit: number; batch?: number },
): Promise<ReleasePage> {
  const size = q.batch ?? BATCH;
  const from = new Date(q.cursor ? q.cursor.at : (q.since?.getTime() ?? 0));
  const after = q.cursor;
  const pool: BuiltRelease[] = [];
  const out: BuiltRelease[] = [];
  let last: Candidate | null = null;
  for (;;) {
    const found = await candidates(db, { from, now: o.now, after: last, limit: size + 1 });
    const batch = found.slice(0, size);
    const horizon = found[size] ?? null;
    for (const d of await loadProjects(
      db,
      batch.map((c) => c.id),
    )) {
      for (const r of buildReleases(d, o)) {
        if (r.key.at < from.getTime()) continue;
        if (after && compareKeys(r.key, after) <= 0) continue;
        pool.push(r);
      }
    }
    pool.sort((a, b) => compareKeys(a.key, b.key));
    // Releases no unbuilt project can precede: before the horizon's (instant, ocid).
    const horizonKey = horizon ? { at: horizon.m, ocid: ocidOf(o.prefix, horizon.code), seq: -1 } : null;
    while (out.length < q.limit) {
      const r = pool[0];
      if (!r || (horizonKey && compareKeys(r.key, horizonKey) >= 0)) break;
      out.push(r);
      pool.shift();
    }
    const lastOut = out.at(-1);
    if (out.length >= q.limit && lastOut) {
      return { releases: out, next: pool.length || horizon ? lastOut.key : null };
    }
    if (!horizon) return { releases: out, next: null };
    last = batch.at(-1) ?? null;
  }
}

/** Every release of one ocid, oldest first; empty when the ocid names no public project. */
export async function releasesOf(db: Db, o: BuildOptions, ocid: string): Promise<BuiltRelease[]> {
  const head = ocidOf(o.prefix, '');
  if (!ocid.startsWith(head)) return [];
  const code = ocid.slice(head.length);
  const [row] = await rawRows(
    db,
    sql`select id::text as id from projects where code = ${code}`,
    z.object({ id: z.string() }),
  );
  if (!row) return [];
  const [d] = await loadProjects(db, [row.id]);
  return d ? buildReleases(d, o) : [];
}

// ── Bulk ──

const projectRow = z.object({ id: z.string(), code: z.string() });

/** Public projects (with something public at or after `since`, when given), by code, after `afterCode`. */
export async function publicProjects(
  db: Db,
  o: { since: Date | null; now: Date; afterCode: string | null; limit: number | null },
): Promise<z.infer<typeof projectRow>[]> {
  const after = o.afterCode === null ? sql`` : sql`and p.code collate "C" > ${o.afterCode}`;
  const limit = o.limit === null ? sql`` : sql`limit ${o.limit}`;
  return rawRows(
    db,
    sql`
      select p.id::text as id, p.code as code from projects p
      where ${isPublic} ${publicSince(o.since, o.now)} ${after}
      order by p.code collate "C" ${limit}`,
    projectRow,
  );
}

export async function countPublicProjects(db: Db, o: { since: Date | null; now: Date }): Promise<number> {
  const [row] = await rawRows(
    db,
    sql`select count(*)::int as n from projects p where ${isPublic} ${publicSince(o.since, o.now)}`,
    z.object({ n: z.coerce.number() }),
  );
  return row?.n ?? 0;
}
