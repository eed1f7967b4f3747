/**
 * The Atom 1.0 feed of the latest notices (RFC 4287): one entry per notice, id `urn:uuid:<notice id>`, linking to
 * the notice's portal page. Every text is XML-escaped, and characters XML 1.0 forbids are dropped.
 */
import { createHash } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import { centres } from '../../orgs/tables.ts';
import { noticeOrder, notices, projects } from '../../tendering/tables.ts';
import { CATEGORY_LABELS, NOTICE_KIND_LABELS, type feedQuery } from './contract.ts';
import { noticeConditions } from './notices.ts';
import { kindOf, summaryColumns } from './summaries.ts';

const SUMMARY_CHARS = 200;

/** Characters XML 1.0 does not allow: C0 controls other than tab and line ends, U+FFFE/F, lone surrogates. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for XML content or a quoted attribute. */
export function xmlText(s: string): string {
  return s
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A stable UUID (RFC 9562 version 8, name-based by SHA-256) for the feed's permanent id. */
function uuidFrom(name: string): string {
  const h = createHash('sha256').update(name).digest('hex').slice(0, 32).split('');
  h[12] = '8';
  h[16] = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const x = h.join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export async function noticeFeed(
  db: Db,
  q: z.infer<typeof feedQuery>,
  o: { base: string; now: Date },
): Promise<string> {
  const [centre] = await db.select({ id: centres.id, name: centres.name }).from(centres).limit(1);
  const centreName = centre?.name ?? '政府采购中心';
  const rows = await db
    .select({ ...summaryColumns, body: notices.body })
    .from(notices)
    .innerJoin(projects, eq(projects.id, notices.projectId))
    .where(noticeConditions({ kind: q.kind, category: q.category }))
    .orderBy(desc(notices.publishedAt), desc(noticeOrder), desc(notices.id))
    .limit(q.limit);
  const params = new URLSearchParams();
  if (q.kind) params.set('kind', q.kind);
  if (q.category) params.set('category', q.category);
  const qs = params.toString();
  const self = `${o.base}/api/portal/feed.atom${qs ? `?${qs}` : ''}`;
  const scope = [
    q.kind ? NOTICE_KIND_LABELS[q.kind] : '采购公告',
    q.category ? CATEGORY_LABELS[q.category] : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const updated = (rows[0]?.publishedAt ?? o.now).toISOString();
  const entries = rows.map((r) => {
    const kind = kindOf(r.kind);
    const summary = r.body.replace(/\s+/g, ' ').trim();
    return [
      '  <entry>',
      `    <id>urn:uuid:${r.id}</id>`,
      `    <title>${xmlText(r.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(`${o.base}/notices/${r.id}`)}"/>`,
      `    <published>${r.publishedAt.toISOString()}</published>`,
      `    <updated>${r.publishedAt.toISOString()}</updated>`,
      `    <category term="${kind}" label="${xmlText(NOTICE_KIND_LABELS[kind])}"/>`,
      `    <summary type="text">${xmlText(
        `${NOTICE_KIND_LABELS[kind]}｜${r.projectCode}｜${[...summary].slice(0, SUMMARY_CHARS).join('')}${
          [...summary].length > SUMMARY_CHARS ? '…' : ''
        }`,
      )}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>urn:uuid:${uuidFrom(`zhengcai:portal-feed:${centre?.id ?? 'centre'}:${qs}`)}</id>`,
    `  <title>${xmlText(`${centreName} · ${scope}`)}</title>`,
    `  <subtitle>${xmlText('政府采购公告（财办库〔2020〕50号）')}</subtitle>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(`${o.base}/notices`)}"/>`,
    `  <author><name>${xmlText(centreName)}</name></author>`,
    '  <generator>zhengcai</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
