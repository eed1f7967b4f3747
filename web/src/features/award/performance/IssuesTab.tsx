import { Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { ISSUE_CATEGORY_LABELS } from '../../../../../src/modules/award/performance/contract.ts';
import { formatTime } from '../../../shared/format.ts';
import type { IssueView, PerformanceView } from './api.ts';
import { ActionForm, LateTag } from './common.tsx';

const CATEGORY_OPTIONS = Object.entries(ISSUE_CATEGORY_LABELS).map(([value, label]) => ({ value, label }));
const STATUS_COLORS: Record<IssueView['status'], string> = {
  open: 'processing',
  answered: 'warning',
  closed: 'success',
};

interface IssueValues {
  category: IssueView['category'];
  description: string;
  milestoneId?: string;
  responseDays: number;
}

/** 履约问题: raised by the purchaser or a supervisor, answered by the supplier, closed by the purchaser. */
export function IssuesTab({ view }: { view: PerformanceView }) {
  const contractId = view.contract.id;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {view.abilities.includes('raiseIssue') && (
        <ActionForm<IssueValues>
          contractId={contractId}
          label="提出履约问题"
          title="提出履约问题"
          testId="raise-issue"
          button={{ type: 'primary', size: 'middle' }}
          initialValues={{ category: 'quality', responseDays: 3 }}
          toAction={(v) => ({
            kind: 'raiseIssue',
            body: {
              category: v.category,
              description: v.description,
              milestoneId: v.milestoneId ?? null,
              responseDays: v.responseDays,
            },
          })}
        >
          {() => (
            <>
              <Form.Item name="category" label="问题类别" rules={[{ required: true }]}>
                <Select options={CATEGORY_OPTIONS} />
              </Form.Item>
              <Form.Item name="milestoneId" label="相关履约节点">
                <Select
                  allowClear
                  options={view.milestones.map((m) => ({ value: m.id, label: `${m.title}（${m.dueOn}）` }))}
                />
              </Form.Item>
              <Form.Item
                name="description"
                label="问题描述"
                rules={[{ required: true, min: 4, message: '请描述问题' }]}
              >
                <Input.TextArea rows={4} maxLength={4000} />
              </Form.Item>
              <Form.Item
                name="responseDays"
                label="供应商答复期限（工作日，1–15）"
                rules={[{ required: true }]}
              >
                <InputNumber min={1} max={15} precision={0} />
              </Form.Item>
            </>
          )}
        </ActionForm>
      )}
      <Table<IssueView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={view.issues}
        data-testid="issues"
        locale={{ emptyText: '没有履约问题' }}
        expandable={{
          expandedRowRender: (i) => (
            <Space direction="vertical">
              <span>问题：{i.description}</span>
              {i.response && (
                <span>
                  供应商答复（{formatTime(i.respondedAt)}）：{i.response}
                </span>
              )}
              {i.resolution && (
                <span>
                  处理结果（{formatTime(i.closedAt)}）：{i.resolution}
                </span>
              )}
            </Space>
          ),
        }}
        columns={[
          { title: '类别', dataIndex: 'categoryLabel', width: 90 },
          {
            title: '问题',
            render: (_, i) => (
              <Typography.Text ellipsis={{ tooltip: i.description }}>{i.description}</Typography.Text>
            ),
          },
          {
            title: '提出',
            width: 170,
            render: (_, i) => `${formatTime(i.raisedAt)}${i.raisedBy ? ` ${i.raisedBy}` : ''}`,
          },
          { title: '答复期限', dataIndex: 'responseDueOn', width: 110 },
          {
            title: '状态',
            width: 190,
            render: (_, i) => (
              <Space size={4}>
                <Tag color={STATUS_COLORS[i.status]}>{i.statusLabel}</Tag>
                <LateTag late={i.late} daysLate={i.daysLate} />
              </Space>
            ),
          },
          {
            title: '操作',
            width: 150,
            render: (_, i) => (
              <Space>
                {i.abilities.includes('answer') && (
                  <ActionForm<{ response: string }>
                    contractId={contractId}
                    label="答复"
                    title="答复履约问题"
                    toAction={(v) => ({ kind: 'answerIssue', issueId: i.id, response: v.response })}
                  >
                    {() => (
                      <Form.Item
                        name="response"
                        label="答复"
                        rules={[{ required: true, message: '请填写答复' }]}
                      >
                        <Input.TextArea rows={4} maxLength={4000} />
                      </Form.Item>
                    )}
                  </ActionForm>
                )}
                {i.abilities.includes('close') && (
                  <ActionForm<{ resolution: string }>
                    contractId={contractId}
                    label="关闭"
                    title="关闭履约问题"
                    toAction={(v) => ({ kind: 'closeIssue', issueId: i.id, resolution: v.resolution })}
                  >
                    {() => (
                      <Form.Item
                        name="resolution"
                        label="处理结果"
                        rules={[{ required: true, message: '请填写处理结果' }]}
                      >
                        <Input.TextArea rows={4} maxLength={4000} />
                      </Form.Item>
                    )}
                  </ActionForm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
