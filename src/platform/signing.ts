/**
 * The platform's signing key (Ed25519, node:crypto): created once per installation in the settings table, so
 * every server process signs with the same key. Signed statements (bid receipts, later opening records) are
 * self-contained JSON: the statement, its canonical form's signature, and the public key — verifiable offline
 * by anyone holding the file and the published key (`zhengcai receipt verify`).
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import canonicalize from 'canonicalize';
import { eq } from 'drizzle-orm';
import type { Db } from './db/client.ts';
import { settings } from './db/tables.ts';

const SETTING = 'signing.ed25519.pkcs8';

export interface SignedStatement<T> {
  statement: T;
  alg: 'Ed25519';
  /** SHA-256 of the public key's DER (SPKI), hex: names the key. */
  keyId: string;
  /** The public key, SPKI DER, base64. */
  publicKey: string;
  /** Ed25519 signature of the statement's RFC 8785 canonical JSON, base64. */
  signature: string;
}

export interface Signer {
  keyId: string;
  publicKey: string;
  sign<T>(statement: T): SignedStatement<T>;
}

const canonical = (value: unknown): Buffer => {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('statement cannot be canonicalised');
  return Buffer.from(text, 'utf8');
};
const keyIdOf = (spki: Buffer): string => createHash('sha256').update(spki).digest('hex');

/** One signer per database handle: the key never changes once made, so each process reads it once. */
const signers = new WeakMap<Db, Promise<Signer>>();

/** The installation's signer; the key is made on first use (ON CONFLICT: concurrent first starts agree). */
export function platformSigner(db: Db): Promise<Signer> {
  let signer = signers.get(db);
  if (!signer) {
    signer = loadSigner(db);
    // A failed read (database down) is not remembered: the next call tries again.
    signer.catch(() => signers.delete(db));
    signers.set(db, signer);
  }
  return signer;
}

async function loadSigner(db: Db): Promise<Signer> {
  const fresh = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' });
  await db
    .insert(settings)
    .values({ key: SETTING, value: fresh.toString('base64') })
    .onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, SETTING));
  if (!row) throw new Error('signing key missing after insert');
  const privateKey = createPrivateKey({
    key: Buffer.from(row.value, 'base64'),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const keyId = keyIdOf(spki);
  const publicKey = spki.toString('base64');
  return {
    keyId,
    publicKey,
    sign: (statement) => ({
      statement,
      alg: 'Ed25519',
      keyId,
      publicKey,
      signature: sign(null, canonical(statement), privateKey).toString('base64'),
    }),
  };
}

export type VerifyOutcome =
  | { ok: true; keyId: string }
  | { ok: false; reason: 'signature' | 'keyId' | 'untrustedKey' | 'malformed'; message: string };

/**
 * Checks a signed statement. With `trustedPublicKey` (the key the platform publishes), the statement must be
 * signed by that key; without it, only the statement's own key is checked (integrity, not origin).
 */
export function verifyStatement(signed: SignedStatement<unknown>, trustedPublicKey?: string): VerifyOutcome {
  try {
    const spki = Buffer.from(signed.publicKey, 'base64');
    if (keyIdOf(spki) !== signed.keyId)
      return { ok: false, reason: 'keyId', message: '签名密钥标识与公钥不符' };
    if (trustedPublicKey !== undefined && trustedPublicKey.trim() !== signed.publicKey)
      return { ok: false, reason: 'untrustedKey', message: '签名公钥不是平台公布的公钥' };
    const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    const good = verify(null, canonical(signed.statement), key, Buffer.from(signed.signature, 'base64'));
    return good
      ? { ok: true, keyId: signed.keyId }
      : { ok: false, reason: 'signature', message: '签名无效：内容已被改动或不是该密钥所签' };
  } catch (e) {
    return {
      ok: false,
      reason: 'malformed',
      message: `无法解析签名文件：${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
