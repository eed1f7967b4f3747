import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api.ts';
import { formatTime } from '../../shared/format.ts';
import { answerObjection, openingKey, raiseObjection, type OpeningView } from './OpeningHallApi.ts';

type Objection = OpeningView['objections'][number];

function AnswerForm({ projectId, objection }: { projectId: string; objection: Objection }) {
  const queryClient = useQueryClient();
  const [answer, setAnswer] = useState('');
  const mutation = useMutation({
    mutationFn: () => answerObjection(projectId, objection.id, answer),
    onSuccess: (view) => {
      setAnswer('');
      queryClient.setQueryData(openingKey(projectId), view);
    },
  });
  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
      <Input.TextArea
        aria-label="答复内容"
        placeholder="当场答复该异议"
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={2000}
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
      />
      <Button
        type="primary"
        size="small"
        loading={mutation.isPending}
        disabled={answer.trim().length < 2}
        onClick={() => mutation.mutate()}
      >
        答复
      </Button>
      {mutation.isError && <Alert type="error" showIcon title={errorMessage(mutation.error)} />}
    </Space>
  );
}

function RaiseForm({ projectId }: { projectId: string }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const mutation = useMutation({
    mutationFn: () => raiseObjection(projectId, text),
    onSuccess: (view) => {
      setText('');
      queryClient.setQueryData(openingKey(projectId), view);
    },
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="objection-form">
      <Input.TextArea
        aria-label="异议内容"
        placeholder="对开标过程或开标记录有异议的，请当场提出"
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={2000}
        showCount
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <Button
        loading={mutation.isPending}
        disabled={text.trim().length < 4}
        onClick={() => mutation.mutate()}
      >
        提出异议
      </Button>
      {mutation.isError && <Alert type="error" showIcon title={errorMessage(mutation.error)} />}
    </Space>
  );
}

/** 开标异议: bidders raise them on the spot, the agent answers each inline; the list shows both. */
export function OpeningHallObjections({ view }: { view: OpeningView }) {
  const mayAnswer = view.abilities.includes('answer');
  return (
    <Card size="small" title="开标异议" data-testid="objections">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {view.objections.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无异议" />
        ) : (
          <List
            dataSource={view.objections}
            rowKey="id"
            renderItem={(o) => (
              <List.Item data-testid="objection">
                <div style={{ width: '100%' }}>
                  <Space wrap>
                    <Typography.Text strong>{o.supplierName}</Typography.Text>
                    <Typography.Text type="secondary">{formatTime(o.raisedAt)}</Typography.Text>
                    {o.answer === null ? <Tag color="orange">待答复</Tag> : <Tag color="green">已答复</Tag>}
                  </Space>
                  <Typography.Paragraph style={{ margin: '4px 0 0' }} data-testid="objection-text">
                    {o.text}
                  </Typography.Paragraph>
                  {o.answer !== null ? (
                    <Alert
                      type="info"
                      style={{ marginTop: 8 }}
                      data-testid="objection-answer"
                      title={`答复（${formatTime(o.answeredAt)}）：${o.answer}`}
                    />
                  ) : (
                    mayAnswer && <AnswerForm projectId={view.projectId} objection={o} />
                  )}
                </div>
              </List.Item>
            )}
          />
        )}
        {view.abilities.includes('object') && <RaiseForm projectId={view.projectId} />}
      </Space>
    </Card>
  );
}
