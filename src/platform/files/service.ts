import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { appendAudit } from '../audit/log.ts';
import type { RequestContext } from '../auth/actor.ts';
import { authorize } from '../auth/policy.ts';
import { notFound } from '../errors.ts';
import { filePolicy } from './policy.ts';
import type { FileStore } from './store.ts';
import { files, fileUploads, type FileRow } from './tables.ts';

export interface UploadedFile {
  hash: string;
  hashAlg: 'sha256' | 'sm3';
  size: number;
  mime: string;
  name: string;
  uploadId: string;
}

/** Keeps the name short and free of path separators and control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((ch) => ch >= ' ' && ch !== '\u007f')
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned || '未命名文件';
}

export async function uploadFile(
  db: Db,
  store: FileStore,
  ctx: RequestContext,
  source: Readable,
  originalName: string,
): Promise<UploadedFile> {
  authorize(ctx.actor, filePolicy, 'upload');
  const name = cleanFileName(originalName);
  const blob = await store.put(source, name);
  const now = ctx.clock.now();
  const uploadedBy = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return db.transaction(async (tx) => {
    await tx
      .insert(files)
      .values({ hash: blob.hash, hashAlg: blob.hashAlg, size: blob.size, mime: blob.mime, createdAt: now })
      .onConflictDoNothing();
    const [upload] = await tx
      .insert(fileUploads)
      .values({ hash: blob.hash, name, uploadedBy, at: now })
      .returning();
    if (!upload) throw new Error('file upload insert returned nothing');
    await appendAudit(tx, ctx, {
      action: 'file.uploaded',
      entityType: 'file',
      entityId: blob.hash,
      after: { name, size: blob.size, mime: blob.mime, uploadId: upload.id },
    });
    return { ...blob, name, uploadId: upload.id };
  });
}

/** The blob and a name to offer, if the caller may read it; NOT_FOUND otherwise. */
export async function openFile(
  db: Db,
  ctx: RequestContext,
  hash: string,
): Promise<{ file: FileRow; name: string }> {
  const [file] = await db.select().from(files).where(eq(files.hash, hash));
  if (!file) throw notFound('文件不存在');
  const uploads = await db.select().from(fileUploads).where(eq(fileUploads.hash, hash));
  const uploaders = uploads.flatMap((u) => (u.uploadedBy ? [u.uploadedBy] : []));
  authorize(ctx.actor, filePolicy, 'read', { uploaders });
  const actor = ctx.actor;
  const own = actor.kind === 'user' ? uploads.find((u) => u.uploadedBy === actor.userId) : undefined;
  return { file, name: (own ?? uploads[0])?.name ?? hash };
}
