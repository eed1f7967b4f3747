import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  contractList,
  contractView,
  generatedList,
  mySigningKey,
  type amendmentBody,
  type filingBody,
  type generateBody,
  type listQuery,
} from '../../../../../src/modules/award/contracts/contract.ts';
import {
  contractExportSchema,
  newSigningKey,
  SignatureError,
  signStatement,
  unwrapSigningKey,
} from '../../../../../src/modules/award/contracts/signature.contract.ts';
import { api, errorMessage } from '../../../api.ts';

export type ContractView = z.infer<typeof contractView>;
export type ContractSummary = z.infer<typeof contractList>['items'][number];
export type MySigningKey = z.infer<typeof mySigningKey>;
export type ListFilters = Partial<Pick<z.input<typeof listQuery>, 'projectId' | 'status' | 'q' | 'late'>> & {
  page?: number;
  pageSize?: number;
};

const enc = encodeURIComponent;

export const contractsKey = ['/api/contracts'] as const;
export const contractKey = (id: string) => ['/api/contracts', id] as const;
export const signingKeyKey = ['/api/my/signing-key'] as const;

export const fetchContracts = (filters: ListFilters) =>
  api('/api/contracts', contractList, { query: { ...filters } });
export const fetchContract = (id: string) => api(`/api/contracts/${enc(id)}`, contractView);
export const fetchMySigningKey = () => api('/api/my/signing-key', mySigningKey);
export const documentUrl = (id: string) => `/api/contracts/${enc(id)}/document`;
export const fetchExport = (id: string) => api(`/api/contracts/${enc(id)}/export`, contractExportSchema);

export const generateContracts = (projectId: string, lotNo: number, body: z.input<typeof generateBody>) =>
  api(`/api/projects/${enc(projectId)}/lots/${lotNo}/contracts`, generatedList, { method: 'POST', body });
export const publishContract = (id: string) =>
  api(`/api/contracts/${enc(id)}/publication`, contractView, { method: 'POST' });
export const fileContract = (id: string, body: z.input<typeof filingBody>) =>
  api(`/api/contracts/${enc(id)}/filing`, contractView, { method: 'POST', body });
export const amendContract = (id: string, body: z.input<typeof amendmentBody>) =>
  api(`/api/contracts/${enc(id)}/amendments`, contractView, { method: 'POST', body });

/**
 * 创建签名密钥: the key pair is made here, in the browser; only the public key and the private key wrapped under the
 * passphrase leave it.
 */
export async function createSigningKey(passphrase: string): Promise<MySigningKey> {
  const key = await newSigningKey(passphrase);
  return api('/api/my/signing-key', mySigningKey, {
    method: 'POST',
    body: { publicKey: key.publicKey, fingerprint: key.fingerprint, wrapped: key.wrapped },
  });
}

/** 签署: unwraps the account's key with the passphrase and signs the statement the server offers, in the browser. */
export async function signInBrowser(contract: ContractView, passphrase: string): Promise<ContractView> {
  if (!contract.mySigning) throw new SignatureError('BAD_KEY', '没有待签署的内容');
  const mine = await fetchMySigningKey();
  if (!mine.key) throw new SignatureError('BAD_KEY', '请先创建签名密钥');
  if (mine.key.fingerprint !== contract.mySigning.statement.keyFingerprint)
    throw new SignatureError('BAD_KEY', '签名密钥已更换，请刷新页面后重新签署');
  const privateKey = await unwrapSigningKey(mine.key.wrapped, passphrase);
  const { statement } = contract.mySigning;
  return api(`/api/contracts/${enc(contract.id)}/signatures`, contractView, {
    method: 'POST',
    body: { statement, signature: await signStatement(privateKey, statement) },
  });
}

/** What went wrong in signing or making a key: the browser's own findings (签名口令不正确) as well as the server's. */
export function signingErrorMessage(error: unknown): string {
  return error instanceof SignatureError ? error.message : errorMessage(error);
}

/** A mutation that refreshes the contract list and the contract it changed. */
export function useContractMutation<T, R extends { id: string } | { items: { id: string }[] } | MySigningKey>(
  fn: (input: T) => Promise<R>,
  onDone?: (result: R) => void,
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (result) => {
      void qc.invalidateQueries({ queryKey: contractsKey });
      void qc.invalidateQueries({ queryKey: signingKeyKey });
      onDone?.(result);
    },
  });
}
