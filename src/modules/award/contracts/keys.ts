/**
 * Each signing party's account registers an Ed25519 key made in its own browser (signature.contract.ts): the
 * platform stores the public key and the private key only wrapped under the holder's passphrase. Registering a
 * new key revokes the old one; signatures already made keep naming the key they used.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { appendAudit } from '../../../platform/audit/log.ts';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { authorize, abilities } from '../../../platform/auth/policy.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { badRequest, forbidden } from '../../../platform/errors.ts';
import { signingKeys } from '../tables.ts';
import type { mySigningKey, signingKeyBody } from './contract.ts';
import './events.ts';
import { signingKeyPolicy } from './policy.ts';
import { fingerprintOf, isEd25519PublicKey } from './signature.contract.ts';

export type SigningKeyRow = typeof signingKeys.$inferSelect;

function userOf(ctx: RequestContext): string {
  if (ctx.actor.kind !== 'user') throw forbidden();
  return ctx.actor.userId;
}

export async function activeKeyOf(tx: Db | Tx, userId: string): Promise<SigningKeyRow | null> {
  const [row] = await tx
    .select()
    .from(signingKeys)
    .where(and(eq(signingKeys.userId, userId), isNull(signingKeys.revokedAt)));
  return row ?? null;
}

function present(ctx: RequestContext, row: SigningKeyRow | null): z.infer<typeof mySigningKey> {
  return {
    key: row
      ? {
          id: row.id,
          algorithm: 'Ed25519',
          publicKey: row.publicKey,
          fingerprint: row.fingerprint,
          wrapped: row.wrapped,
          createdAt: row.createdAt.toISOString(),
        }
      : null,
    abilities: abilities(ctx.actor, signingKeyPolicy),
  };
}

export async function readMySigningKey(db: Db, ctx: RequestContext): Promise<z.infer<typeof mySigningKey>> {
  authorize(ctx.actor, signingKeyPolicy, 'readOwn');
  return present(ctx, await activeKeyOf(db, userOf(ctx)));
}

export async function registerSigningKey(
  db: Db,
  ctx: RequestContext,
  body: z.infer<typeof signingKeyBody>,
): Promise<z.infer<typeof mySigningKey>> {
  authorize(ctx.actor, signingKeyPolicy, 'register');
  const userId = userOf(ctx);
  if (!(await isEd25519PublicKey(body.publicKey)))
    throw badRequest(
      'KEY_NOT_ED25519',
      '公钥不是 Ed25519 的 SubjectPublicKeyInfo（Base64）',
      'body.publicKey',
    );
  if ((await fingerprintOf(body.publicKey)) !== body.fingerprint)
    throw badRequest('FINGERPRINT_MISMATCH', '密钥指纹与公钥的 SHA-256 不符', 'body.fingerprint');
  const row = await db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [old] = await tx
      .update(signingKeys)
      .set({ revokedAt: now })
      .where(and(eq(signingKeys.userId, userId), isNull(signingKeys.revokedAt)))
      .returning();
    const [created] = await tx
      .insert(signingKeys)
      .values({
        userId,
        algorithm: 'Ed25519',
        publicKey: body.publicKey,
        fingerprint: body.fingerprint,
        wrapped: body.wrapped,
        createdAt: now,
      })
      .returning();
    if (!created) throw new Error('signing key insert returned nothing');
    await appendAudit(tx, ctx, {
      action: 'signingKey.registered',
      entityType: 'signingKey',
      entityId: created.id,
      before: old ? { id: old.id, fingerprint: old.fingerprint, revokedAt: now } : null,
      after: { id: created.id, userId, algorithm: 'Ed25519', fingerprint: created.fingerprint },
    });
    return created;
  });
  return present(ctx, row);
}
