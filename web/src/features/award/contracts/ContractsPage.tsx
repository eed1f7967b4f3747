import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Input, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CONTRACT_STATUS_LABELS } from '../../../../../src/modules/award/contracts/contract.ts';
import { errorMessage } from '../../../api.ts';
import { formatYuan } from '../../../shared/money.ts';
import { contractsKey, fetchContracts, type ContractSummary, type ListFilters } from './api.ts';

const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  signing: 'processing',
  signed: 'success',
  accepted: 'success',
  completed: 'default',
  terminated: 'error',
};

export function ContractStatusTag({ status, label }: { status: string; label: string }) {
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="contract-status">
      {label}
    </Tag>
  );
}

/**
 * 合同 (URL /app/contracts): the centre and supervisors see every contract, a purchaser its own unit's, a supplier
 * its own. Filters: status, overdue only, a search over code, project, parties.
 */
export function ContractsPage({ projectId }: { projectId?: string } = {}) {
  const [filters, setFilters] = useState<ListFilters>({ page: 1, pageSize: 20, projectId });
  const q = useQuery({ queryKey: [...contractsKey, filters], queryFn: () => fetchContracts(filters) });
  const set = (f: Partial<ListFilters>) => setFilters((old) => ({ ...old, ...f, page: 1 }));
  return (
    <Card title="政府采购合同">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder="合同编号、项目、采购人、供应商"
          style={{ width: 280 }}
          onSearch={(v) => set({ q: v || undefined })}
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 140 }}
          options={Object.entries(CONTRACT_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          onChange={(v?: ListFilters['status']) => set({ status: v })}
        />
        <Space>
          <Switch size="small" onChange={(on) => set({ late: on ? 'true' : undefined })} />
          只看逾期
        </Space>
      </Space>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <Table<ContractSummary>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '暂无合同' }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: q.data?.total ?? 0,
          showTotal: (n) => `共 ${n} 份`,
          onChange: (page, pageSize) => setFilters((old) => ({ ...old, page, pageSize })),
        }}
        columns={[
          { title: '合同编号', render: (_, c) => <Link to={`/app/contracts/${c.id}`}>{c.code}</Link> },
          { title: '项目', render: (_, c) => `${c.projectCode} ${c.projectName} 第${c.lotNo}包` },
          { title: '采购人', dataIndex: 'purchaserName' },
          { title: '供应商', dataIndex: 'supplierName' },
          { title: '合同金额（元）', align: 'right', render: (_, c) => formatYuan(c.amountFen) },
          { title: '签订期限', dataIndex: 'signingDueOn' },
          { title: '签订日期', render: (_, c) => c.signedOn ?? '—' },
          {
            title: '状态',
            render: (_, c) => (
              <Space size={4}>
                <ContractStatusTag status={c.status} label={c.statusLabel} />
                {c.late && <Tag color="error">逾期</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
