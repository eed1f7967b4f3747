import { CheckCircleOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { z } from 'zod';
import { auditEventView, auditVerifyResponse } from '../../../../src/platform/audit/contract.ts';
import { pageOf } from '../../../../src/platform/http/contract.ts';
import { api, errorMessage } from '../../api.ts';
import { formatTime, monospace, shortHash } from '../../shared/format.ts';
import { actorRoleLabel } from '../../shared/labels.ts';
import { PagedTable, SearchFilter } from '../../shared/PagedTable.tsx';
import { usePagedList } from '../../shared/usePagedList.ts';
import { can, useSession } from '../auth/session.ts';

const auditPage = pageOf(auditEventView);
type AuditEvent = z.infer<typeof auditEventView>;
type VerifyResult = z.infer<typeof auditVerifyResponse>;

const reasonLabels: Record<NonNullable<VerifyResult['firstBroken']>['reason'], string> = {
  sequence: '序号不连续',
  prevHash: '前序哈希不匹配',
  hash: '记录哈希不匹配',
  head: '链头不匹配',
};

function Hash({ value }: { value: string }) {
  return (
    <Tooltip title={<span style={{ ...monospace, wordBreak: 'break-all' }}>{value}</span>}>
      <span style={monospace}>{shortHash(value)}</span>
    </Tooltip>
  );
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined)
    return <Typography.Text type="secondary">（无）</Typography.Text>;
  return (
    <pre className="zc-json" style={monospace}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

const columns: TableColumnsType<AuditEvent> = [
  { title: '序号', dataIndex: 'seq', key: 'seq', width: 90 },
  { title: '时间', dataIndex: 'at', key: 'at', width: 180, render: (v: string) => formatTime(v) },
  {
    title: '操作者',
    dataIndex: 'actorRole',
    key: 'actorRole',
    width: 110,
    render: (v: string) => actorRoleLabel(v),
  },
  {
    title: '操作',
    dataIndex: 'action',
    key: 'action',
    width: 200,
    render: (v: string) => <span style={monospace}>{v}</span>,
  },
  {
    title: '对象',
    key: 'entity',
    render: (_, e) => (
      <span style={monospace}>
        {e.entityType}
        <Typography.Text type="secondary"> / {shortHash(e.entityId, 8)}</Typography.Text>
      </span>
    ),
  },
  { title: '哈希', dataIndex: 'hash', key: 'hash', width: 160, render: (v: string) => <Hash value={v} /> },
];

function expanded(e: AuditEvent) {
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'entityId', label: '对象编号', children: <span style={monospace}>{e.entityId}</span> },
          {
            key: 'actorId',
            label: '操作者编号',
            children: <span style={monospace}>{e.actorId ?? '—'}</span>,
          },
          {
            key: 'requestId',
            label: '请求编号',
            children: <span style={monospace}>{e.requestId ?? '—'}</span>,
          },
          { key: 'hashAlg', label: '哈希算法', children: e.hashAlg },
          {
            key: 'prevHash',
            label: '前序哈希',
            children: <span style={{ ...monospace, wordBreak: 'break-all' }}>{e.prevHash}</span>,
          },
          {
            key: 'hash',
            label: '本条哈希',
            children: <span style={{ ...monospace, wordBreak: 'break-all' }}>{e.hash}</span>,
          },
        ]}
      />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: 12 }}>
        <div>
          <Typography.Text strong>变更前</Typography.Text>
          <Json value={e.before} />
        </div>
        <div>
          <Typography.Text strong>变更后</Typography.Text>
          <Json value={e.after} />
        </div>
      </div>
    </Space>
  );
}

function VerifyOutcome({ result }: { result: VerifyResult }) {
  if (result.ok && !result.firstBroken) {
    return (
      <Alert
        type="success"
        showIcon
        icon={<CheckCircleOutlined />}
        data-testid="audit-verify-result"
        title={`日志链完整：已校验 ${result.checked} 条记录`}
        description={
          <span>
            链头序号 {result.head.seq}，哈希{' '}
            <span style={{ ...monospace, wordBreak: 'break-all' }}>{result.head.hash}</span>
          </span>
        }
      />
    );
  }
  const broken = result.firstBroken;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="audit-verify-result"
      title={`日志链校验未通过：已校验 ${result.checked} 条记录`}
      description={
        broken ? (
          <Typography.Text type="danger">
            第一处断裂在序号 {broken.seq}（{reasonLabels[broken.reason]}）：{broken.message}
          </Typography.Text>
        ) : (
          <Typography.Text type="danger">日志链未通过校验。</Typography.Text>
        )
      }
    />
  );
}

type AuditFilters = { entityType: string | undefined; action: string | undefined };

export function AuditPage() {
  const session = useSession();
  const list = usePagedList<typeof auditPage, AuditFilters>('/api/audit', auditPage, {
    entityType: undefined,
    action: undefined,
  });
  const verify = useMutation({ mutationFn: () => api('/api/audit/verify', auditVerifyResponse) });

  return (
    <Card
      title="审计日志"
      extra={
        can(session.data?.abilities, 'audit', 'verify') && (
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            disabled={verify.isPending}
            onClick={() => verify.mutate()}
          >
            校验日志链
          </Button>
        )
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {verify.isSuccess && <VerifyOutcome result={verify.data} />}
        {verify.isError && <Alert type="error" showIcon title={errorMessage(verify.error)} />}
        <PagedTable
          list={list}
          rowKey="seq"
          columns={columns}
          expandable={{ expandedRowRender: expanded }}
          // Fixed layout keeps long hashes and JSON in the expanded rows from stretching the columns off screen,
          // so the table fits the card and has nothing to scroll sideways.
          tableLayout="fixed"
          scroll={undefined}
          filters={
            <>
              <SearchFilter
                placeholder="对象类型，如 user"
                width={220}
                onSearch={(v) => list.setFilter('entityType', v)}
              />
              <SearchFilter
                placeholder="操作，如 user.created"
                width={220}
                onSearch={(v) => list.setFilter('action', v)}
              />
            </>
          }
        />
      </Space>
    </Card>
  );
}
