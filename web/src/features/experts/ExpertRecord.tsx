import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
  type FormRule,
  type TableColumnsType,
} from 'antd';
import { useState, type ReactNode } from 'react';
import type { z } from 'zod';
import {
  addEmploymentBody,
  addLeaveBody,
  declareRelationBody,
  EXPERT_STATUS_LABELS,
  RELATION_KIND_LABELS,
  TITLE_LEVEL_LABELS,
} from '../../../../src/modules/orgs/experts/contract.ts';
import { REVIEW_DECISION_LABELS } from '../../../../src/modules/orgs/suppliers/contract.ts';
import { errorMessage } from '../../api.ts';
import { applyServerErrors, withoutBlanks, zodRule } from '../../shared/forms.ts';
import { formatTime, monospace } from '../../shared/format.ts';
import { labelOf, statusColors } from '../../shared/labels.ts';
import {
  addEmployment,
  addLeave,
  cancelLeave,
  declareRelation,
  endEmployment,
  withdrawRelation,
  type ExpertDetail,
} from './api.ts';

type Employment = ExpertDetail['employments'][number];
type Relation = ExpertDetail['relations'][number];
type Leave = ExpertDetail['leaves'][number];
type Review = ExpertDetail['reviews'][number];
type Rating = ExpertDetail['ratings'][number];

const dash = (v: string | number | null | undefined) =>
  v === null || v === undefined || v === '' ? '—' : String(v);

export function ExpertStatusTag({
  record,
  testId,
}: {
  record: Pick<ExpertDetail, 'status' | 'onLeave'>;
  testId?: string;
}) {
  return (
    <Space size={4}>
      <Tag color={statusColors[record.status]} data-testid={testId}>
        {EXPERT_STATUS_LABELS[record.status]}
      </Tag>
      {record.onLeave && <Tag color="blue">今日请假</Tag>}
    </Space>
  );
}

function BasicInfo({ record }: { record: ExpertDetail }) {
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
      <Descriptions.Item label="姓名">{record.name}</Descriptions.Item>
      <Descriptions.Item label="状态">
        <ExpertStatusTag record={record} />
      </Descriptions.Item>
      <Descriptions.Item label="身份证号">
        <span style={monospace}>{record.idNumber}</span>
      </Descriptions.Item>
      <Descriptions.Item label="手机号">{record.phone}</Descriptions.Item>
      <Descriptions.Item label="电子邮箱">{dash(record.email)}</Descriptions.Item>
      <Descriptions.Item label="行政区划码">{record.regionCode}</Descriptions.Item>
      <Descriptions.Item label="职称">
        {record.titleName}（{TITLE_LEVEL_LABELS[record.titleLevel]}）
      </Descriptions.Item>
      <Descriptions.Item label="从业年限">{record.years} 年</Descriptions.Item>
      <Descriptions.Item label="现工作单位">{record.employer}</Descriptions.Item>
      <Descriptions.Item label="申请时间">{formatTime(record.createdAt)}</Descriptions.Item>
      <Descriptions.Item label="评审专业" span={2}>
        <SpecialtyTags specialties={record.specialties} />
      </Descriptions.Item>
      {record.reviewNote && (
        <Descriptions.Item label="审核意见" span={2}>
          {record.reviewNote}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

export function SpecialtyTags({ specialties }: { specialties: ExpertDetail['specialties'] }) {
  return (
    <Space size={[0, 4]} wrap>
      {specialties.map((s) => (
        <Tag key={s.code} title={s.code}>
          {s.name}
          <Typography.Text type="secondary" style={{ marginInlineStart: 4, fontSize: 12 }}>
            {s.code}
          </Typography.Text>
        </Tag>
      ))}
    </Space>
  );
}

function ListTable<T extends object>({
  rows,
  columns,
}: {
  rows: readonly T[];
  columns: TableColumnsType<T>;
}) {
  return (
    <Table<T>
      rowKey={(r, i) => ('id' in r && typeof r.id === 'string' ? r.id : String(i))}
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      columns={columns}
      locale={{ emptyText: <Empty description="暂无记录" /> }}
    />
  );
}

/* -- Self-service: one small form per sub-record, each a POST that answers with the whole record ---------- */

type Saved = (next: ExpertDetail) => void;

interface FieldSpec {
  name: string;
  label: string;
  span: number;
  input: ReactNode;
  rules?: FormRule[];
  required?: boolean;
}

const dateInput = <Input type="date" />;

/** A form that adds one sub-record; the server's field errors land under the fields. */
function AddForm({
  title,
  testId,
  fields,
  submit,
  onSaved,
}: {
  title: string;
  testId: string;
  fields: FieldSpec[];
  submit: (body: Record<string, unknown>) => Promise<ExpertDetail>;
  onSaved: Saved;
}) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const [open, setOpen] = useState(false);
  const { message } = App.useApp();
  const names = fields.map((f) => f.name);
  const mutation = useMutation({
    mutationFn: submit,
    onSuccess: (next) => {
      void message.success('已保存');
      form.resetFields();
      setOpen(false);
      onSaved(next);
    },
    onError: (error) => {
      if (!applyServerErrors(form, names, error)) void message.error(errorMessage(error));
    },
  });
  if (!open) {
    return (
      <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setOpen(true)}>
        {title}
      </Button>
    );
  }
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }} data-testid={testId}>
      <Form
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        onFinish={(values) => mutation.mutate(withoutBlanks(values))}
      >
        <Row gutter={12}>
          {fields.map((f) => (
            <Col key={f.name} xs={24} md={f.span}>
              <Form.Item label={f.label} name={f.name} rules={f.rules} required={f.required}>
                {f.input}
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" disabled={mutation.isPending}>
            保存
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setOpen(false);
            }}
          >
            取消
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

/** A row action (withdraw, cancel) that sends one body and shows the server's answer. */
function useRowAction<B>(id: string, send: (id: string, body: B) => Promise<ExpertDetail>, onSaved: Saved) {
  const { message } = App.useApp();
  return useMutation({
    mutationFn: (body: B) => send(id, body),
    onSuccess: (next) => {
      void message.success('已保存');
      onSaved(next);
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
}

const employmentShape = addEmploymentBody.shape;
export const employmentFields = (withEnd: boolean): FieldSpec[] => [
  {
    name: 'employer',
    label: '工作单位',
    span: 12,
    input: <Input />,
    rules: [zodRule(employmentShape.employer)],
    required: true,
  },
  { name: 'creditCode', label: '单位统一社会信用代码', span: 12, input: <Input maxLength={18} /> },
  { name: 'position', label: '职务', span: 8, input: <Input /> },
  {
    name: 'startedOn',
    label: '入职日期',
    span: 8,
    input: dateInput,
    rules: [zodRule(employmentShape.startedOn)],
    required: true,
  },
  ...(withEnd ? [{ name: 'endedOn', label: '离职日期（现任可不填）', span: 8, input: dateInput }] : []),
];

function EmploymentsTab({ record, onSaved }: { record: ExpertDetail; onSaved?: Saved }) {
  const end = useRowAction(record.id, endEmployment, onSaved ?? (() => undefined));
  const [ending, setEnding] = useState<Record<string, string>>({});
  const columns: TableColumnsType<Employment> = [
    { title: '工作单位', dataIndex: 'employer', key: 'employer' },
    { title: '统一社会信用代码', dataIndex: 'creditCode', key: 'creditCode', render: dash },
    { title: '职务', dataIndex: 'position', key: 'position', render: dash },
    { title: '入职日期', dataIndex: 'startedOn', key: 'startedOn' },
    {
      title: '离职日期',
      dataIndex: 'endedOn',
      key: 'endedOn',
      render: (v: string | null) => v ?? <Tag color="green">现任</Tag>,
    },
    ...(onSaved
      ? [
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, e: Employment) =>
              e.endedOn === null && (
                <Space>
                  <Input
                    type="date"
                    size="small"
                    aria-label="离职日期"
                    value={ending[e.id] ?? ''}
                    onChange={(ev) => setEnding((prev) => ({ ...prev, [e.id]: ev.target.value }))}
                  />
                  <Button
                    size="small"
                    disabled={end.isPending || !ending[e.id]}
                    onClick={() => end.mutate({ employmentId: e.id, endedOn: ending[e.id] ?? '' })}
                  >
                    登记离职
                  </Button>
                </Space>
              ),
          },
        ]
      : []),
  ];
  return (
    <>
      {onSaved && (
        <AddForm
          title="登记工作经历"
          testId="add-employment"
          fields={employmentFields(true)}
          submit={(body) => addEmployment(record.id, body as z.input<typeof addEmploymentBody>)}
          onSaved={onSaved}
        />
      )}
      <ListTable rows={record.employments} columns={columns} />
    </>
  );
}

const relationShape = declareRelationBody.shape;
export const relationFields: FieldSpec[] = [
  {
    name: 'kind',
    label: '关系类别',
    span: 6,
    input: (
      <Select
        options={Object.entries(RELATION_KIND_LABELS).map(([value, label]) => ({ value, label }))}
        placeholder="请选择"
      />
    ),
    rules: [{ required: true, message: '请选择关系类别' }],
  },
  {
    name: 'name',
    label: '姓名或单位名称',
    span: 9,
    input: <Input />,
    rules: [zodRule(relationShape.name)],
    required: true,
  },
  {
    name: 'relation',
    label: '关系',
    span: 9,
    input: <Input placeholder="如：配偶、子女、曾任顾问" />,
    rules: [zodRule(relationShape.relation)],
    required: true,
  },
  { name: 'organisation', label: '其所在单位', span: 12, input: <Input /> },
  { name: 'creditCode', label: '所在单位统一社会信用代码', span: 12, input: <Input maxLength={18} /> },
  { name: 'note', label: '备注', span: 24, input: <Input.TextArea rows={2} maxLength={500} /> },
];

function RelationsTab({ record, onSaved }: { record: ExpertDetail; onSaved?: Saved }) {
  const withdraw = useRowAction(record.id, withdrawRelation, onSaved ?? (() => undefined));
  const columns: TableColumnsType<Relation> = [
    {
      title: '类别',
      dataIndex: 'kind',
      key: 'kind',
      render: (v: Relation['kind']) => RELATION_KIND_LABELS[v],
    },
    { title: '姓名或单位', dataIndex: 'name', key: 'name' },
    { title: '关系', dataIndex: 'relation', key: 'relation' },
    { title: '所在单位', dataIndex: 'organisation', key: 'organisation', render: dash },
    { title: '统一社会信用代码', dataIndex: 'creditCode', key: 'creditCode', render: dash },
    { title: '备注', dataIndex: 'note', key: 'note', render: dash },
    { title: '申报时间', dataIndex: 'declaredAt', key: 'declaredAt', render: formatTime },
    ...(onSaved
      ? [
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, r: Relation) => (
              <Popconfirm
                title="撤回该申报？"
                onConfirm={() => withdraw.mutate({ relationId: r.id })}
                okText="撤回"
                cancelText="取消"
              >
                <Button size="small" danger disabled={withdraw.isPending}>
                  撤回
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">
        评审时，与采购人、供应商存在亲属或其他利害关系的专家应当回避（政府采购法实施条例第九条）。
      </Typography.Paragraph>
      {onSaved && (
        <AddForm
          title="申报亲属或利害关系"
          testId="add-relation"
          fields={relationFields}
          submit={(body) => declareRelation(record.id, body as z.input<typeof declareRelationBody>)}
          onSaved={onSaved}
        />
      )}
      <ListTable rows={record.relations} columns={columns} />
    </>
  );
}

const leaveShape = addLeaveBody.shape;
const leaveFields: FieldSpec[] = [
  {
    name: 'startsOn',
    label: '开始日期',
    span: 6,
    input: dateInput,
    rules: [zodRule(leaveShape.startsOn)],
    required: true,
  },
  {
    name: 'endsOn',
    label: '结束日期',
    span: 6,
    input: dateInput,
    rules: [zodRule(leaveShape.endsOn)],
    required: true,
  },
  {
    name: 'reason',
    label: '请假事由',
    span: 12,
    input: <Input maxLength={200} />,
    rules: [zodRule(leaveShape.reason)],
    required: true,
  },
];

function LeavesTab({ record, onSaved }: { record: ExpertDetail; onSaved?: Saved }) {
  const cancel = useRowAction(record.id, cancelLeave, onSaved ?? (() => undefined));
  const columns: TableColumnsType<Leave> = [
    { title: '开始日期', dataIndex: 'startsOn', key: 'startsOn' },
    { title: '结束日期', dataIndex: 'endsOn', key: 'endsOn' },
    { title: '事由', dataIndex: 'reason', key: 'reason' },
    ...(onSaved
      ? [
          {
            title: '操作',
            key: 'actions',
            // Whether a leave can still be cancelled is the server's decision; it answers if not.
            render: (_: unknown, l: Leave) => (
              <Popconfirm
                title="撤销该请假？"
                onConfirm={() => cancel.mutate({ leaveId: l.id })}
                okText="撤销"
                cancelText="取消"
              >
                <Button size="small" disabled={cancel.isPending}>
                  撤销
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">请假期间不会被抽取参加评审。</Typography.Paragraph>
      {onSaved && (
        <AddForm
          title="登记请假"
          testId="add-leave"
          fields={leaveFields}
          submit={(body) => addLeave(record.id, body as z.input<typeof addLeaveBody>)}
          onSaved={onSaved}
        />
      )}
      <ListTable rows={record.leaves} columns={columns} />
    </>
  );
}

const reviewColumns: TableColumnsType<Review> = [
  {
    title: '结论',
    dataIndex: 'decision',
    key: 'decision',
    render: (v: string) => <Tag color={statusColors[v]}>{labelOf(REVIEW_DECISION_LABELS, v)}</Tag>,
  },
  { title: '意见', dataIndex: 'reason', key: 'reason', render: dash },
  { title: '时间', dataIndex: 'at', key: 'at', render: formatTime },
];

function ReviewsTab({ record }: { record: ExpertDetail }) {
  const names = new Map(record.specialties.map((s) => [s.code, s.name]));
  const ratingColumns: TableColumnsType<Rating> = [
    { title: '项目编号', dataIndex: 'projectRef', key: 'projectRef' },
    {
      title: '评审专业',
      dataIndex: 'specialtyCode',
      key: 'specialtyCode',
      render: (v: string) => (names.has(v) ? `${names.get(v)}（${v}）` : v),
    },
    { title: '评审日期', dataIndex: 'reviewedOn', key: 'reviewedOn' },
    {
      title: '评价',
      dataIndex: 'rating',
      key: 'rating',
      render: (v: number | null) => (v === null ? '未评价' : `${v} 分`),
    },
    { title: '说明', dataIndex: 'note', key: 'note', render: dash },
  ];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={5}>每年参加评审次数</Typography.Title>
        {record.yearlyReviewCounts.length === 0 ? (
          <Typography.Text type="secondary">暂无评审记录</Typography.Text>
        ) : (
          <Space size="large" wrap data-testid="expert-yearly-counts">
            {record.yearlyReviewCounts.map((y) => (
              <Statistic key={y.year} title={`${y.year} 年`} value={y.count} suffix="次" />
            ))}
          </Space>
        )}
      </div>
      <div>
        <Typography.Title level={5}>评审及评价记录</Typography.Title>
        <ListTable rows={record.ratings} columns={ratingColumns} />
      </div>
      <div>
        <Typography.Title level={5}>入库审核记录</Typography.Title>
        <ListTable rows={record.reviews} columns={reviewColumns} />
      </div>
    </Space>
  );
}

export type ExpertTabKey = 'basic' | 'employments' | 'relations' | 'leaves' | 'reviews';

/**
 * An expert's record in tabs. With `onSaved` (the expert's own record, when the server grants `update`) the
 * sub-record tabs offer their self-service forms; `basicEdit` replaces the read-only basic information.
 */
export function ExpertTabs({
  record,
  onSaved,
  basicEdit,
}: {
  record: ExpertDetail;
  onSaved?: Saved;
  basicEdit?: ReactNode;
}) {
  const editable = onSaved && record.abilities.includes('update') ? onSaved : undefined;
  const items: { key: ExpertTabKey; label: string; children: ReactNode }[] = [
    {
      key: 'basic',
      label: '基本信息',
      children: (
        <>
          <BasicInfo record={record} />
          {editable && basicEdit}
        </>
      ),
    },
    {
      key: 'employments',
      label: '工作经历',
      children: <EmploymentsTab record={record} onSaved={editable} />,
    },
    {
      key: 'relations',
      label: '亲属及利益冲突',
      children: <RelationsTab record={record} onSaved={editable} />,
    },
    { key: 'leaves', label: '请假', children: <LeavesTab record={record} onSaved={editable} /> },
    { key: 'reviews', label: '评审记录与评价', children: <ReviewsTab record={record} /> },
  ];
  return <Tabs items={items} />;
}
