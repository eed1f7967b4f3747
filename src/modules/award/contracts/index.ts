/** Contracts (政府采购合同) of the award module: what the routes, the alerts and the demo use. */
import type { RequestContext } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import { conflict } from '../../../platform/errors.ts';
import './events.ts';
import { registerSigningKey } from './keys.ts';
import { signContract } from './sign.ts';
import {
  MIN_SIGNING_KEY_ITERATIONS,
  newSigningKey,
  signStatement,
  type SigningKeyHandle,
} from './signature.contract.ts';
import { readContract } from './view.ts';

export { contractAlerts } from './alerts.ts';
export { amendContract, fileContract, publishContract } from './acts.ts';
export { exportContract } from './export.ts';
export { generateContracts } from './generate.ts';
export { readMySigningKey, registerSigningKey } from './keys.ts';
export { signContract } from './sign.ts';
export { splitByShares } from './split.ts';
export { contractDocx, listContracts, readContract } from './view.ts';

/**
 * For the demo and tests: makes a signing key for the caller's account as its browser would, registers it, and
 * returns the usable private key.
 */
export async function createSigningKeyFor(
  db: Db,
  ctx: RequestContext,
  passphrase: string,
  iterations = MIN_SIGNING_KEY_ITERATIONS,
): Promise<SigningKeyHandle> {
  const key = await newSigningKey(passphrase, iterations);
  await registerSigningKey(db, ctx, {
    publicKey: key.publicKey,
    fingerprint: key.fingerprint,
    wrapped: key.wrapped,
  });
  return key.privateKey;
}

/** For the demo: signs the contract as the caller's party with the given private key (what the browser does). */
export async function signContractWith(
  db: Db,
  ctx: RequestContext,
  id: string,
  privateKey: SigningKeyHandle,
) {
  const view = await readContract(db, ctx, id);
  if (!view.mySigning) throw conflict('NOT_A_PARTY', '调用者不是待签署的合同当事人，或尚无签名密钥');
  const { statement } = view.mySigning;
  return signContract(db, ctx, id, { statement, signature: await signStatement(privateKey, statement) });
}
