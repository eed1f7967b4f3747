/**
 * The signed contract for offline checking: the document, its hash, both signatures with each signer's public key,
 * and an attestation by the platform's key (platform/signing.ts) over the hash and the signatures as stored. Anyone
 * holding the file and the published platform key can check it with `zhengcai contract verify`.
 */
import { asc, eq } from 'drizzle-orm';
import type { RequestContext } from '../../../platform/auth/actor.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import { users } from '../../../platform/auth/tables.ts';
import type { Db } from '../../../platform/db/client.ts';
import { conflict } from '../../../platform/errors.ts';
import { platformSigner } from '../../../platform/signing.ts';
import { purchasers, suppliers } from '../../orgs/index.ts';
import { projects } from '../../tendering/index.ts';
import { contractSignatures, signingKeys } from '../tables.ts';
import { contractPolicy } from './policy.ts';
import {
  contractSignatureStatement,
  type ContractAttestationStatement,
  type ContractExport,
} from './signature.contract.ts';
import { contractFor } from './view.ts';

export async function exportContract(db: Db, ctx: RequestContext, id: string): Promise<ContractExport> {
  const c = await contractFor(db, ctx, id);
  authorize(ctx.actor, contractPolicy, 'export', { purchaserId: c.purchaserId, supplierId: c.supplierId });
  const rows = await db
    .select({
      s: contractSignatures,
      signerName: users.displayName,
      publicKey: signingKeys.publicKey,
      fingerprint: signingKeys.fingerprint,
    })
    .from(contractSignatures)
    .innerJoin(users, eq(users.id, contractSignatures.userId))
    .innerJoin(signingKeys, eq(signingKeys.id, contractSignatures.keyId))
    .where(eq(contractSignatures.contractId, id))
    .orderBy(asc(contractSignatures.party));
  if (!c.signedOn || rows.length < 2) throw conflict('CONTRACT_NOT_SIGNED', '合同双方签署后才能导出签署记录');
  const [names] = await db
    .select({ projectCode: projects.code, purchaserName: purchasers.name, supplierName: suppliers.name })
    .from(projects)
    .innerJoin(purchasers, eq(purchasers.id, c.purchaserId))
    .innerJoin(suppliers, eq(suppliers.id, c.supplierId))
    .where(eq(projects.id, c.projectId));
  if (!names) throw new Error('contract without project');
  const signatures = rows.map(({ s, signerName, publicKey, fingerprint }) => {
    const party = s.party === 'purchaser' ? ('purchaser' as const) : ('supplier' as const);
    return {
      party,
      signerName,
      unitName: party === 'purchaser' ? names.purchaserName : names.supplierName,
      publicKey,
      keyFingerprint: fingerprint,
      statement: contractSignatureStatement.parse(s.statement),
      signature: s.signature,
      signedAt: s.signedAt.toISOString(),
    };
  });
  const statement: ContractAttestationStatement = {
    kind: 'contractAttestation',
    version: 1,
    contractId: c.id,
    code: c.code,
    documentHash: c.documentHash,
    amountFen: String(c.amountFen),
    signedOn: c.signedOn,
    signatures: signatures.map((s) => ({
      party: s.party,
      keyFingerprint: s.keyFingerprint,
      signature: s.signature,
      signedAt: s.signedAt,
    })),
    exportedAt: ctx.clock.now().toISOString(),
  };
  const attestation = (await platformSigner(db)).sign(statement);
  return {
    format: 'zhengcai-contract',
    version: 1,
    contract: {
      id: c.id,
      code: c.code,
      projectCode: names.projectCode,
      lotNo: c.lotNo,
      purchaserName: names.purchaserName,
      supplierName: names.supplierName,
      amountFen: String(c.amountFen),
      signedOn: c.signedOn,
    },
    document: c.document,
    documentHash: c.documentHash,
    signatures,
    attestation,
  };
}
