import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Popconfirm, Progress, Space, Table, Tag, Typography } from 'antd';
import { errorMessage } from '../../api.ts';
import { formatTime, monospace, shortHash } from '../../shared/format.ts';
import { fetchMyBids, myBidsKey, withdrawBid, type BidView } from './api.ts';
import { formatBytes, KIND_LABELS } from './BidDocuments.tsx';
import { ReceiptDownload } from './Receipt.tsx';
import { startUpload, useHeldBid, useUploadJob } from './uploads.ts';

const statusColors: Record<BidView['status'], string> = {
  uploading: 'processing',
  submitted: 'green',
  replaced: 'default',
  withdrawn: 'red',
};

const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);

/** A bid's documents: what the server holds of each while uploading, their kinds and sizes once received. */
function BidDocumentsCell({ bid }: { bid: BidView }) {
  const job = useUploadJob(bid.id);
  if (bid.documents.length === 0) return <>—</>;
  if (bid.status === 'uploading') {
    // This browser's own upload is fresher than the last answer from the server.
    const live = job && job.phase !== 'done' ? job.received : null;
    const received = bid.documents.map((d, i) => Math.max(d.received, live?.[i] ?? 0));
    const total = sum(bid.documents.map((d) => d.sealedBytes));
    const whole = bid.documents.filter((d, i) => (received[i] ?? 0) >= d.sealedBytes).length;
    return (
      <div data-testid="bid-documents-received" style={{ minWidth: 180 }}>
        <Typography.Text>
          已收到 {whole} / {bid.documents.length} 个文件
        </Typography.Text>
        <Progress
          size="small"
          percent={total > 0 ? Math.floor((sum(received) / total) * 100) : 0}
          format={() => `${formatBytes(sum(received))} / ${formatBytes(total)}`}
        />
      </div>
    );
  }
  return (
    <Space wrap size={4} data-testid="bid-documents-list">
      {bid.documents.map((d) => (
        <Tag key={d.part}>
          {KIND_LABELS[d.kind]} {formatBytes(d.sealedBytes)}
        </Tag>
      ))}
    </Space>
  );
}

/** An interrupted upload goes on only from this browser's memory; otherwise the bid must be sealed anew. */
function ResumeUpload({ bid }: { bid: BidView }) {
  const held = useHeldBid(bid.id);
  const job = useUploadJob(bid.id);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  if (!held)
    return (
      <Typography.Text type="secondary" data-testid="bid-resume-lost">
        本机未保留该投标文件的加密数据，无法续传：请重新加密递交。未完成上传的投标文件不计入投标。
      </Typography.Text>
    );
  const resume = async () => {
    const after = await startUpload(bid.id);
    void queryClient.invalidateQueries({ queryKey: myBidsKey(bid.projectId) });
    if (after.phase === 'done') void message.success('投标文件已递交，已取得回执');
    else if (after.error) void message.error(after.error.message);
  };
  return (
    <Button size="small" type="primary" loading={job?.running} onClick={() => void resume()}>
      继续上传
    </Button>
  );
}

function WithdrawButton({ onWithdraw, pending }: { onWithdraw: () => void; pending: boolean }) {
  return (
    <Popconfirm
      title="撤回投标文件？"
      description="撤回后该投标文件不参加开标；投标截止前可以重新递交。"
      okText="撤回"
      okButtonProps={{ danger: true }}
      onConfirm={onWithdraw}
    >
      <Button size="small" danger loading={pending}>
        撤回
      </Button>
    </Popconfirm>
  );
}

/** 我的投标: the supplier's bids on the project, with receipts, uploads to resume and withdrawal. */
export function MyBids({ projectId, open }: { projectId: string; open: boolean }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const query = useQuery({ queryKey: myBidsKey(projectId), queryFn: () => fetchMyBids(projectId) });
  const withdraw = useMutation({
    mutationFn: withdrawBid,
    onSuccess: () => {
      void message.success('投标文件已撤回');
      void queryClient.invalidateQueries({ queryKey: myBidsKey(projectId) });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  if (query.isError) return <Alert type="error" showIcon title={errorMessage(query.error)} />;
  if (!query.isPending && query.data.items.length === 0) return null;
  return (
    <Table
      rowKey="id"
      size="small"
      loading={query.isPending}
      pagination={false}
      scroll={{ x: 'max-content' }}
      title={() => <Typography.Text strong>我的投标</Typography.Text>}
      dataSource={query.data?.items ?? []}
      data-testid="my-bids"
      columns={[
        {
          title: '递交时间',
          dataIndex: 'submittedAt',
          key: 'submittedAt',
          render: (v: string) => formatTime(v),
        },
        {
          title: '包',
          dataIndex: 'lots',
          key: 'lots',
          render: (v: number[]) => v.map((n) => `第 ${n} 包`).join('、'),
        },
        {
          title: '状态',
          key: 'status',
          render: (_: unknown, b) => (
            <Tag color={statusColors[b.status]} data-testid="bid-status">
              {b.statusLabel}
            </Tag>
          ),
        },
        { title: '文件', key: 'documents', render: (_: unknown, b) => <BidDocumentsCell bid={b} /> },
        {
          title: '摘要',
          key: 'hash',
          render: (_: unknown, b) =>
            b.receipt ? (
              <Typography.Text style={monospace} title={b.receipt.statement.envelopeHash}>
                {shortHash(b.receipt.statement.envelopeHash, 16)}
              </Typography.Text>
            ) : (
              '—'
            ),
        },
        {
          title: '操作',
          key: 'actions',
          render: (_: unknown, b) => (
            <Space>
              {b.receipt && <ReceiptDownload receipt={b.receipt} size="small" />}
              {open && b.status === 'uploading' && <ResumeUpload bid={b} />}
              {/* An unfinished upload never counts, so there is nothing of it to withdraw. */}
              {open && b.status === 'submitted' && b.abilities.includes('withdraw') && (
                <WithdrawButton
                  onWithdraw={() => withdraw.mutate(b.id)}
                  pending={withdraw.isPending && withdraw.variables === b.id}
                />
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
