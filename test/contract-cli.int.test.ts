import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import canonicalize from 'canonicalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MIN_SIGNING_KEY_ITERATIONS,
  canonicalHash,
  newSigningKey,
  signStatement,
  type ContractAttestationStatement,
  type ContractExport,
  type ContractSignatureStatement,
} from '../src/modules/award/contracts/signature.contract.ts';

const run = promisify(execFile);
const bin = path.resolve('bin/zhengcai.js');

let dir: string;
let record: ContractExport;
let platformKey: string;

/**
 * An exported contract made the way the platform makes one: both parties' keys made and used as their browsers
 * do (WebCrypto), the attestation signed like platform/signing.ts (node:crypto Ed25519 over RFC 8785 JSON).
 * (test/contracts.int.test.ts checks a real export from the API with the same verifier.)
 */
async function signedExport(): Promise<ContractExport> {
  const document = {
    kind: 'zhengcaiContract',
    version: 1,
    code: 'YLCG-2026-018-HT1',
    title: '云岭县第一中学计算机采购项目',
    amountFen: '40000000',
    amountWords: '人民币肆拾万元整',
    blocks: [{ kind: 'paragraph', text: '合同金额：400,000.00元（人民币肆拾万元整）。' }],
  };
  const documentHash = await canonicalHash(document);
  const contract = {
    id: '7d1f6a52-3c4b-4d9e-8a10-0c2b5e9f4a11',
    code: 'YLCG-2026-018-HT1',
    projectCode: 'YLCG-2026-018',
    lotNo: 1,
    purchaserName: '云岭县第一中学',
    supplierName: '云岭信息技术有限公司',
    amountFen: '40000000',
    signedOn: '2026-03-26',
  };
  const signatures = [];
  for (const [party, signerName, unitName, userId] of [
    ['purchaser', '王老师', contract.purchaserName, '0b6f3f7e-4b8a-4c1d-9e2f-1a2b3c4d5e6f'],
    ['supplier', '张经理', contract.supplierName, '1c7a4e8f-5c9b-4d2e-8f3a-2b3c4d5e6f70'],
  ] as const) {
    const key = await newSigningKey('合同签名口令-2026-x', MIN_SIGNING_KEY_ITERATIONS);
    const statement: ContractSignatureStatement = {
      kind: 'contractSignature',
      version: 1,
      contractId: contract.id,
      code: contract.code,
      documentHash,
      amountFen: contract.amountFen,
      party,
      signerUserId: userId,
      keyFingerprint: key.fingerprint,
    };
    signatures.push({
      party,
      signerName,
      unitName,
      publicKey: key.publicKey,
      keyFingerprint: key.fingerprint,
      statement,
      signature: await signStatement(key.privateKey, statement),
      signedAt: '2026-03-26T02:00:00.000Z',
    });
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  platformKey = spki.toString('base64');
  const statement: ContractAttestationStatement = {
    kind: 'contractAttestation',
    version: 1,
    contractId: contract.id,
    code: contract.code,
    documentHash,
    amountFen: contract.amountFen,
    signedOn: contract.signedOn,
    signatures: signatures.map((s) => ({
      party: s.party,
      keyFingerprint: s.keyFingerprint,
      signature: s.signature,
      signedAt: s.signedAt,
    })),
    exportedAt: '2026-03-27T01:00:00.000Z',
  };
  return {
    format: 'zhengcai-contract',
    version: 1,
    contract,
    document,
    documentHash,
    signatures,
    attestation: {
      statement,
      alg: 'Ed25519',
      keyId: createHash('sha256').update(spki).digest('hex'),
      publicKey: platformKey,
      signature: sign(null, Buffer.from(canonicalize(statement) ?? '', 'utf8'), privateKey).toString(
        'base64',
      ),
    },
  };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zc-contract-'));
  record = await signedExport();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the real command with no database and no network: the check needs only the exported file. */
async function zhengcai(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  try {
    const { stdout, stderr } = await run('node', [bin, ...args], { env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function variant(name: string, change: (r: ContractExport) => void): Promise<string> {
  const copy = structuredClone(record);
  change(copy);
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(copy, null, 2));
  return file;
}

describe('zhengcai contract verify', () => {
  it('checks the text, both signatures and the platform attestation, and prints a Chinese report', async () => {
    const file = await variant('good', () => {});
    const r = await zhengcai('contract', 'verify', file, '--public-key', platformKey);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('合同签署记录有效');
    expect(r.stdout).toContain('合同编号：YLCG-2026-018-HT1');
    expect(r.stdout).toContain('合同金额：400000.00 元');
    expect(r.stdout).toContain('[通过] 合同文本摘要');
    expect(r.stdout).toContain('[通过] 采购人签章：有效（云岭县第一中学 王老师');
    expect(r.stdout).toContain('[通过] 供应商签章：有效（云岭信息技术有限公司 张经理');
    expect(r.stdout).toContain('与平台公布的公钥一致');
  }, 120_000);

  it('refuses a tampered text, a forged signature, another platform key and a file that is not an export', async () => {
    const text = await variant('text', (d) => {
      d.document.amountWords = '人民币伍拾万元整';
    });
    const a = await zhengcai('contract', 'verify', text);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain('合同签署记录验证失败');
    expect(a.stderr).toContain('[失败] 合同文本摘要：不一致');

    const amount = await variant('amount', (d) => {
      const s = d.signatures.find((x) => x.party === 'supplier');
      if (s) s.statement.amountFen = '30000000';
    });
    const b = await zhengcai('contract', 'verify', amount);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('[失败] 供应商签章：签名声明中的合同金额与本合同不符；签名无效');
    expect(b.stderr).toContain('[通过] 采购人签章');

    const other = generateKeyPairSync('ed25519')
      .publicKey.export({ type: 'spki', format: 'der' })
      .toString('base64');
    const c = await zhengcai(
      'contract',
      'verify',
      await variant('untrusted', () => {}),
      '--public-key',
      other,
    );
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('[失败] 平台证明：签名公钥不是平台公布的公钥');

    const junk = path.join(dir, 'junk.json');
    await writeFile(junk, '{"hello":1}');
    const d = await zhengcai('contract', 'verify', junk);
    expect(d.code).toBe(1);
    expect(d.stderr).toContain('不是有效的合同签署记录文件');
  }, 240_000);
});
