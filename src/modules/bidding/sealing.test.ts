import { describe, expect, it } from 'vitest';
import {
  combineShares,
  newCustodianKey,
  newDataKey,
  openChunk,
  openJson,
  openPart,
  sealChunk,
  sealJson,
  SealingError,
  shareContext,
  splitDataKey,
  unlockCustodianKey,
  unwrapWithKey,
  unwrapWithPassphrase,
  wrapWithPassphrase,
} from './sealing.contract.ts';

// Fewer PBKDF2 rounds keep the tests quick; the production default is PBKDF2_ITERATIONS.
const FAST = 1000;
const ctx = { projectId: 'p-1', bidId: 'b-1', part: 'lot:1' };
const priceSheet = { lotNo: 1, priceFen: '38650000', deliveryDays: 30 };

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SealingError) return e.code;
    return `other:${String(e)}`;
  }
  return 'none';
}

describe('sealed parts', () => {
  it('round-trips a price sheet and proves it against the commitment', async () => {
    const dek = newDataKey();
    const sealed = await sealJson(dek, ctx, priceSheet);
    expect(sealed.ciphertext).not.toContain('38650000');
    expect(await openJson(dek, ctx, sealed)).toEqual(priceSheet);
  });

  it('refuses a flipped byte, another bid’s or part’s place, another key, a forged commitment', async () => {
    const dek = newDataKey();
    const sealed = await sealJson(dek, ctx, priceSheet);
    const bytes = Uint8Array.from(atob(sealed.ciphertext), (c) => c.charCodeAt(0));
    bytes[3] = (bytes[3] ?? 0) ^ 1;
    const flipped = { ...sealed, ciphertext: btoa(String.fromCharCode(...bytes)) };
    expect(await code(openPart(dek, ctx, flipped))).toBe('TAMPERED');
    expect(await code(openPart(dek, { ...ctx, bidId: 'b-2' }, sealed))).toBe('TAMPERED');
    expect(await code(openPart(dek, { ...ctx, part: 'lot:2' }, sealed))).toBe('TAMPERED');
    expect(await code(openPart(newDataKey(), ctx, sealed))).toBe('TAMPERED');
    expect(await code(openPart(dek, ctx, { ...sealed, commitment: '0'.repeat(64) }))).toBe(
      'COMMITMENT_MISMATCH',
    );
  });

  it('commits without revealing: the same price sealed twice gives different ciphertexts', async () => {
    const dek = newDataKey();
    const a = await sealJson(dek, ctx, priceSheet);
    const b = await sealJson(dek, ctx, priceSheet);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    const other = await sealJson(newDataKey(), ctx, priceSheet);
    expect(other.commitment).not.toBe(a.commitment);
  });
});

describe('document chunks', () => {
  it('opens chunks in place and refuses reordering or a file cut short', async () => {
    const dek = newDataKey();
    const doc = { ...ctx, part: 'doc:0' };
    const chunks = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5]), new Uint8Array([6])];
    const sealed = await Promise.all(
      chunks.map((c, i) => sealChunk(dek, doc, i, i === chunks.length - 1, c)),
    );
    const opened = await Promise.all(
      sealed.map((s, i) => openChunk(dek, doc, i, i === sealed.length - 1, s)),
    );
    expect(opened.map((o) => [...o])).toEqual(chunks.map((c) => [...c]));
    expect(await code(openChunk(dek, doc, 0, false, sealed[1] ?? new Uint8Array()))).toBe('TAMPERED');
    // Cut after the second chunk: it was not sealed as the last one.
    expect(await code(openChunk(dek, doc, 1, true, sealed[1] ?? new Uint8Array()))).toBe('TAMPERED');
  });
});

describe('key shares, 2 of 3', () => {
  it('any two holders recover the key; one alone, a wrong passphrase or a wrong key do not', async () => {
    const centre = await newCustodianKey('centre passphrase 2026', FAST);
    const supervisor = await newCustodianKey('supervisor passphrase 2026', FAST);
    const dek = newDataKey();
    const shares = await splitDataKey(dek, {
      projectId: 'p-1',
      bidId: 'b-1',
      bidderPassphrase: 'bidder passphrase 2026',
      centrePublicKey: centre.publicKey,
      supervisorPublicKey: supervisor.publicKey,
      iterations: FAST,
    });
    const b = await unwrapWithPassphrase(
      shares.bidder,
      'bidder passphrase 2026',
      shareContext('p-1', 'b-1', 'bidder'),
    );
    const centreKey = await unlockCustodianKey(centre, 'centre passphrase 2026');
    const c = await unwrapWithKey(shares.centre, centreKey, shareContext('p-1', 'b-1', 'centre'));
    const supervisorKey = await unlockCustodianKey(supervisor, 'supervisor passphrase 2026');
    const s = await unwrapWithKey(shares.supervisor, supervisorKey, shareContext('p-1', 'b-1', 'supervisor'));
    for (const pair of [
      [b, c],
      [b, s],
      [c, s],
    ]) {
      expect([...(await combineShares(pair))]).toEqual([...dek]);
    }
    expect(await code(combineShares([b]))).toBe('WRONG_KEY');
    expect(
      await code(
        unwrapWithPassphrase(shares.bidder, 'not the passphrase!', shareContext('p-1', 'b-1', 'bidder')),
      ),
    ).toBe('WRONG_PASSPHRASE');
    // The supervisor's key does not open the centre's share, nor a share moved to another bid.
    expect(
      await code(unwrapWithKey(shares.centre, supervisorKey, shareContext('p-1', 'b-1', 'centre'))),
    ).toBe('WRONG_KEY');
    expect(await code(unwrapWithKey(shares.centre, centreKey, shareContext('p-1', 'b-2', 'centre')))).toBe(
      'WRONG_KEY',
    );
    expect(await code(unlockCustodianKey(centre, 'supervisor passphrase 2026'))).toBe('WRONG_PASSPHRASE');
  });

  it('refuses a passphrase shorter than 12 characters', async () => {
    expect(await code(wrapWithPassphrase(new Uint8Array([1]), 'short', 'x', FAST))).toBe('WEAK_PASSPHRASE');
    expect(await code(wrapWithPassphrase(new Uint8Array([1]), '十二个字的中文口令一二三', 'x', FAST))).toBe(
      'none',
    );
  });
});
