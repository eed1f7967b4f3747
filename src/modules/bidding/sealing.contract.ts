/**
 * The sealed-bid envelope (ADR 0005): shared by the supplier's browser, the CLI and the server, so it uses
 * WebCrypto only (globalThis.crypto.subtle in browsers and in Node ≥ 20) and imports nothing from Node.
 *
 * A bid's 256-bit data key (DEK) never leaves the bidder's machine whole before opening: it is split 2-of-3
 * (Shamir) into the bidder's share (wrapped under the bidder's passphrase), the centre's and the supervisor's
 * (each wrapped to the custodian's ECDH P-256 public key). Every part (a lot's price sheet, a document chunk)
 * is AES-256-GCM under a key derived from the DEK with HKDF, bound to its place by additional data, and
 * committed to by an HMAC of its plaintext under a DEK-derived key.
 */
import canonicalize from 'canonicalize';
import { combine, split } from 'shamir-secret-sharing';

export const SEALING_VERSION = 1 as const;
/** Documents are sealed in chunks of this many plaintext bytes (the last may be shorter). */
export const CHUNK_BYTES = 1024 * 1024;
/** PBKDF2-SHA256 iterations for passphrase wrapping (OWASP 2023 guidance for SHA-256). */
export const PBKDF2_ITERATIONS = 600_000;
export const MIN_PASSPHRASE_LENGTH = 12;

import {
  copy,
  fromBase64,
  passphraseKey,
  random,
  sha256Hex,
  subtle,
  te,
  toBase64,
  toHex,
  type CryptoKeyHandle,
} from '../../platform/webcrypto.contract.ts';

export { fromBase64, sha256Hex, toBase64, toHex, type CryptoKeyHandle };

// ── shapes ────────────────────────────────────────────────────────────────────────────────────────────

/** Where a sealed part belongs; the additional data of its encryption. */
export interface PartContext {
  projectId: string;
  bidId: string;
  /** `lot:3`, `doc:<n>` … */
  part: string;
}

export interface SealedPart {
  alg: 'AES-256-GCM';
  nonce: string;
  ciphertext: string;
  /** HMAC-SHA256 of the plaintext under the DEK-derived commitment key, hex. */
  commitment: string;
}

export interface PassphraseWrapped {
  kind: 'passphrase';
  kdf: 'PBKDF2-SHA256';
  salt: string;
  iterations: number;
  nonce: string;
  ciphertext: string;
}

export interface KeyWrapped {
  kind: 'ecies';
  alg: 'ECDH-P256+HKDF-SHA256+AES-256-GCM';
  /** The ephemeral public key, raw (uncompressed point), base64. */
  ephemeralPublicKey: string;
  nonce: string;
  ciphertext: string;
}

export type Holder = 'bidder' | 'centre' | 'supervisor';

export interface KeyShares {
  version: typeof SEALING_VERSION;
  threshold: 2;
  bidder: PassphraseWrapped;
  centre: KeyWrapped;
  supervisor: KeyWrapped;
}

export interface CustodianKey {
  /** Raw uncompressed P-256 point, base64: published, used to wrap shares to this custodian. */
  publicKey: string;
  /** The PKCS#8 private key wrapped under the custodian's passphrase. */
  wrappedPrivateKey: PassphraseWrapped;
}

// ── derivations ───────────────────────────────────────────────────────────────────────────────────────

const aad = (ctx: PartContext): Uint8Array<ArrayBuffer> =>
  te.encode(`zhengcai/bid/v${SEALING_VERSION}|project:${ctx.projectId}|bid:${ctx.bidId}|part:${ctx.part}`);

async function hkdfKey(
  secret: Uint8Array,
  salt: Uint8Array,
  info: string,
  usage: 'encrypt' | 'hmac',
): Promise<CryptoKeyHandle> {
  const base = await subtle().importKey('raw', copy(secret), 'HKDF', false, ['deriveKey']);
  const params = { name: 'HKDF', hash: 'SHA-256', salt: copy(salt), info: te.encode(info) };
  return usage === 'encrypt'
    ? subtle().deriveKey(params, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
    : subtle().deriveKey(params, base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, [
        'sign',
        'verify',
      ]);
}

const partKey = (dek: Uint8Array, ctx: PartContext) =>
  hkdfKey(dek, te.encode(ctx.bidId), `zhengcai/part/v1|${ctx.part}`, 'encrypt');
const commitKey = (dek: Uint8Array, ctx: PartContext) =>
  hkdfKey(dek, te.encode(ctx.bidId), `zhengcai/commit/v1|${ctx.part}`, 'hmac');

export class SealingError extends Error {
  constructor(
    readonly code: 'WRONG_PASSPHRASE' | 'WRONG_KEY' | 'TAMPERED' | 'COMMITMENT_MISMATCH' | 'WEAK_PASSPHRASE',
    message: string,
  ) {
    super(message);
    this.name = 'SealingError';
  }
}

async function decrypt(
  key: CryptoKeyHandle,
  nonce: Uint8Array,
  data: Uint8Array,
  ad: Uint8Array,
  code: SealingError['code'],
) {
  try {
    return new Uint8Array(
      await subtle().decrypt({ name: 'AES-GCM', iv: copy(nonce), additionalData: copy(ad) }, key, copy(data)),
    );
  } catch {
    throw new SealingError(
      code,
      code === 'WRONG_PASSPHRASE'
        ? '口令不正确'
        : code === 'WRONG_KEY'
          ? '密钥不匹配'
          : '密文已被篡改或不完整',
    );
  }
}

// ── parts ─────────────────────────────────────────────────────────────────────────────────────────────

export function newDataKey(): Uint8Array<ArrayBuffer> {
  return random(32);
}

export async function sealPart(
  dek: Uint8Array,
  ctx: PartContext,
  plaintext: Uint8Array,
): Promise<SealedPart> {
  const nonce = random(12);
  const ciphertext = new Uint8Array(
    await subtle().encrypt(
      { name: 'AES-GCM', iv: nonce, additionalData: aad(ctx) },
      await partKey(dek, ctx),
      copy(plaintext),
    ),
  );
  const mac = new Uint8Array(await subtle().sign('HMAC', await commitKey(dek, ctx), copy(plaintext)));
  return {
    alg: 'AES-256-GCM',
    nonce: toBase64(nonce),
    ciphertext: toBase64(ciphertext),
    commitment: toHex(mac),
  };
}

/** Decrypts a part and proves it is the plaintext that was committed to; throws SealingError otherwise. */
export async function openPart(dek: Uint8Array, ctx: PartContext, sealed: SealedPart): Promise<Uint8Array> {
  const plain = await decrypt(
    await partKey(dek, ctx),
    fromBase64(sealed.nonce),
    fromBase64(sealed.ciphertext),
    aad(ctx),
    'TAMPERED',
  );
  const mac = toHex(new Uint8Array(await subtle().sign('HMAC', await commitKey(dek, ctx), copy(plain))));
  if (mac !== sealed.commitment)
    throw new SealingError('COMMITMENT_MISMATCH', '解密内容与投标时的承诺值不符');
  return plain;
}

/** JSON parts (price sheets, declarations): canonical enough for a commitment — the exact bytes are sealed. */
export async function sealJson(dek: Uint8Array, ctx: PartContext, value: unknown): Promise<SealedPart> {
  return sealPart(dek, ctx, te.encode(JSON.stringify(value)));
}
export async function openJson(dek: Uint8Array, ctx: PartContext, sealed: SealedPart): Promise<unknown> {
  return JSON.parse(new TextDecoder().decode(await openPart(dek, ctx, sealed))) as unknown;
}

/**
 * One chunk of a document. The chunk's index and whether it is the last are in the additional data, so chunks
 * cannot be reordered, dropped or the file cut short without the opening noticing.
 */
export async function sealChunk(
  dek: Uint8Array,
  ctx: PartContext,
  index: number,
  last: boolean,
  chunk: Uint8Array,
): Promise<Uint8Array> {
  const nonce = random(12);
  const ad = te.encode(`${new TextDecoder().decode(aad(ctx))}|chunk:${index}|last:${last ? 1 : 0}`);
  const ct = new Uint8Array(
    await subtle().encrypt(
      { name: 'AES-GCM', iv: nonce, additionalData: ad },
      await partKey(dek, ctx),
      copy(chunk),
    ),
  );
  const out = new Uint8Array(12 + ct.length);
  out.set(nonce, 0);
  out.set(ct, 12);
  return out;
}

export async function openChunk(
  dek: Uint8Array,
  ctx: PartContext,
  index: number,
  last: boolean,
  sealed: Uint8Array,
): Promise<Uint8Array> {
  const ad = te.encode(`${new TextDecoder().decode(aad(ctx))}|chunk:${index}|last:${last ? 1 : 0}`);
  return decrypt(await partKey(dek, ctx), sealed.subarray(0, 12), sealed.subarray(12), ad, 'TAMPERED');
}

/** Sealed size of a chunk: nonce + ciphertext + GCM tag. */
export const sealedChunkBytes = (plainBytes: number): number => 12 + plainBytes + 16;

// ── wrapping ──────────────────────────────────────────────────────────────────────────────────────────

export function passphraseProblem(passphrase: string): string | null {
  return [...passphrase].length < MIN_PASSPHRASE_LENGTH ? `口令至少 ${MIN_PASSPHRASE_LENGTH} 个字符` : null;
}

export async function wrapWithPassphrase(
  secret: Uint8Array,
  passphrase: string,
  context: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<PassphraseWrapped> {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new SealingError('WEAK_PASSPHRASE', problem);
  const salt = random(16);
  const nonce = random(12);
  const key = await passphraseKey(passphrase, salt, iterations);
  const ct = new Uint8Array(
    await subtle().encrypt(
      { name: 'AES-GCM', iv: nonce, additionalData: te.encode(context) },
      key,
      copy(secret),
    ),
  );
  return {
    kind: 'passphrase',
    kdf: 'PBKDF2-SHA256',
    salt: toBase64(salt),
    iterations,
    nonce: toBase64(nonce),
    ciphertext: toBase64(ct),
  };
}

export async function unwrapWithPassphrase(
  w: PassphraseWrapped,
  passphrase: string,
  context: string,
): Promise<Uint8Array> {
  const key = await passphraseKey(passphrase, fromBase64(w.salt), w.iterations);
  return decrypt(key, fromBase64(w.nonce), fromBase64(w.ciphertext), te.encode(context), 'WRONG_PASSPHRASE');
}

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

async function eciesKey(
  shared: ArrayBuffer,
  ephemeralRaw: Uint8Array,
  context: string,
): Promise<CryptoKeyHandle> {
  return hkdfKey(new Uint8Array(shared), ephemeralRaw, `zhengcai/wrap/v1|${context}`, 'encrypt');
}

export async function wrapForKey(
  secret: Uint8Array,
  publicKeyB64: string,
  context: string,
): Promise<KeyWrapped> {
  const recipient = await subtle().importKey('raw', fromBase64(publicKeyB64), ECDH, false, []);
  const eph = await subtle().generateKey(ECDH, true, ['deriveBits']);
  const ephRaw = new Uint8Array(await subtle().exportKey('raw', eph.publicKey));
  const shared = await subtle().deriveBits({ name: 'ECDH', public: recipient }, eph.privateKey, 256);
  const key = await eciesKey(shared, ephRaw, context);
  const nonce = random(12);
  const ct = new Uint8Array(
    await subtle().encrypt(
      { name: 'AES-GCM', iv: nonce, additionalData: te.encode(context) },
      key,
      copy(secret),
    ),
  );
  return {
    kind: 'ecies',
    alg: 'ECDH-P256+HKDF-SHA256+AES-256-GCM',
    ephemeralPublicKey: toBase64(ephRaw),
    nonce: toBase64(nonce),
    ciphertext: toBase64(ct),
  };
}

export async function unwrapWithKey(
  w: KeyWrapped,
  privateKey: CryptoKeyHandle,
  context: string,
): Promise<Uint8Array> {
  const ephRaw = fromBase64(w.ephemeralPublicKey);
  const eph = await subtle().importKey('raw', ephRaw, ECDH, false, []);
  const shared = await subtle().deriveBits({ name: 'ECDH', public: eph }, privateKey, 256);
  const key = await eciesKey(shared, ephRaw, context);
  return decrypt(key, fromBase64(w.nonce), fromBase64(w.ciphertext), te.encode(context), 'WRONG_KEY');
}

// ── custodians ────────────────────────────────────────────────────────────────────────────────────────

const custodianContext = (publicKey: string): string => `zhengcai/custodian/v1|${publicKey}`;

/** A custodian's opening key pair, made where the custodian sits; only the wrapped private key is uploaded. */
export async function newCustodianKey(
  passphrase: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<CustodianKey> {
  const pair = await subtle().generateKey(ECDH, true, ['deriveBits']);
  const publicKey = toBase64(new Uint8Array(await subtle().exportKey('raw', pair.publicKey)));
  const pkcs8 = new Uint8Array(await subtle().exportKey('pkcs8', pair.privateKey));
  return {
    publicKey,
    wrappedPrivateKey: await wrapWithPassphrase(pkcs8, passphrase, custodianContext(publicKey), iterations),
  };
}

export async function unlockCustodianKey(key: CustodianKey, passphrase: string): Promise<CryptoKeyHandle> {
  const pkcs8 = await unwrapWithPassphrase(
    key.wrappedPrivateKey,
    passphrase,
    custodianContext(key.publicKey),
  );
  return subtle().importKey('pkcs8', copy(pkcs8), ECDH, false, ['deriveBits']);
}

// ── shares ────────────────────────────────────────────────────────────────────────────────────────────

export const shareContext = (projectId: string, bidId: string, holder: Holder): string =>
  `zhengcai/share/v1|project:${projectId}|bid:${bidId}|holder:${holder}`;

/** Splits the DEK 2-of-3 and wraps each share for its holder. */
export async function splitDataKey(
  dek: Uint8Array,
  o: {
    projectId: string;
    bidId: string;
    bidderPassphrase: string;
    centrePublicKey: string;
    supervisorPublicKey: string;
    iterations?: number;
  },
): Promise<KeyShares> {
  const [b, c, s] = await split(copy(dek), 3, 2);
  if (!b || !c || !s) throw new Error('split returned fewer than 3 shares');
  return {
    version: SEALING_VERSION,
    threshold: 2,
    bidder: await wrapWithPassphrase(
      b,
      o.bidderPassphrase,
      shareContext(o.projectId, o.bidId, 'bidder'),
      o.iterations,
    ),
    centre: await wrapForKey(c, o.centrePublicKey, shareContext(o.projectId, o.bidId, 'centre')),
    supervisor: await wrapForKey(s, o.supervisorPublicKey, shareContext(o.projectId, o.bidId, 'supervisor')),
  };
}

/** Any two unwrapped shares give back the DEK. */
export async function combineShares(shares: readonly Uint8Array[]): Promise<Uint8Array> {
  if (shares.length < 2) throw new SealingError('WRONG_KEY', '至少需要两份密钥分量');
  return combine(shares.map(copy));
}

// ── the envelope as submitted ─────────────────────────────────────────────────────────────────────────

/** What the supplier's browser uploads: sealed parts and wrapped shares, never a key or a price in the clear. */
export type DocumentKind = 'commercial' | 'technical' | 'blindTechnical' | 'other';

/** A sealed document as declared in the envelope; its bytes follow in resumable uploads. */
export interface SealedDocumentMeta {
  /** `doc:0`, `doc:1` … */
  part: string;
  kind: DocumentKind;
  chunks: number;
  sealedBytes: number;
  /** SHA-256 (hex) of the sealed bytes: the receipt names it, the upload must match it. */
  sha256: string;
}

export interface BidEnvelope {
  version: typeof SEALING_VERSION;
  /** Chosen by the client before sealing (the parts' additional data names it); a retried upload reuses it. */
  bidId: string;
  projectId: string;
  lots: { lotNo: number; priceSheet: SealedPart }[];
  declarations: SealedPart;
  /** Documents' names and types, sealed: a 暗标 file's name must not reveal the bidder before opening. */
  manifest: SealedPart;
  documents: SealedDocumentMeta[];
  shares: KeyShares;
}

/** What the sealed manifest says of each document. */
export interface ManifestEntry {
  part: string;
  name: string;
  mime: string;
  bytes: number;
}

/** Sealed layout of a document: its chunks one after another, each nonce ‖ ciphertext ‖ tag. */
export function sealedChunkSizes(chunks: number, sealedBytes: number): number[] {
  const full = sealedChunkBytes(CHUNK_BYTES);
  const sizes = Array.from({ length: Math.max(0, chunks - 1) }, () => full);
  sizes.push(sealedBytes - full * (chunks - 1));
  return sizes;
}

/** Seals a whole document (read into memory in the browser) chunk by chunk under the bid's key. */
export async function sealDocument(
  dek: Uint8Array,
  ctx: PartContext,
  bytes: Uint8Array,
): Promise<Uint8Array> {
  const count = Math.max(1, Math.ceil(bytes.length / CHUNK_BYTES));
  const parts: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const chunk = bytes.subarray(i * CHUNK_BYTES, Math.min(bytes.length, (i + 1) * CHUNK_BYTES));
    parts.push(await sealChunk(dek, ctx, i, i === count - 1, chunk));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Opens a sealed document; throws SealingError if any chunk was altered, reordered or cut off. */
export async function openDocument(
  dek: Uint8Array,
  ctx: PartContext,
  meta: Pick<SealedDocumentMeta, 'chunks' | 'sealedBytes'>,
  sealed: Uint8Array,
): Promise<Uint8Array> {
  if (sealed.length !== meta.sealedBytes) throw new SealingError('TAMPERED', '文件长度与投标时声明的不符');
  const sizes = sealedChunkSizes(meta.chunks, meta.sealedBytes);
  if (sizes.some((n) => n < sealedChunkBytes(0))) throw new SealingError('TAMPERED', '文件分块信息不正确');
  const plain: Uint8Array[] = [];
  let at = 0;
  for (const [i, n] of sizes.entries()) {
    plain.push(await openChunk(dek, ctx, i, i === sizes.length - 1, sealed.subarray(at, at + n)));
    at += n;
  }
  const out = new Uint8Array(plain.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of plain) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** SHA-256 (hex) of the envelope's RFC 8785 canonical JSON: the receipt names it, the bidder can recompute it. */
export async function envelopeHash(envelope: BidEnvelope): Promise<string> {
  const text = canonicalize(envelope);
  if (text === undefined) throw new Error('envelope cannot be canonicalised');
  return sha256Hex(te.encode(text));
}

/** The price sheet of one lot (开标一览表 row): what is read out at the opening. */
export interface PriceSheet {
  lotNo: number;
  /** 投标报价, integer fen as a decimal string. */
  priceFen: string;
  /** Other read-out items the documents ask for (交货期, 质保期 …). */
  items: Record<string, string>;
}

/** Declarations the project asks for (中小企业声明函, 本国产品 …), sealed with the bid. */
export interface Declarations {
  sme: { size: 'medium' | 'small' | 'micro' | 'none'; statement: string } | null;
  domesticProduct: boolean | null;
  other: Record<string, string>;
}

export interface DocumentInput {
  kind: DocumentKind;
  name: string;
  mime: string;
  bytes: Uint8Array;
}

/**
 * Seals a whole bid in the bidder's browser: the parts under a fresh DEK, the DEK split 2-of-3.
 */
export async function sealBid(o: {
  bidId: string;
  projectId: string;
  priceSheets: readonly PriceSheet[];
  declarations: Declarations;
  documents?: readonly DocumentInput[];
  bidderPassphrase: string;
  centrePublicKey: string;
  supervisorPublicKey: string;
  iterations?: number;
}): Promise<{ envelope: BidEnvelope; sealedDocuments: Uint8Array[] }> {
  const dek = newDataKey();
  const at = (part: string): PartContext => ({ projectId: o.projectId, bidId: o.bidId, part });
  const lots = [];
  for (const sheet of o.priceSheets) {
    lots.push({ lotNo: sheet.lotNo, priceSheet: await sealJson(dek, at(`lot:${sheet.lotNo}`), sheet) });
  }
  const documents: SealedDocumentMeta[] = [];
  const sealedDocuments: Uint8Array[] = [];
  const manifest: ManifestEntry[] = [];
  for (const [i, d] of (o.documents ?? []).entries()) {
    const part = `doc:${i}`;
    const sealed = await sealDocument(dek, at(part), d.bytes);
    sealedDocuments.push(sealed);
    documents.push({
      part,
      kind: d.kind,
      chunks: Math.max(1, Math.ceil(d.bytes.length / CHUNK_BYTES)),
      sealedBytes: sealed.length,
      sha256: await sha256Hex(sealed),
    });
    manifest.push({ part, name: d.name, mime: d.mime, bytes: d.bytes.length });
  }
  const envelope: BidEnvelope = {
    version: SEALING_VERSION,
    bidId: o.bidId,
    projectId: o.projectId,
    lots,
    declarations: await sealJson(dek, at('declarations'), o.declarations),
    manifest: await sealJson(dek, at('manifest'), manifest),
    documents,
    shares: await splitDataKey(dek, o),
  };
  // The envelope is POSTed; each document's sealed bytes are uploaded after it, in resumable pieces.
  return { envelope, sealedDocuments };
}
