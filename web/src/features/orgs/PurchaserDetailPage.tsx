import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Skeleton, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PURCHASER_LEVEL_LABELS } from '../../../../src/modules/orgs/contract.ts';
import { errorMessage } from '../../api.ts';
import { monospace } from '../../shared/format.ts';
import { orgStatusLabels, statusColors, userStatusLabels } from '../../shared/labels.ts';
import { fetchPurchaser, purchasersKey, type PurchaserDetail } from './api.ts';
import { PurchaserFormModal } from './PurchaserFormModal.tsx';

const dash = (v: string | null) => v ?? '—';
type Child = PurchaserDetail['children'][number];
type Staff = PurchaserDetail['staff'][number];

export function PurchaserDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const record = useQuery({ queryKey: [...purchasersKey, id], queryFn: () => fetchPurchaser(id) });
  const p = record.data;

  return (
    <Card
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)} />
          <span>{p?.name ?? '采购单位详情'}</span>
        </Space>
      }
      extra={p?.abilities.includes('update') && <Button onClick={() => setEditing(true)}>修改</Button>}
    >
      {record.isError && <Alert type="error" showIcon title={errorMessage(record.error)} />}
      {record.isPending && <Skeleton active />}
      {p && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions
            bordered
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'name', label: '单位名称', children: p.name },
              { key: 'level', label: '级别', children: p.levelLabel },
              {
                key: 'parent',
                label: '上级单位',
                children: p.parentId ? <Link to={`/app/purchasers/${p.parentId}`}>{p.parentName}</Link> : '—',
              },
              { key: 'region', label: '行政区划', children: p.regionCode },
              {
                key: 'credit',
                label: '统一社会信用代码',
                children: <span style={monospace}>{dash(p.creditCode)}</span>,
              },
              { key: 'finance', label: '监管财政部门', children: dash(p.financeUnit) },
              { key: 'contact', label: '联系人', children: dash(p.contactName) },
              { key: 'phone', label: '联系电话', children: dash(p.contactPhone) },
              { key: 'address', label: '地址', children: dash(p.address) },
              {
                key: 'status',
                label: '状态',
                children: <Tag color={statusColors[p.status]}>{orgStatusLabels[p.status]}</Tag>,
              },
            ]}
          />
          <Card size="small" title={`下级单位（${p.children.length}）`}>
            <Table<Child>
              rowKey="id"
              size="small"
              pagination={p.children.length > 10 ? { pageSize: 10 } : false}
              dataSource={p.children}
              columns={[
                {
                  title: '单位名称',
                  dataIndex: 'name',
                  key: 'name',
                  render: (v: string, c: Child) => <Link to={`/app/purchasers/${c.id}`}>{v}</Link>,
                },
                {
                  title: '级别',
                  dataIndex: 'level',
                  key: 'level',
                  render: (v: Child['level']) => PURCHASER_LEVEL_LABELS[v],
                },
              ]}
            />
          </Card>
          <Card size="small" title={`经办账号（${p.staff.length}）`}>
            <Table<Staff>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={p.staff}
              columns={[
                { title: '用户名', dataIndex: 'username', key: 'username' },
                { title: '姓名', dataIndex: 'displayName', key: 'displayName' },
                {
                  title: '状态',
                  dataIndex: 'status',
                  key: 'status',
                  render: (v: string) => (
                    <Tag color={statusColors[v]}>
                      {userStatusLabels[v as keyof typeof userStatusLabels] ?? v}
                    </Tag>
                  ),
                },
              ]}
            />
          </Card>
        </Space>
      )}
      {p && (
        <PurchaserFormModal
          record={p}
          open={editing}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            queryClient.setQueryData([...purchasersKey, id], saved);
            void queryClient.invalidateQueries({ queryKey: purchasersKey });
          }}
        />
      )}
    </Card>
  );
}
