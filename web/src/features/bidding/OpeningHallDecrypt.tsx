import { KeyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Progress, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import {
  SealingError,
  shareContext,
  toBase64,
  unlockCustodianKey,
  unwrapWithKey,
  unwrapWithPassphrase,
  type CryptoKeyHandle,
  type Holder,
} from '../../../../src/modules/bidding/sealing.contract.ts';
import { errorMessage } from '../../api.ts';
import { fetchMyKey } from './api.ts';
import {
  fetchWrappedShares,
  handInShares,
  openingKey,
  wrappedSharesKey,
  type OpeningView,
} from './OpeningHallApi.ts';

const HOLDER_LABELS: Record<Holder, string> = {
  centre: '采购中心密钥保管人',
  supervisor: '财政监督密钥保管人',
  bidder: '投标人',
};

/** A failure of the local unwrapping, said in Chinese; anything else is the server's own message. */
function problemOf(error: unknown, holder: Holder): string {
  if (error instanceof SealingError) {
    if (error.code === 'WRONG_PASSPHRASE') return holder === 'bidder' ? '投标口令不正确' : '开标口令不正确';
    if (error.code === 'WRONG_KEY')
      return '您的开标密钥与本项目指定的密钥不一致：若指定保管人后更换过密钥，须用旧密钥开标。';
    return '密钥分量已损坏，无法解开';
  }
  return errorMessage(error);
}

/**
 * 解密: the caller's wrapped shares are fetched, unwrapped here in the browser — a custodian's with the opening
 * key its passphrase unlocks, a bidder's with its bid passphrase — and only the unwrapped shares are sent. The
 * passphrase and the private key never leave this page.
 */
export function OpeningHallDecrypt({ projectId, holder }: { projectId: string; holder: Holder }) {
  const queryClient = useQueryClient();
  const [passphrase, setPassphrase] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [handedIn, setHandedIn] = useState<number | null>(null);
  const pending = useQuery({
    queryKey: wrappedSharesKey(projectId),
    queryFn: () => fetchWrappedShares(projectId),
  });
  const label = holder === 'bidder' ? '投标口令' : '开标口令';

  const mutation = useMutation({
    mutationFn: async () => {
      setHandedIn(null);
      const wrapped = await fetchWrappedShares(projectId);
      if (wrapped.items.length === 0) return { view: null, count: 0 };
      setProgress({ done: 0, total: wrapped.items.length });
      let key: CryptoKeyHandle | null = null;
      if (holder !== 'bidder') key = await unlockCustodianKey(await fetchMyKey(), passphrase);
      const shares = [];
      for (const [i, item] of wrapped.items.entries()) {
        const context = shareContext(projectId, item.bidId, holder);
        const share =
          item.wrapped.kind === 'passphrase'
            ? await unwrapWithPassphrase(item.wrapped, passphrase, context)
            : key
              ? await unwrapWithKey(item.wrapped, key, context)
              : null;
        if (!share) throw new Error('密钥分量的类型与持有人不符');
        shares.push({ bidId: item.bidId, share: toBase64(share) });
        setProgress({ done: i + 1, total: wrapped.items.length });
      }
      return { view: await handInShares(projectId, shares), count: shares.length };
    },
    onSuccess: ({ view, count }: { view: OpeningView | null; count: number }) => {
      setPassphrase('');
      setHandedIn(count);
      if (view) queryClient.setQueryData(openingKey(projectId), view);
      void queryClient.invalidateQueries({ queryKey: wrappedSharesKey(projectId) });
    },
    onSettled: () => setProgress(null),
  });

  const remaining = pending.data?.items.length;
  return (
    <Card
      size="small"
      title={
        <Space>
          <KeyOutlined />
          解密
        </Space>
      }
      data-testid="hand-in-panel"
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text>
          您是本项目的<Typography.Text strong>{HOLDER_LABELS[holder]}</Typography.Text>
          。输入{label}
          后，密钥分量在本浏览器中解开，只有解开的分量提交平台；任意两份分量齐备即解密该投标文件。
        </Typography.Text>
        {pending.isPending ? (
          <Spin size="small" />
        ) : remaining === 0 ? (
          <Alert
            type="success"
            showIcon
            data-testid="hand-in-done"
            title={
              handedIn ? `已提交 ${handedIn} 份密钥分量，您持有的分量已全部提交。` : '没有待提交的密钥分量。'
            }
          />
        ) : (
          <>
            {remaining !== undefined && (
              <Typography.Text type="secondary" data-testid="hand-in-remaining">
                待提交 {remaining} 份密钥分量
              </Typography.Text>
            )}
            <Space.Compact style={{ width: '100%', maxWidth: 520 }}>
              <Input.Password
                aria-label={label}
                placeholder={`输入${label}，仅在本浏览器中使用`}
                value={passphrase}
                autoComplete="current-password"
                disabled={mutation.isPending}
                onChange={(e) => {
                  setPassphrase(e.target.value);
                  mutation.reset();
                }}
                onPressEnter={() => passphrase && mutation.mutate()}
              />
              <Button
                type="primary"
                loading={mutation.isPending}
                disabled={!passphrase}
                onClick={() => mutation.mutate()}
              >
                解密并提交
              </Button>
            </Space.Compact>
          </>
        )}
        {progress && (
          <div data-testid="hand-in-progress" style={{ maxWidth: 520 }}>
            <Typography.Text type="secondary">
              正在本浏览器中解开密钥分量 {progress.done} / {progress.total}
            </Typography.Text>
            <Progress
              percent={Math.round((progress.done / Math.max(progress.total, 1)) * 100)}
              size="small"
            />
          </div>
        )}
        {mutation.isError && (
          <Alert
            type="error"
            showIcon
            data-testid="hand-in-error"
            title={problemOf(mutation.error, holder)}
          />
        )}
      </Space>
    </Card>
  );
}
