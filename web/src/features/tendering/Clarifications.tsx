import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, Space, Spin, Tag, Typography } from 'antd';
import { rowStyle } from './LintPanel.tsx';
import { answerBody, questionBody } from '../../../../src/modules/tendering/contract.ts';
import { errorMessage } from '../../api.ts';
import { zodRule } from '../../shared/forms.ts';
import { formatTime } from '../../shared/format.ts';
import { answerQuestion, askQuestion, fetchQuestions, projectsPath, type QuestionView } from './api.ts';
import { showFieldErrors } from './fields.tsx';

const key = (projectId: string) => [projectsPath, projectId, 'clarifications'];

function AnswerForm({ projectId, question }: { projectId: string; question: QuestionView }) {
  const [form] = Form.useForm<{ answer?: string }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: (answer: string) => answerQuestion(projectId, question.id, { answer }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key(projectId) });
      void message.success('答复已公开');
    },
    onError: (error) => {
      if (!showFieldErrors(form, ['answer'], error)) void message.error(errorMessage(error));
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      disabled={mutation.isPending}
      onFinish={(v) => mutation.mutate(v.answer ?? '')}
    >
      <Form.Item name="answer" rules={[zodRule(answerBody.shape.answer)]} style={{ marginBottom: 8 }}>
        <Input.TextArea
          rows={2}
          placeholder="答复内容（对所有供应商公开，不显示提问人）"
          aria-label="答复内容"
        />
      </Form.Item>
      <Button size="small" type="primary" htmlType="submit" loading={mutation.isPending}>
        答复
      </Button>
    </Form>
  );
}

function AskForm({ projectId }: { projectId: string }) {
  const [form] = Form.useForm<{ question?: string }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: (question: string) => askQuestion(projectId, { question }),
    onSuccess: () => {
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: key(projectId) });
      void message.success('问题已提交，答复后对所有供应商公开');
    },
    onError: (error) => {
      if (!showFieldErrors(form, ['question'], error)) void message.error(errorMessage(error));
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      disabled={mutation.isPending}
      onFinish={(v) => mutation.mutate(v.question ?? '')}
    >
      <Form.Item label="提出澄清问题" name="question" rules={[zodRule(questionBody.shape.question)]}>
        <Input.TextArea rows={3} maxLength={2000} showCount placeholder="问题将匿名公开" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={mutation.isPending}>
        提交问题
      </Button>
    </Form>
  );
}

/** 澄清: questions read anonymously; the centre answers, and an answer goes to every supplier. */
export function Clarifications({ projectId }: { projectId: string }) {
  const query = useQuery({ queryKey: key(projectId), queryFn: () => fetchQuestions(projectId) });
  const canAsk = query.data?.abilities.includes('ask') ?? false;
  return (
    <Card size="small" title="澄清问答" data-testid="clarifications">
      {query.isError && <Alert type="error" showIcon title={errorMessage(query.error)} />}
      {query.isPending ? (
        <Spin />
      ) : !query.data?.items.length ? (
        <Empty description="暂无澄清问题" />
      ) : (
        query.data.items.map((q) => (
          <div key={q.id} data-testid="clarification" style={rowStyle}>
            <Space orientation="vertical" style={{ width: '100%' }} size={4}>
              <Space wrap>
                <Typography.Text strong>问：</Typography.Text>
                <Typography.Text>{q.question}</Typography.Text>
                {q.mine && <Tag color="blue">我的提问</Tag>}
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatTime(q.askedAt)}
                {q.askedBy ? ` · 提问人：${q.askedBy}` : ''}
              </Typography.Text>
              {q.answer ? (
                <div style={{ whiteSpace: 'pre-wrap' }}>
                  <Typography.Text strong>答：</Typography.Text>
                  {q.answer}
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
                    {formatTime(q.answeredAt)}
                  </Typography.Text>
                </div>
              ) : q.abilities.includes('answer') ? (
                <AnswerForm projectId={projectId} question={q} />
              ) : (
                <Tag color="gold">待答复</Tag>
              )}
            </Space>
          </div>
        ))
      )}
      {canAsk && (
        <div style={{ marginTop: 16 }}>
          <AskForm projectId={projectId} />
        </div>
      )}
    </Card>
  );
}
