import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { decisionBody } from '../../../../../src/modules/evaluation/contract.ts';
import { errorMessage } from '../../../api.ts';
import { zodRule } from '../../../shared/forms.ts';
import { formatTime } from '../../../shared/format.ts';
import { countdownText, useNow } from './common.tsx';
import { decideAbnormal, fetchRoom, roomKey, type AbnormalReview, type EvaluationView } from './roomApi.ts';

const DECISIONS: Record<string, { label: string; color: string }> = {
  accepted: { label: '认可报价合理性说明', color: 'success' },
  rejected: { label: '不认可，投标无效', color: 'error' },
};

/** The time the bidder has left to explain (at least 30 minutes, 财库〔2026〕2号). */
export function DueIn({ dueAt }: { dueAt: string }) {
  const now = useNow();
  const left = Date.parse(dueAt) - now;
  return (
    <span data-testid="abnormal-due">
      {formatTime(dueAt)}
      {left > 0 ? (
        <Tag color="processing" style={{ marginLeft: 8 }}>
          剩余 {countdownText(left)}
        </Tag>
      ) : (
        <Tag style={{ marginLeft: 8 }}>说明时间已到</Tag>
      )}
    </span>
  );
}

/** 组长 records the committee's decision: accept the explanation, or not (the bid is void, 87号令60). */
function DecisionForm({ room, review }: { room: EvaluationView; review: AbnormalReview }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ accept?: boolean; reason?: string }>();
  const decide = useMutation({
    mutationFn: (v: { accept: boolean; reason: string }) => decideAbnormal(review.id, v),
    onSuccess: async () => {
      queryClient.setQueryData(roomKey(room.projectId), await fetchRoom(room.projectId));
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      name={`decision-${review.id}`}
      disabled={decide.isPending}
      data-testid="abnormal-decision-form"
      onFinish={(v) => decide.mutate({ accept: v.accept === true, reason: (v.reason ?? '').trim() })}
    >
      <Form.Item label="评审委员会认定" name="accept" rules={[{ required: true, message: '请选择认定结论' }]}>
        <Radio.Group name={`decision-${review.id}`}>
          <Radio value={true}>认可</Radio>
          <Radio value={false}>不认可</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item label="认定理由" name="reason" rules={[zodRule(decisionBody.shape.reason)]}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      {decide.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(decide.error)}
          style={{ marginBottom: 12 }}
          data-testid="abnormal-decision-error"
        />
      )}
      <Button type="primary" htmlType="submit" loading={decide.isPending}>
        记录认定
      </Button>
    </Form>
  );
}

/**
 * 异常低价: each bid that tripped a trigger, the bidder's written explanation within its time, and the
 * committee's decision as the chair records it.
 */
export function AbnormalPanel({ room, reviews }: { room: EvaluationView; reviews: AbnormalReview[] }) {
  if (reviews.length === 0)
    return <Typography.Text type="secondary">没有投标触发异常低价情形。</Typography.Text>;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {reviews.map((r) => (
        <Card
          key={r.id}
          size="small"
          type="inner"
          data-testid="abnormal-review"
          title={
            <Space wrap>
              <span>{r.label}</span>
              {r.decision ? (
                <Tag color={DECISIONS[r.decision]?.color} data-testid="abnormal-decision">
                  {DECISIONS[r.decision]?.label ?? r.decision}
                </Tag>
              ) : (
                <Tag color="warning" data-testid="abnormal-decision">
                  待认定
                </Tag>
              )}
            </Space>
          }
        >
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="触发情形">
                <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="abnormal-triggers">
                  {r.triggers.map((t) => (
                    <li key={t.kind}>{t.message}</li>
                  ))}
                </ul>
              </Descriptions.Item>
              <Descriptions.Item label="要求说明时间">{formatTime(r.requestedAt)}</Descriptions.Item>
              <Descriptions.Item label="说明截止时间">
                {r.explainedAt || r.decision ? formatTime(r.dueAt) : <DueIn dueAt={r.dueAt} />}
              </Descriptions.Item>
              <Descriptions.Item label="投标人书面说明">
                {r.explanation ? (
                  <span data-testid="abnormal-explanation">
                    {r.explanation}
                    <Typography.Text type="secondary" style={{ display: 'block' }}>
                      提交时间 {formatTime(r.explainedAt)}
                    </Typography.Text>
                  </span>
                ) : (
                  <Typography.Text type="secondary" data-testid="abnormal-explanation">
                    投标人尚未提交说明
                  </Typography.Text>
                )}
              </Descriptions.Item>
              {r.decisionReason && (
                <Descriptions.Item label="认定理由">
                  <span data-testid="abnormal-decision-reason">{r.decisionReason}</span>
                </Descriptions.Item>
              )}
            </Descriptions>
            {r.decision === null &&
              room.me.member &&
              (room.me.chair ? (
                <DecisionForm room={room} review={r} />
              ) : (
                <Typography.Text type="secondary">由评审组长记录评审委员会的认定。</Typography.Text>
              ))}
          </Space>
        </Card>
      ))}
    </Space>
  );
}
