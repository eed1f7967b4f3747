import { describe, expect, it } from 'vitest';
import {
  MIN_SIGNING_KEY_ITERATIONS,
  SignatureError,
  canonicalHash,
  fingerprintOf,
  isEd25519PublicKey,
  newSigningKey,
  signStatement,
  unwrapSigningKey,
  verifyStatementSignature,
  type ContractSignatureStatement,
} from './signature.contract.ts';

const PASS = '合同签名口令-2026-abc';

describe('contract signing keys (Ed25519, WebCrypto)', () => {
  it('makes a key, wraps it, unwraps it with the passphrase, signs and verifies', async () => {
    const key = await newSigningKey(PASS, MIN_SIGNING_KEY_ITERATIONS);
    expect(key.wrapped).toMatchObject({ kdf: 'PBKDF2-SHA-256', iterations: MIN_SIGNING_KEY_ITERATIONS });
    expect(key.fingerprint).toBe(await fingerprintOf(key.publicKey));
    expect(key.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(await isEd25519PublicKey(key.publicKey)).toBe(true);

    const statement: ContractSignatureStatement = {
      kind: 'contractSignature',
      version: 1,
      contractId: '11111111-1111-4111-8111-111111111111',
      code: 'YL-2026-001-C1-1',
      documentHash: await canonicalHash({ b: 2, a: [1, '合同'] }),
      amountFen: '12345600',
      party: 'supplier',
      signerUserId: '22222222-2222-4222-8222-222222222222',
      keyFingerprint: key.fingerprint,
    };
    const unwrapped = await unwrapSigningKey(key.wrapped, PASS);
    const signature = await signStatement(unwrapped, statement);
    expect(await verifyStatementSignature(key.publicKey, statement, signature)).toBe(true);
    // Key order does not matter (RFC 8785), content does.
    const reordered = Object.fromEntries(Object.entries(statement).reverse());
    expect(await verifyStatementSignature(key.publicKey, reordered, signature)).toBe(true);
    expect(
      await verifyStatementSignature(key.publicKey, { ...statement, amountFen: '12345601' }, signature),
    ).toBe(false);
    const other = await newSigningKey(PASS, MIN_SIGNING_KEY_ITERATIONS);
    expect(await verifyStatementSignature(other.publicKey, statement, signature)).toBe(false);
    expect(await verifyStatementSignature('not a key', statement, signature)).toBe(false);
  });

  it('refuses a wrong passphrase, a short passphrase and a key that is not Ed25519', async () => {
    const key = await newSigningKey(PASS, MIN_SIGNING_KEY_ITERATIONS);
    await expect(unwrapSigningKey(key.wrapped, `${PASS}x`)).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    await expect(newSigningKey('short')).rejects.toBeInstanceOf(SignatureError);
    const ec = await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
    ]);
    const spki = new Uint8Array(await globalThis.crypto.subtle.exportKey('spki', ec.publicKey));
    expect(await isEd25519PublicKey(btoa(String.fromCharCode(...spki)))).toBe(false);
    expect(await isEd25519PublicKey('AAAA')).toBe(false);
  });

  it('hashes the canonical form, whatever the key order', async () => {
    expect(await canonicalHash({ a: 1, b: '二' })).toBe(await canonicalHash({ b: '二', a: 1 }));
    expect(await canonicalHash({ a: 1 })).not.toBe(await canonicalHash({ a: 2 }));
  });
});
