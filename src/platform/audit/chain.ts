import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { HashAlgorithm } from '../config.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields a chain hash covers; everything an auditor must be able to trust. */
export interface ChainedFields {
  seq: number;
  at: string;
  actorId: string | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
}

/**
 * hash = H(canonical JSON (RFC 8785) of the fields, including prevHash). Canonical JSON makes the digest
 * independent of key order and of how the database hands JSON back.
 */
export function chainHash(alg: HashAlgorithm, fields: ChainedFields): string {
  const text = canonicalize(fields);
  if (text === undefined) throw new Error('audit entry is not serialisable');
  return createHash(alg).update(text, 'utf8').digest('hex');
}

const REDACTED_KEYS = new Set([
  'passwordHash',
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'secret',
]);

/**
 * Turns a before/after snapshot into plain JSON: secrets dropped, bigint as decimal strings (money in fen
 * must not lose precision), dates as ISO instants.
 */
export function toAuditJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toAuditJson);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (REDACTED_KEYS.has(k) || v === undefined) continue;
      out[k] = toAuditJson(v);
    }
    return out;
  }
  return value;
}

export type ChainBreak = 'sequence' | 'prevHash' | 'hash' | 'head';

export interface StoredEntry extends ChainedFields {
  hashAlg: string;
  hash: string;
}

/** Pure check of one entry against its predecessor; null when it holds. */
export function checkEntry(
  entry: StoredEntry,
  expectedSeq: number,
  previousHash: string,
): { reason: ChainBreak; message: string } | null {
  if (entry.seq !== expectedSeq) {
    return {
      reason: 'sequence',
      message: `序号应为 ${expectedSeq}，实际为 ${entry.seq}（记录被删除、插入或重排）`,
    };
  }
  if (entry.prevHash !== previousHash) {
    return {
      reason: 'prevHash',
      message: `前序哈希与第 ${expectedSeq - 1} 条记录不符（记录被插入、删除或重排）`,
    };
  }
  if (entry.hashAlg !== 'sha256' && entry.hashAlg !== 'sm3') {
    return { reason: 'hash', message: `未知的哈希算法 ${entry.hashAlg}` };
  }
  const { hashAlg, hash, ...fields } = entry;
  if (chainHash(hashAlg, fields) !== hash) {
    return { reason: 'hash', message: '记录内容与其哈希不符（记录被篡改）' };
  }
  return null;
}
