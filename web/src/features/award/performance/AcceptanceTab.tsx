import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  type FormInstance,
} from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { ITEM_RESULT_LABELS } from '../../../../../src/modules/award/performance/contract.ts';
import { errorMessage } from '../../../api.ts';
import { shortHash } from '../../../shared/format.ts';
import { formatYuan } from '../../../shared/money.ts';
import { checklistKey, fetchChecklist, type AcceptanceView, type PerformanceView } from './api.ts';
import { ActionForm, Yuan } from './common.tsx';

const SOURCE_LABELS = { requirement: '采购需求', commitment: '投标承诺', contract: '合同约定' } as const;
const RESULT_OPTIONS = Object.entries(ITEM_RESULT_LABELS).map(([value, label]) => ({ value, label }));

interface AcceptValues {
  items: { id: string; result: 'pass' | 'fail' | 'notApplicable'; note?: string }[];
  members: string[];
  testingBody?: string;
  complex: boolean;
  publicService: boolean;
  recipientsOpinion?: string;
  opinion: string;
  acceptedOn: string;
}

/** The proposed checklist, each line answered 合格 / 不合格 / 不适用 with a note. */
function ChecklistFields({ contractId, form }: { contractId: string; form: FormInstance<AcceptValues> }) {
  const q = useQuery({ queryKey: checklistKey(contractId), queryFn: () => fetchChecklist(contractId) });
  const lines = q.data?.items;
  useEffect(() => {
    if (lines)
      form.setFieldValue(
        'items',
        lines.map((l) => ({ id: l.id, result: 'pass' })),
      );
  }, [lines, form]);
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  return (
    <>
      {q.data.largeProject && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`项目预算 ${formatYuan(q.data.projectBudgetFen)} 元，属大型项目：应当邀请国家认可的质量检测机构参加验收（政府采购法第四十一条）`}
        />
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={q.data.items.map((l, index) => ({ ...l, index }))}
        columns={[
          { title: '来源', width: 80, render: (_, l) => SOURCE_LABELS[l.source] },
          { title: '验收项目', dataIndex: 'item', width: 160 },
          { title: '约定内容', dataIndex: 'expected' },
          {
            title: '结果',
            width: 230,
            render: (_, l) => (
              <>
                <Form.Item name={['items', l.index, 'id']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item name={['items', l.index, 'result']} style={{ marginBottom: 4 }}>
                  <Radio.Group options={RESULT_OPTIONS} optionType="button" size="small" />
                </Form.Item>
                <Form.Item name={['items', l.index, 'note']} style={{ marginBottom: 0 }}>
                  <Input size="small" placeholder="说明（不合格时必填）" />
                </Form.Item>
              </>
            ),
          },
        ]}
      />
    </>
  );
}

function AcceptanceCard({ a }: { a: AcceptanceView }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={2}
      title={
        <Space>
          <span>{a.acceptedOn} 验收</span>
          <Tag color={a.conclusion === 'passed' ? 'success' : 'error'}>
            {a.conclusion === 'passed' ? '验收合格' : '验收不合格'}
          </Tag>
          {a.publicService && <Tag color="blue">公共服务项目 · 已公告</Tag>}
        </Space>
      }
      extra={
        <Space>
          <Link to={`/app/acceptances/${a.id}/report`}>验收书</Link>
          <a href={`/api/acceptances/${encodeURIComponent(a.id)}/report/docx`}>Word</a>
        </Space>
      }
      items={[
        { key: 'members', label: '验收小组', children: a.members.join('、') },
        { key: 'testing', label: '质量检测机构', children: a.testingBody ?? '—' },
        { key: 'opinion', label: '验收意见', span: 2, children: a.opinion },
        ...(a.recipientsOpinion
          ? [{ key: 'recipients', label: '服务对象意见', span: 2, children: a.recipientsOpinion }]
          : []),
        {
          key: 'failed',
          label: '不合格项',
          span: 2,
          children:
            a.items
              .filter((i) => i.result === 'fail')
              .map((i) => `${i.item}${i.note ? `（${i.note}）` : ''}`)
              .join('；') || '无',
        },
        {
          key: 'hash',
          label: '验收书摘要',
          span: 2,
          children: <code title={a.reportHash}>{shortHash(a.reportHash, 16)}</code>,
        },
      ]}
    />
  );
}

/** 验收 (政府采购法第四十一条; 条例第四十五条; 财库〔2016〕205号). */
export function AcceptanceTab({ view }: { view: PerformanceView }) {
  const contractId = view.contract.id;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {view.abilities.includes('accept') && (
        <ActionForm<AcceptValues>
          contractId={contractId}
          label="记录履约验收"
          title="履约验收（验收书应当包括每一项技术、服务、安全标准的履约情况）"
          width={1000}
          testId="record-acceptance"
          button={{ type: 'primary', size: 'middle' }}
          initialValues={{ members: [], complex: false, publicService: false, acceptedOn: view.today }}
          toAction={(v) => ({
            kind: 'accept',
            body: {
              items: (v.items ?? []).map((i) => ({
                id: i.id,
                result: i.result,
                ...(i.note ? { note: i.note } : {}),
              })),
              members: v.members ?? [],
              testingBody: v.testingBody || null,
              complex: v.complex,
              publicService: v.publicService,
              recipientsOpinion: v.publicService ? v.recipientsOpinion || null : null,
              opinion: v.opinion,
              acceptedOn: v.acceptedOn,
            },
          })}
        >
          {(form) => (
            <>
              <ChecklistFields contractId={contractId} form={form} />
              <Form.Item
                name="members"
                label="验收小组成员（至少 2 人，在验收书上签字）"
                rules={[{ required: true, message: '请填写验收小组成员' }]}
                style={{ marginTop: 16 }}
              >
                <Select mode="tags" tokenSeparators={[',', '，', '、']} placeholder="输入姓名后回车" />
              </Form.Item>
              <Space wrap>
                <Form.Item name="complex" valuePropName="checked">
                  <Checkbox>复杂项目</Checkbox>
                </Form.Item>
                <Form.Item name="publicService" valuePropName="checked">
                  <Checkbox>向社会公众提供的公共服务项目（验收结果公告）</Checkbox>
                </Form.Item>
              </Space>
              <Form.Item name="testingBody" label="参加验收的质量检测机构（大型或复杂项目必填）">
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item
                noStyle
                shouldUpdate={(a: AcceptValues, b: AcceptValues) => a.publicService !== b.publicService}
              >
                {() =>
                  form.getFieldValue('publicService') ? (
                    <Form.Item
                      name="recipientsOpinion"
                      label="服务对象意见"
                      rules={[{ required: true, message: '公共服务项目须有服务对象意见' }]}
                    >
                      <Input.TextArea rows={2} maxLength={4000} />
                    </Form.Item>
                  ) : null
                }
              </Form.Item>
              <Form.Item
                name="opinion"
                label="验收意见"
                rules={[{ required: true, message: '请填写验收意见' }]}
              >
                <Input.TextArea rows={3} maxLength={4000} />
              </Form.Item>
              <Form.Item name="acceptedOn" label="验收日期" rules={[{ required: true }]}>
                <Input type="date" max={view.today} />
              </Form.Item>
            </>
          )}
        </ActionForm>
      )}
      {view.acceptances.length === 0 ? (
        <Typography.Text type="secondary">
          尚未验收。付款期限自验收合格之日起算；合同金额 <Yuan fen={view.contract.amountFen} />。
        </Typography.Text>
      ) : (
        [...view.acceptances].reverse().map((a) => <AcceptanceCard key={a.id} a={a} />)
      )}
    </Space>
  );
}
