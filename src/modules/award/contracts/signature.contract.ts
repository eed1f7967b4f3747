/**
 * Electronic signatures of the 政府采购合同 (issue 7), shared by the signer's browser, the server and the CLI: WebCrypto
 * only (globalThis.crypto.subtle in browsers and in Node ≥ 20), nothing from Node.
 *
 * Each signing party's account has an Ed25519 key pair made in the holder's browser. The private key (PKCS#8) is
 * kept on the platform only wrapped under the holder's passphrase (PBKDF2-SHA-256 → AES-256-GCM), so the platform
 * can never sign for anyone; the public key (SPKI) and its SHA-256 fingerprint are registered in the clear.
 *
 * A party signs the RFC 8785 canonical JSON of a statement naming the contract, its document hash, the amount and
 * the party. The exported contract (document, both signatures with their public keys, the platform's attestation)
 * is checked offline by `verifyContractExport`, which `zhengcai contract verify` runs.
 */
import canonicalize from 'canonicalize';
import { z } from 'zod';
import {
  fromBase64,
  passphraseKey,
  random,
  sha256Hex,
  subtle,
  te,
  toBase64,
  type CryptoKeyHandle as SigningKeyHandle,
} from '../../../platform/webcrypto.contract.ts';

export { fromBase64, sha256Hex, toBase64, type SigningKeyHandle };

/** OWASP 2023 floor for PBKDF2-HMAC-SHA256; the browser wraps with more (SIGNING_KEY_ITERATIONS). */
export const MIN_SIGNING_KEY_ITERATIONS = 210_000;
export const SIGNING_KEY_ITERATIONS = 600_000;
export const MIN_SIGNING_PASSPHRASE_LENGTH = 12;

const ED25519 = { name: 'Ed25519' } as const;

/** Additional data of the wrapping: a wrapped signing key cannot be passed off as another kind of secret. */
const WRAP_CONTEXT = 'zhengcai/signing-key/v1';

/** The same shape as `WrappedSigningKey` in ../tables.ts (kept here so the browser need not import the schema). */
export const wrappedSigningKeySchema = z.object({
  kdf: z.literal('PBKDF2-SHA-256'),
  iterations: z
    .number()
    .int()
    .min(MIN_SIGNING_KEY_ITERATIONS, `口令派生迭代次数不得少于 ${MIN_SIGNING_KEY_ITERATIONS}`)
    .max(10_000_000),
  salt: z.string().min(1).max(200),
  iv: z.string().min(1).max(200),
  ciphertext: z.string().min(1).max(2000),
});
export type WrappedKey = z.infer<typeof wrappedSigningKeySchema>;

export class SignatureError extends Error {
  constructor(
    readonly code: 'WRONG_PASSPHRASE' | 'WEAK_PASSPHRASE' | 'BAD_KEY' | 'NOT_CANONICAL',
    message: string,
  ) {
    super(message);
    this.name = 'SignatureError';
  }
}

export function signingPassphraseProblem(passphrase: string): string | null {
  return [...passphrase].length < MIN_SIGNING_PASSPHRASE_LENGTH
    ? `签名口令至少 ${MIN_SIGNING_PASSPHRASE_LENGTH} 个字符`
    : null;
}

/** SHA-256 of the SPKI bytes, hex: names the key. */
export async function fingerprintOf(publicKeyB64: string): Promise<string> {
  return sha256Hex(fromBase64(publicKeyB64));
}

/** What the browser registers: the public key, its fingerprint, the wrapped private key. */
export interface NewSigningKey {
  publicKey: string;
  fingerprint: string;
  wrapped: WrappedKey;
  /** The usable private key, for signing right away without unwrapping again. */
  privateKey: SigningKeyHandle;
}

/** Makes an Ed25519 key pair and wraps its private half under the holder's passphrase. */
export async function newSigningKey(
  passphrase: string,
  iterations = SIGNING_KEY_ITERATIONS,
): Promise<NewSigningKey> {
  const problem = signingPassphraseProblem(passphrase);
  if (problem) throw new SignatureError('WEAK_PASSPHRASE', problem);
  if (iterations < MIN_SIGNING_KEY_ITERATIONS) throw new RangeError(`too few iterations: ${iterations}`);
  const pair = (await subtle().generateKey(ED25519, true, ['sign', 'verify'])) as {
    publicKey: SigningKeyHandle;
    privateKey: SigningKeyHandle;
  };
  const spki = new Uint8Array(await subtle().exportKey('spki', pair.publicKey));
  const pkcs8 = new Uint8Array(await subtle().exportKey('pkcs8', pair.privateKey));
  const salt = random(16);
  const iv = random(12);
  const key = await passphraseKey(passphrase, salt, iterations);
  const ciphertext = new Uint8Array(
    await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: te.encode(WRAP_CONTEXT) }, key, pkcs8),
  );
  pkcs8.fill(0);
  const publicKey = toBase64(spki);
  // Re-import the private key as not extractable: what stays in the page cannot be exported again.
  const privateKey = await unwrapSigningKey(
    {
      kdf: 'PBKDF2-SHA-256',
      iterations,
      salt: toBase64(salt),
      iv: toBase64(iv),
      ciphertext: toBase64(ciphertext),
    },
    passphrase,
  );
  return {
    publicKey,
    fingerprint: await fingerprintOf(publicKey),
    wrapped: {
      kdf: 'PBKDF2-SHA-256',
      iterations,
      salt: toBase64(salt),
      iv: toBase64(iv),
      ciphertext: toBase64(ciphertext),
    },
    privateKey,
  };
}

/** Unwraps the private key with the holder's passphrase (WRONG_PASSPHRASE when it does not open). */
export async function unwrapSigningKey(wrapped: WrappedKey, passphrase: string): Promise<SigningKeyHandle> {
  const key = await passphraseKey(passphrase, fromBase64(wrapped.salt), wrapped.iterations);
  let pkcs8: Uint8Array<ArrayBuffer>;
  try {
    pkcs8 = new Uint8Array(
      await subtle().decrypt(
        { name: 'AES-GCM', iv: fromBase64(wrapped.iv), additionalData: te.encode(WRAP_CONTEXT) },
        key,
        fromBase64(wrapped.ciphertext),
      ),
    );
  } catch {
    throw new SignatureError('WRONG_PASSPHRASE', '签名口令不正确');
  }
  try {
    return await subtle().importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
  } finally {
    pkcs8.fill(0);
  }
}

/** Whether the text is an Ed25519 SPKI public key (base64) that WebCrypto accepts. */
export async function isEd25519PublicKey(publicKeyB64: string): Promise<boolean> {
  try {
    const spki = fromBase64(publicKeyB64);
    // SPKI of an Ed25519 key: 12 bytes of header (OID 1.3.101.112) and the 32-byte point.
    if (spki.length !== 44) return false;
    await subtle().importKey('spki', spki, ED25519, true, ['verify']);
    return true;
  } catch {
    return false;
  }
}

// ── canonical statements ──────────────────────────────────────────────────────────────────────────────

/** RFC 8785 canonical JSON as UTF-8 bytes. */
export function canonicalBytes(value: unknown): Uint8Array<ArrayBuffer> {
  const text = canonicalize(value);
  if (text === undefined) throw new SignatureError('NOT_CANONICAL', '内容无法规范化');
  return te.encode(text);
}

/** SHA-256 hex of the canonical JSON: the contract's document hash. */
export async function canonicalHash(value: unknown): Promise<string> {
  return sha256Hex(canonicalBytes(value));
}

export type ContractParty = 'purchaser' | 'supplier';
export const PARTY_LABELS: Record<ContractParty, string> = { purchaser: '采购人', supplier: '供应商' };

export const contractSignatureStatement = z.object({
  kind: z.literal('contractSignature'),
  version: z.literal(1),
  contractId: z.uuid(),
  code: z.string(),
  documentHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Integer fen as a decimal string. */
  amountFen: z.string().regex(/^\d+$/),
  party: z.enum(['purchaser', 'supplier']),
  signerUserId: z.uuid(),
  keyFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ContractSignatureStatement = z.infer<typeof contractSignatureStatement>;

/** Ed25519 signature of the canonical statement, base64. */
export async function signStatement(privateKey: SigningKeyHandle, statement: unknown): Promise<string> {
  return toBase64(new Uint8Array(await subtle().sign(ED25519, privateKey, canonicalBytes(statement))));
}

/** Checks an Ed25519 signature of the canonical statement against an SPKI public key (base64). */
export async function verifyStatementSignature(
  publicKeyB64: string,
  statement: unknown,
  signatureB64: string,
): Promise<boolean> {
  try {
    const key = await subtle().importKey('spki', fromBase64(publicKeyB64), ED25519, false, ['verify']);
    return await subtle().verify(ED25519, key, fromBase64(signatureB64), canonicalBytes(statement));
  } catch {
    return false;
  }
}

// ── the exported contract and its offline check ───────────────────────────────────────────────────────

export const exportedSignature = z.object({
  party: z.enum(['purchaser', 'supplier']),
  signerName: z.string(),
  unitName: z.string(),
  publicKey: z.string(),
  keyFingerprint: z.string(),
  statement: contractSignatureStatement,
  signature: z.string(),
  signedAt: z.string(),
});

export const contractAttestationStatement = z.object({
  kind: z.literal('contractAttestation'),
  version: z.literal(1),
  contractId: z.uuid(),
  code: z.string(),
  documentHash: z.string(),
  amountFen: z.string(),
  signedOn: z.string().nullable(),
  signatures: z.array(
    z.object({
      party: z.enum(['purchaser', 'supplier']),
      keyFingerprint: z.string(),
      signature: z.string(),
      signedAt: z.string(),
    }),
  ),
  exportedAt: z.string(),
});
export type ContractAttestationStatement = z.infer<typeof contractAttestationStatement>;

export const contractExportSchema = z.object({
  format: z.literal('zhengcai-contract'),
  version: z.literal(1),
  contract: z.object({
    id: z.uuid(),
    code: z.string(),
    projectCode: z.string(),
    lotNo: z.number().int(),
    purchaserName: z.string(),
    supplierName: z.string(),
    amountFen: z.string(),
    signedOn: z.string().nullable(),
  }),
  document: z.record(z.string(), z.unknown()),
  documentHash: z.string(),
  signatures: z.array(exportedSignature),
  /** The platform's signed statement (platform/signing.ts SignedStatement shape). */
  attestation: z.object({
    statement: contractAttestationStatement,
    alg: z.literal('Ed25519'),
    keyId: z.string(),
    publicKey: z.string(),
    signature: z.string(),
  }),
});
export type ContractExport = z.infer<typeof contractExportSchema>;

export interface ExportCheck {
  label: string;
  ok: boolean;
  message: string;
}

export interface ExportVerdict {
  ok: boolean;
  checks: ExportCheck[];
}

/**
 * Checks an exported contract offline: the document hash, each party's signature (its key's fingerprint, the
 * statement naming this contract, this document, this amount and this party), and the platform's attestation —
 * against `trustedPlatformKey` when given (the key the platform publishes), else only for integrity.
 */
export async function verifyContractExport(
  record: ContractExport,
  trustedPlatformKey?: string,
): Promise<ExportVerdict> {
  const checks: ExportCheck[] = [];
  const add = (label: string, ok: boolean, good: string, bad: string): void => {
    checks.push({ label, ok, message: ok ? good : bad });
  };
  const { contract } = record;

  const hash = await canonicalHash(record.document);
  add(
    '合同文本摘要',
    hash === record.documentHash,
    `一致（SHA-256 ${hash}）`,
    `不一致：按文本重算为 ${hash}，文件记载为 ${record.documentHash}，合同文本已被改动`,
  );

  for (const party of ['purchaser', 'supplier'] as const) {
    const label = `${PARTY_LABELS[party]}签章`;
    const sig = record.signatures.find((s) => s.party === party);
    if (!sig) {
      add(label, false, '', '缺少该方的签名');
      continue;
    }
    const problems: string[] = [];
    if ((await fingerprintOf(sig.publicKey).catch(() => '')) !== sig.keyFingerprint)
      problems.push('签名公钥与其指纹不符');
    const st = sig.statement;
    if (st.keyFingerprint !== sig.keyFingerprint) problems.push('签名声明中的密钥指纹与所附公钥不符');
    if (st.party !== party) problems.push('签名声明中的签署方不符');
    if (st.contractId !== contract.id || st.code !== contract.code) problems.push('签名声明指向其他合同');
    if (st.documentHash !== record.documentHash) problems.push('签名声明中的合同文本摘要与本合同不符');
    if (st.amountFen !== contract.amountFen) problems.push('签名声明中的合同金额与本合同不符');
    if (!(await verifyStatementSignature(sig.publicKey, st, sig.signature)))
      problems.push('签名无效：签名声明已被改动或不是该密钥所签');
    add(
      label,
      problems.length === 0,
      `有效（${sig.unitName} ${sig.signerName}，密钥指纹 ${sig.keyFingerprint.slice(0, 16)}…，${sig.signedAt}）`,
      problems.join('；'),
    );
  }

  const att = record.attestation;
  const problems: string[] = [];
  if ((await fingerprintOf(att.publicKey).catch(() => '')) !== att.keyId)
    problems.push('平台签名密钥标识与公钥不符');
  if (trustedPlatformKey !== undefined && trustedPlatformKey.trim() !== att.publicKey)
    problems.push('签名公钥不是平台公布的公钥');
  const as = att.statement;
  if (as.contractId !== contract.id || as.code !== contract.code) problems.push('平台证明指向其他合同');
  if (as.documentHash !== record.documentHash) problems.push('平台证明中的合同文本摘要与本合同不符');
  if (as.amountFen !== contract.amountFen) problems.push('平台证明中的合同金额与本合同不符');
  for (const s of record.signatures) {
    const attested = as.signatures.find((a) => a.party === s.party);
    if (!attested || attested.signature !== s.signature || attested.keyFingerprint !== s.keyFingerprint)
      problems.push(`${PARTY_LABELS[s.party]}的签名与平台证明记载的不同`);
  }
  if (!(await verifyStatementSignature(att.publicKey, as, att.signature)))
    problems.push('平台签名无效：证明内容已被改动或不是该密钥所签');
  add(
    '平台证明',
    problems.length === 0,
    `有效（平台密钥 ${att.keyId.slice(0, 16)}…${trustedPlatformKey === undefined ? '，未核对签名者，请用 --public-key 核对' : '，与平台公布的公钥一致'}）`,
    problems.join('；'),
  );

  return { ok: checks.every((c) => c.ok), checks };
}
