import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, Space, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { justificationBody } from '../../../../src/modules/tendering/contract.ts';
import { errorMessage } from '../../api.ts';
import { zodRule } from '../../shared/forms.ts';
import { formatTime } from '../../shared/format.ts';
import { justify, lintProject, mayDo, projectsPath, type ProjectView } from './api.ts';
import { showFieldErrors } from './fields.tsx';

/** One finding per row, divided by a hairline. */
export const rowStyle: CSSProperties = { padding: '12px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' };

type Finding = NonNullable<ProjectView['lint']>['findings'][number];

function JustifyForm({ project, finding }: { project: ProjectView; finding: Finding }) {
  const [form] = Form.useForm<{ reason?: string }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: (reason: string) =>
      justify(project.id, { ruleId: finding.ruleId, clauseId: finding.clauseId, reason }),
    onSuccess: (saved) => {
      queryClient.setQueryData([projectsPath, project.id], saved);
      void queryClient.invalidateQueries({ queryKey: [projectsPath] });
      void message.success('已记录保留理由');
    },
    onError: (error) => {
      if (!showFieldErrors(form, ['reason'], error)) void message.error(errorMessage(error));
    },
  });
  return (
    <Form
      form={form}
      layout="inline"
      disabled={mutation.isPending}
      onFinish={(v) => mutation.mutate(v.reason ?? '')}
      style={{ marginTop: 8 }}
    >
      <Form.Item
        name="reason"
        rules={[zodRule(justificationBody.shape.reason)]}
        style={{ flex: 1, minWidth: 320 }}
      >
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 4 }}
          placeholder="保留该要求的理由（至少 10 个字）"
          aria-label="保留理由"
        />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" loading={mutation.isPending}>
          记录理由
        </Button>
      </Form.Item>
    </Form>
  );
}

function FindingItem({ project, finding }: { project: ProjectView; finding: Finding }) {
  const block = finding.severity === 'block';
  return (
    <div data-testid="lint-finding" style={rowStyle}>
      <div style={{ width: '100%' }}>
        <Space wrap>
          <Tag color={block ? 'red' : 'orange'}>{block ? '必须修改' : '需说明理由'}</Tag>
          <Typography.Text strong>{finding.title}</Typography.Text>
          {finding.clauseId && <Tag>条款 {finding.clauseId}</Tag>}
          <Typography.Text type="secondary">依据：{finding.article}</Typography.Text>
        </Space>
        {finding.quote && (
          <blockquote
            className="zc-lint-quote"
            style={{
              margin: '8px 0',
              padding: '4px 12px',
              borderLeft: '3px solid #d9d9d9',
              color: 'rgba(0,0,0,0.65)',
            }}
          >
            “{finding.quote}”
          </blockquote>
        )}
        <Typography.Paragraph style={{ margin: 0 }}>{finding.message}</Typography.Paragraph>
        {finding.justification && (
          <Alert
            type="success"
            showIcon
            style={{ marginTop: 8 }}
            title={`已记录理由：${finding.justification}`}
          />
        )}
        {!block && finding.blocking && mayDo(project, 'justify') && (
          <JustifyForm project={project} finding={finding} />
        )}
      </div>
    </div>
  );
}

/** 文件检查: discriminatory clauses, weights and amounts, the method; publication waits until it is clear. */
export function LintPanel({ project }: { project: ProjectView }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: () => lintProject(project.id),
    onSuccess: (saved) => {
      queryClient.setQueryData([projectsPath, project.id], saved);
      void queryClient.invalidateQueries({ queryKey: [projectsPath] });
      if (saved.lint?.clear) void message.success('文件检查通过');
      else void message.warning('文件检查发现问题，请修改后重新检查');
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const lint = project.lint;
  const canRun = mayDo(project, 'lint', 'lint');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        {canRun && (
          <Button type="primary" loading={mutation.isPending} onClick={() => mutation.mutate()}>
            {lint ? '重新检查' : '运行文件检查'}
          </Button>
        )}
        {lint && <Typography.Text type="secondary">最近检查：{formatTime(lint.checkedAt)}</Typography.Text>}
      </Space>
      {!lint ? (
        <Empty description={canRun ? '尚未检查，请在采购需求保存后运行文件检查' : '尚未进行文件检查'} />
      ) : (
        <>
          {lint.clear ? (
            <Alert
              type="success"
              showIcon
              data-testid="lint-clear"
              title="检查通过：未发现歧视性、限制性条款，权重与金额均在法定范围内"
              description={lint.findings.length ? '需说明理由的问题均已记录理由。' : undefined}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              data-testid="lint-blocked"
              title="检查未通过：以下问题解决前不能发布公告"
              description="红色“必须修改”的条款须在采购需求中删除或改写；橙色“需说明理由”的可以记录保留理由。"
            />
          )}
          {lint.findings.length > 0 && (
            <Card size="small" title={`条款问题（${lint.findings.length}）`}>
              {lint.findings.map((f) => (
                <FindingItem key={`${f.ruleId}-${f.clauseId ?? f.field}`} project={project} finding={f} />
              ))}
            </Card>
          )}
          {lint.problems.length > 0 && (
            <Card size="small" title={`数额与方式问题（${lint.problems.length}）`}>
              {lint.problems.map((p) => (
                <div key={`${p.code}-${p.path}`} data-testid="lint-problem" style={rowStyle}>
                  <Space orientation="vertical" size={2}>
                    <Space wrap>
                      <Tag color="red">必须修改</Tag>
                      <Typography.Text>{p.message}</Typography.Text>
                    </Space>
                    <Typography.Text type="secondary">依据：{p.article}</Typography.Text>
                  </Space>
                </div>
              ))}
            </Card>
          )}
        </>
      )}
    </Space>
  );
}
