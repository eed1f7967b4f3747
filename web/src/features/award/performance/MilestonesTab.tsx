import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { MILESTONE_KIND_LABELS } from '../../../../../src/modules/award/performance/contract.ts';
import { errorMessage } from '../../../api.ts';
import { usePerformanceAction, type MilestoneView, type PerformanceView } from './api.ts';
import { ActionForm, LateTag } from './common.tsx';

type Kind = MilestoneView['kind'];
interface PlanRow {
  id: string | null;
  kind: Kind;
  title: string;
  dueOn: string;
  periodEndsOn?: string;
}

const KIND_OPTIONS = Object.entries(MILESTONE_KIND_LABELS).map(([value, label]) => ({ value, label }));

/** 履约计划: the purchaser edits the unreported part; the supplier reports; the purchaser confirms. */
export function MilestonesTab({ view }: { view: PerformanceView }) {
  const contractId = view.contract.id;
  const act = usePerformanceAction(contractId);
  const editable = view.milestones.filter((m) => m.reportedOn === null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {view.abilities.includes('plan') && (
        <ActionForm<{ milestones: PlanRow[] }>
          contractId={contractId}
          label={view.milestones.length ? '修改履约计划' : '设置履约计划'}
          title="履约计划（已报告完成的节点不能修改）"
          width={820}
          testId="plan-milestones"
          button={{ type: 'primary', size: 'middle' }}
          initialValues={{
            milestones: editable.map((m) => ({
              id: m.id,
              kind: m.kind,
              title: m.title,
              dueOn: m.dueOn,
              ...(m.periodEndsOn ? { periodEndsOn: m.periodEndsOn } : {}),
            })),
          }}
          toAction={(v) => ({
            kind: 'plan',
            body: {
              milestones: (v.milestones ?? []).map((m) => ({
                id: m.id ?? null,
                kind: m.kind,
                title: m.title,
                dueOn: m.dueOn,
                periodEndsOn: m.kind === 'service' && m.periodEndsOn ? m.periodEndsOn : null,
              })),
            },
          })}
        >
          {() => (
            <Form.List name="milestones">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item name={[f.name, 'id']} hidden>
                        <Input />
                      </Form.Item>
                      <Form.Item name={[f.name, 'kind']} rules={[{ required: true, message: '请选择类型' }]}>
                        <Select options={KIND_OPTIONS} style={{ width: 110 }} placeholder="类型" />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'title']}
                        rules={[{ required: true, message: '请填写节点名称' }]}
                      >
                        <Input placeholder="节点名称" style={{ width: 220 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true, message: '请填写日期' }]}>
                        <Input type="date" title="应完成日期（服务期：开始日期）" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'periodEndsOn']}>
                        <Input type="date" title="服务期结束日（仅服务期）" />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ id: null, kind: 'delivery' })}
                    block
                  >
                    添加履约节点
                  </Button>
                </>
              )}
            </Form.List>
          )}
        </ActionForm>
      )}
      {act.isError && <Typography.Text type="danger">{errorMessage(act.error)}</Typography.Text>}
      <Table<MilestoneView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={view.milestones}
        data-testid="milestones"
        locale={{ emptyText: '尚未设置履约计划' }}
        columns={[
          { title: '类型', dataIndex: 'kindLabel', width: 90 },
          { title: '节点', dataIndex: 'title' },
          {
            title: '应完成',
            render: (_, m) => (m.periodEndsOn ? `${m.dueOn} 至 ${m.periodEndsOn}` : m.dueOn),
          },
          {
            title: '完成情况',
            render: (_, m) =>
              m.reportedOn ? (
                <Space direction="vertical" size={0}>
                  <span>
                    {m.reportedOn} 报告完成
                    {m.confirmedOn ? `，${m.confirmedOn} 采购人确认` : '，待采购人确认'}
                  </span>
                  {m.reportNote && <Typography.Text type="secondary">{m.reportNote}</Typography.Text>}
                </Space>
              ) : (
                <Tag>未完成</Tag>
              ),
          },
          { title: '逾期', width: 100, render: (_, m) => <LateTag late={m.late} daysLate={m.daysLate} /> },
          {
            title: '操作',
            width: 180,
            render: (_, m) => (
              <Space>
                {m.abilities.includes('report') && (
                  <ActionForm<{ reportedOn: string; note: string }>
                    contractId={contractId}
                    label="报告完成"
                    title={`报告完成：${m.title}`}
                    initialValues={{ reportedOn: view.today }}
                    toAction={(v) => ({ kind: 'report', milestoneId: m.id, body: v })}
                  >
                    {() => (
                      <>
                        <Form.Item name="reportedOn" label="完成日期" rules={[{ required: true }]}>
                          <Input type="date" max={view.today} />
                        </Form.Item>
                        <Form.Item
                          name="note"
                          label="完成情况"
                          rules={[{ required: true, message: '请填写完成情况' }]}
                        >
                          <Input.TextArea rows={3} maxLength={2000} />
                        </Form.Item>
                      </>
                    )}
                  </ActionForm>
                )}
                {m.abilities.includes('confirm') && (
                  <Popconfirm
                    title="确认该履约节点已完成？"
                    okText="确认"
                    cancelText="取消"
                    onConfirm={() => act.mutate({ kind: 'confirm', milestoneId: m.id })}
                  >
                    <Button size="small" type="primary" loading={act.isPending}>
                      确认
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
