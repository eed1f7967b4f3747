import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { explanationBody } from '../../../../src/modules/evaluation/contract.ts';
import { errorMessage } from '../../api.ts';
import { zodRule } from '../../shared/forms.ts';
import { formatTime } from '../../shared/format.ts';
import { DueIn } from './room/AbnormalPanel.tsx';
import { explainPrice, fetchMyReviews, myReviewsKey, type MyReview } from './room/roomApi.ts';

const DECISIONS: Record<string, { label: string; color: string }> = {
  accepted: { label: '评审委员会认可了报价合理性说明', color: 'success' },
  rejected: { label: '评审委员会认定报价不合理，投标无效', color: 'error' },
};

function ExplainForm({ projectId, review }: { projectId: string; review: MyReview }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text?: string }>();
  const explain = useMutation({
    mutationFn: (text: string) => explainPrice(review.id, text),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myReviewsKey(projectId) }),
  });
  return (
    <Form
      form={form}
      layout="vertical"
      name={`explain-${review.id}`}
      disabled={explain.isPending}
      initialValues={{ text: review.explanation ?? '' }}
      onFinish={(v) => explain.mutate((v.text ?? '').trim())}
    >
      <Form.Item
        label="报价合理性书面说明"
        name="text"
        extra="说明报价低的原因（成本构成、库存、技术优势等），必要时附证明材料；评审委员会作出认定前可以修改。"
        rules={[zodRule(explanationBody.shape.text)]}
      >
        <Input.TextArea rows={5} maxLength={10_000} showCount />
      </Form.Item>
      {explain.isError && (
        <Alert type="error" showIcon title={errorMessage(explain.error)} style={{ marginBottom: 12 }} />
      )}
      <Button type="primary" htmlType="submit" loading={explain.isPending}>
        {review.explanation ? '修改说明' : '提交书面说明'}
      </Button>
    </Form>
  );
}

/**
 * 异常低价说明 for a bidder: the evaluation committee found its price abnormally low by the national triggers
 * (财库〔2026〕2号) and asks for a written explanation within its time (at least 30 minutes).
 */
export function ExplainPanel({ projectId }: { projectId: string }) {
  const query = useQuery({
    queryKey: myReviewsKey(projectId),
    queryFn: () => fetchMyReviews(projectId),
    refetchInterval: 10_000,
  });
  const items = query.data?.items ?? [];
  if (query.isError) return <Alert type="error" showIcon title={errorMessage(query.error)} />;
  if (items.length === 0) return null;
  return (
    <Card size="small" title="异常低价说明" data-testid="explain-panel">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {items.map((r) => (
          <Card
            key={r.id}
            size="small"
            type="inner"
            data-testid="my-review"
            title={
              <Space wrap>
                <span>第 {r.lotNo} 包</span>
                {r.decision ? (
                  <Tag color={DECISIONS[r.decision]?.color} data-testid="my-review-status">
                    {DECISIONS[r.decision]?.label ?? r.decision}
                  </Tag>
                ) : r.explanation ? (
                  <Tag color="processing" data-testid="my-review-status">
                    已提交说明，等待评审委员会认定
                  </Tag>
                ) : (
                  <Tag color="warning" data-testid="my-review-status">
                    请提交书面说明
                  </Tag>
                )}
              </Space>
            }
          >
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label="触发情形">
                  <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="my-review-triggers">
                    {r.triggers.map((t) => (
                      <li key={t.kind}>{t.message}</li>
                    ))}
                  </ul>
                </Descriptions.Item>
                <Descriptions.Item label="要求时间">{formatTime(r.requestedAt)}</Descriptions.Item>
                <Descriptions.Item label="说明截止时间">
                  {r.decision ? formatTime(r.dueAt) : <DueIn dueAt={r.dueAt} />}
                </Descriptions.Item>
                {r.explanation && (
                  <Descriptions.Item label="已提交的说明">
                    <span data-testid="my-review-explanation">{r.explanation}</span>
                    <Typography.Text type="secondary" style={{ display: 'block' }}>
                      {formatTime(r.explainedAt)}
                    </Typography.Text>
                  </Descriptions.Item>
                )}
                {r.decisionReason && (
                  <Descriptions.Item label="认定理由">{r.decisionReason}</Descriptions.Item>
                )}
              </Descriptions>
              {r.abilities.includes('explain') && <ExplainForm projectId={projectId} review={r} />}
            </Space>
          </Card>
        ))}
      </Space>
    </Card>
  );
}
