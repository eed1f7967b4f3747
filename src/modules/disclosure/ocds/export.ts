/**
 * The bulk export (`zhengcai export ocds`): every public release as JSON Lines, one release per line, projects
 * read a batch at a time so memory stays flat whatever the size of the database. Written to a temporary file and
 * renamed at the end, so a failed run leaves no half file behind.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Db } from '../../../platform/db/client.ts';
import { buildReleases } from './build.ts';
import { buildOptions, countPublicProjects, publicProjects, type FeedOptions } from './feed.ts';
import { loadProjects } from './load.ts';

export interface ExportOptions extends FeedOptions {
  out: string;
  since: Date | null;
  /** Projects per batch. */
  batchSize?: number;
  onProgress?: (doneProjects: number, totalProjects: number, releases: number) => void;
}

export interface ExportResult {
  projects: number;
  releases: number;
}

export async function exportOcds(db: Db, o: ExportOptions): Promise<ExportResult> {
  const opts = await buildOptions(db, o);
  const total = await countPublicProjects(db, { since: o.since, now: o.now });
  const partial = `${o.out}.partial`;
  const stream = createWriteStream(partial, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  let projects = 0;
  let releases = 0;
  let afterCode: string | null = null;
  try {
    o.onProgress?.(0, total, 0);
    for (;;) {
      const batch = await publicProjects(db, {
        since: o.since,
        now: o.now,
        afterCode,
        limit: o.batchSize ?? 100,
      });
      if (!batch.length) break;
      for (const d of await loadProjects(
        db,
        batch.map((p) => p.id),
      )) {
        for (const r of buildReleases(d, opts)) {
          if (o.since && r.key.at < o.since.getTime()) continue;
          await write(`${JSON.stringify(r.release)}\n`);
          releases += 1;
        }
      }
      projects += batch.length;
      afterCode = batch.at(-1)?.code ?? null;
      o.onProgress?.(projects, Math.max(total, projects), releases);
    }
    stream.end();
    await once(stream, 'finish');
    await rename(partial, o.out);
    return { projects, releases };
  } catch (err) {
    stream.destroy();
    await rm(partial, { force: true });
    throw err;
  }
}
