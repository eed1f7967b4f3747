import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import type { HashAlgorithm } from '../config.ts';
import { AppError } from '../errors.ts';
import { classifyUpload } from './sniff.ts';

export interface StoredBlob {
  hash: string;
  hashAlg: HashAlgorithm;
  size: number;
  mime: string;
}

/**
 * Content-addressed store on the local disk: a blob's name is its digest, so identical files are kept once
 * and a stored file cannot change without changing its name. Writes go to a temporary file first and are
 * renamed into place, so a broken upload never leaves a partial blob.
 */
export class FileStore {
  constructor(
    readonly root: string,
    readonly hashAlg: HashAlgorithm,
    readonly maxBytes: number,
  ) {}

  pathOf(hash: string): string {
    return path.join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  /** Streams the upload to disk while hashing and counting; refuses it past maxBytes or of a refused type. */
  async put(source: Readable, name: string): Promise<StoredBlob> {
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const digest = createHash(this.hashAlg);
    let size = 0;
    const max = this.maxBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > max) {
          cb(new AppError(413, 'FILE_TOO_LARGE', `文件超过 ${Math.floor(max / 1024 / 1024)} MB 上限`));
          return;
        }
        digest.update(chunk);
        cb(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx' }));
      // @fastify/multipart ends a too-large file quietly and marks it truncated.
      if ('truncated' in source && source.truncated === true) {
        throw new AppError(413, 'FILE_TOO_LARGE', `文件超过 ${Math.floor(max / 1024 / 1024)} MB 上限`);
      }
      const head = await readHead(tmp, 64 * 1024);
      const sniffed = await fileTypeFromFile(tmp);
      const verdict = classifyUpload(sniffed?.mime, head, name);
      if (!verdict.ok) throw new AppError(415, 'FILE_TYPE_NOT_ALLOWED', verdict.message, 'file');
      const hash = digest.digest('hex');
      const final = this.pathOf(hash);
      await mkdir(path.dirname(final), { recursive: true });
      await rename(tmp, final);
      return { hash, hashAlg: this.hashAlg, size, mime: verdict.mime };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /**
   * Takes a finished staged file (a sealed bid document, uploaded in resumable pieces) into the store as
   * opaque bytes — no type sniffing, it is ciphertext: hashed, flushed to disk, renamed into place and the
   * directory entry flushed, so a blob the caller records survives a crash of the process or the machine.
   */
  async adopt(file: string): Promise<StoredBlob> {
    const digest = createHash(this.hashAlg);
    let size = 0;
    for await (const chunk of createReadStream(file)) {
      const b = chunk as Buffer;
      size += b.length;
      digest.update(b);
    }
    const fh = await open(file, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    const hash = digest.digest('hex');
    const final = this.pathOf(hash);
    await mkdir(path.dirname(final), { recursive: true });
    await rename(file, final);
    const dir = await open(path.dirname(final), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    return { hash, hashAlg: this.hashAlg, size, mime: 'application/octet-stream' };
  }

  /** Stores bytes made on the server (a document decrypted at the opening) the same durable way. */
  async adoptBytes(bytes: Uint8Array): Promise<StoredBlob> {
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    await writeFile(tmp, bytes, { flag: 'wx' });
    try {
      return await this.adopt(tmp);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async exists(hash: string): Promise<boolean> {
    try {
      await stat(this.pathOf(hash));
      return true;
    } catch {
      return false;
    }
  }

  read(hash: string): Readable {
    return createReadStream(this.pathOf(hash));
  }
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
