import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { supplierReviewBody } from '../../../../src/modules/orgs/suppliers/contract.ts';
import { errorMessage } from '../../api.ts';
import { fetchSupplier, reviewSupplier, supplierKey, suppliersKey } from './api.ts';
import { ReviewModal } from './ReviewModal.tsx';
import { SanctionModal } from './SanctionModal.tsx';
import { SupplierTabs } from './SupplierRecord.tsx';

export function SupplierDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const record = useQuery({ queryKey: supplierKey(id), queryFn: () => fetchSupplier(id) });
  const [dialog, setDialog] = useState<'review' | 'sanction' | null>(null);
  const abilities = record.data?.abilities ?? [];

  const done = () => {
    setDialog(null);
    void queryClient.invalidateQueries({ queryKey: suppliersKey });
  };

  return (
    <Card
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate('/app/suppliers')} />
          <span data-testid="supplier-name">{record.data?.name ?? '供应商详情'}</span>
        </Space>
      }
      extra={
        <Space>
          {abilities.includes('review') && (
            <Button type="primary" data-testid="supplier-review" onClick={() => setDialog('review')}>
              审核
            </Button>
          )}
          {abilities.includes('sanction') && (
            <Button danger onClick={() => setDialog('sanction')}>
              登记处罚
            </Button>
          )}
        </Space>
      }
    >
      {record.isError && <Alert type="error" showIcon title={errorMessage(record.error)} />}
      {record.isPending && <Skeleton active />}
      {record.data && <SupplierTabs record={record.data} />}
      <ReviewModal
        title="审核供应商"
        schema={supplierReviewBody}
        open={dialog === 'review'}
        onClose={() => setDialog(null)}
        submit={(body) => reviewSupplier(id, body)}
        onDone={done}
      />
      <SanctionModal
        supplierId={id}
        open={dialog === 'sanction'}
        onClose={() => setDialog(null)}
        onDone={done}
      />
    </Card>
  );
}
