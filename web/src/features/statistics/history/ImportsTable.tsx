import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../../api.ts';
import { formatTime, monospace, shortHash } from '../../../shared/format.ts';
import { reportPath } from '../api.ts';
import {
  fetchImports,
  historyKey,
  statisticsLink,
  sumFen,
  withdrawImport,
  type HistoryImportListItem,
} from './api.ts';
import { Amount } from './ImportOutcome.tsx';

function WithdrawButton({
  item,
  onWithdrawn,
}: {
  item: HistoryImportListItem;
  onWithdrawn: (id: string) => void;
}) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const withdraw = useMutation({
    mutationFn: () => withdrawImport(item.id),
    onSuccess: async (w) => {
      void message.success(`已撤销导入“${w.fileName}”，删除 ${w.rowsRemoved} 行记录`);
      onWithdrawn(w.id);
      await queryClient.invalidateQueries({ queryKey: historyKey });
      await queryClient.invalidateQueries({ queryKey: [reportPath] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Popconfirm
      title="撤销这次导入？"
      description={
        <div style={{ maxWidth: 320 }}>
          将删除“{item.fileName}”导入的全部 {item.rowCount}{' '}
          行记录，统计数据随之扣除；撤销记入审计日志，之后可重新导入。
        </div>
      }
      okText="撤销导入"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onConfirm={() => withdraw.mutate()}
    >
      <Button size="small" danger loading={withdraw.isPending} data-testid={`history-withdraw-${item.id}`}>
        撤销导入
      </Button>
    </Popconfirm>
  );
}

/** The centre's earlier imports, newest first, with their totals; each can be withdrawn as a whole. */
export function ImportsTable({ onWithdrawn }: { onWithdrawn: (id: string) => void }) {
  const imports = useQuery({ queryKey: historyKey, queryFn: fetchImports });
  const items = imports.data ?? [];
  const columns: TableColumnsType<HistoryImportListItem> = [
    {
      title: '文件名',
      dataIndex: 'fileName',
      key: 'fileName',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.fileName}</span>
          <Typography.Text type="secondary" style={{ ...monospace, fontSize: 12 }} title={r.fileSha256}>
            SHA-256 {shortHash(r.fileSha256, 12)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '行数', dataIndex: 'rowCount', key: 'rowCount', align: 'right', width: 80 },
    { title: '项目数', dataIndex: 'procurements', key: 'procurements', align: 'right', width: 80 },
    {
      title: '采购预算',
      dataIndex: 'budgetFen',
      key: 'budgetFen',
      align: 'right',
      render: (fen: string) => <Amount fen={fen} />,
    },
    {
      title: '合同签订日期',
      key: 'period',
      render: (_, r) =>
        r.from && r.to ? (
          <Link to={statisticsLink(r.from, r.to)} title="查看该期间的统计">
            {r.from} 至 {r.to}
          </Link>
        ) : (
          '—'
        ),
    },
    { title: '导入时间', dataIndex: 'importedAt', key: 'importedAt', render: (t: string) => formatTime(t) },
    {
      title: '导入人',
      dataIndex: 'importedByName',
      key: 'importedByName',
      render: (n: string | null) => n ?? '—',
    },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_, r) => <WithdrawButton item={r} onWithdrawn={onWithdrawn} />,
    },
  ];

  return (
    <Card title="已导入的台账" size="small">
      {imports.isError && <Alert type="error" showIcon title={errorMessage(imports.error)} />}
      <Table<HistoryImportListItem>
        rowKey="id"
        size="small"
        data-testid="history-imports"
        loading={imports.isPending}
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: '尚未导入历史台账' }}
        summary={() =>
          items.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计（{items.length} 份）</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {items.reduce((n, i) => n + i.rowCount, 0)}
              </Table.Summary.Cell>
              {/* One project's lots may come in different ledgers: project counts do not add up across imports. */}
              <Table.Summary.Cell index={2} />
              <Table.Summary.Cell index={3} align="right">
                <Amount fen={sumFen(items.map((i) => i.budgetFen))} />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} colSpan={4} />
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}
