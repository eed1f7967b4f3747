import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/database.ts';
import type { Database } from './db/client.ts';
import { platformSigner, verifyStatement } from './signing.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('platform signing key', () => {
  it('is one key for every process, and its statements verify offline', async () => {
    const [a, b] = await Promise.all([platformSigner(database.db), platformSigner(database.db)]);
    expect(a?.keyId).toBe(b?.keyId);
    const signed = a.sign({ bidId: 'b-1', receivedAt: '2026-03-20T01:29:59.000Z', amountFen: '38650000' });
    expect(verifyStatement(signed)).toEqual({ ok: true, keyId: a.keyId });
    expect(verifyStatement(signed, a.publicKey)).toMatchObject({ ok: true });
    // Key order does not matter (canonical JSON), content does.
    const reordered = {
      ...signed,
      statement: { amountFen: '38650000', bidId: 'b-1', receivedAt: '2026-03-20T01:29:59.000Z' },
    };
    expect(verifyStatement(reordered).ok).toBe(true);
    const altered = { ...signed, statement: { ...signed.statement, receivedAt: '2026-03-20T01:31:00.000Z' } };
    expect(verifyStatement(altered)).toMatchObject({ ok: false, reason: 'signature' });
  });

  it('refuses a statement re-signed with another key when the published key is given', async () => {
    const real = await platformSigner(database.db);
    const other = await freshDatabase();
    try {
      const forged = (await platformSigner(other.db)).sign({ bidId: 'b-1' });
      expect(verifyStatement(forged).ok).toBe(true);
      expect(verifyStatement(forged, real.publicKey)).toMatchObject({ ok: false, reason: 'untrustedKey' });
      expect(verifyStatement({ ...forged, keyId: real.keyId })).toMatchObject({ ok: false, reason: 'keyId' });
      expect(verifyStatement({ ...forged, publicKey: 'not base64 der' })).toMatchObject({ ok: false });
    } finally {
      await other.close();
    }
  });
});
