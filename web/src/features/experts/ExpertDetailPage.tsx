import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { expertReviewBody } from '../../../../src/modules/orgs/experts/contract.ts';
import { errorMessage } from '../../api.ts';
import { ReviewModal } from '../orgs/ReviewModal.tsx';
import { expertKey, expertsKey, fetchExpert, reviewExpert, type ExpertDetail } from './api.ts';
import { ExpertRatingModal, ExpertStatusModal } from './ExpertActionModals.tsx';
import { ExpertStatusTag, ExpertTabs } from './ExpertRecord.tsx';

/** One expert's record; the buttons are the record's own `abilities`, which already follow its status. */
export function ExpertDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const record = useQuery({ queryKey: expertKey(id), queryFn: () => fetchExpert(id) });
  const [dialog, setDialog] = useState<'review' | 'status' | 'rate' | null>(null);
  const data = record.data;
  const abilities = data?.abilities ?? [];

  const done = (next?: ExpertDetail) => {
    setDialog(null);
    if (next) queryClient.setQueryData(expertKey(id), next);
    void queryClient.invalidateQueries({ queryKey: expertsKey });
  };

  return (
    <Card
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate('/app/experts')} />
          <span data-testid="expert-name">{data?.name ?? '专家详情'}</span>
          {data && <ExpertStatusTag record={data} testId="expert-status" />}
        </Space>
      }
      extra={
        <Space>
          {abilities.includes('review') && (
            <Button type="primary" data-testid="expert-review" onClick={() => setDialog('review')}>
              审核
            </Button>
          )}
          {abilities.includes('changeStatus') && (
            <Button onClick={() => setDialog('status')}>变更状态</Button>
          )}
          {abilities.includes('rate') && <Button onClick={() => setDialog('rate')}>记录评价</Button>}
        </Space>
      }
    >
      {record.isError && <Alert type="error" showIcon title={errorMessage(record.error)} />}
      {record.isPending && <Skeleton active />}
      {data && <ExpertTabs record={data} />}
      <ReviewModal
        title="审核专家申请"
        schema={expertReviewBody}
        rejectLabel="不予通过"
        open={dialog === 'review'}
        onClose={() => setDialog(null)}
        submit={(body) => reviewExpert(id, body)}
        onDone={() => done()}
      />
      {data && (
        <>
          <ExpertStatusModal
            record={data}
            open={dialog === 'status'}
            onClose={() => setDialog(null)}
            onDone={done}
          />
          <ExpertRatingModal
            record={data}
            open={dialog === 'rate'}
            onClose={() => setDialog(null)}
            onDone={done}
          />
        </>
      )}
    </Card>
  );
}
