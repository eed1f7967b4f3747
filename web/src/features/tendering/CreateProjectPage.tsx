import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Divider,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { planLinePage } from '../../../../src/modules/planning/contract.ts';
import { projectBody } from '../../../../src/modules/tendering/contract.ts';
import { errorMessage } from '../../api.ts';
import { parseForm, zodRule } from '../../shared/forms.ts';
import { categoryLabels, labelOf, optionsOf } from '../../shared/labels.ts';
import { formatYuan } from '../../shared/money.ts';
import { PagedTable, SearchFilter } from '../../shared/PagedTable.tsx';
import { usePagedList } from '../../shared/usePagedList.ts';
import { planLinesPath, type PlanLineView } from '../planning/api.ts';
import { createProject, fenToYuanInput, methodLabels } from './api.ts';
import {
  lotOptionsOf,
  ProgrammeSelect,
  ServiceKindItem,
  shareColumns,
  showFieldErrors,
  TemplateSelect,
} from './fields.tsx';
import { LotsEditor, lotToRequest, type LotValues } from './LotsEditor.tsx';

/** A chosen accepted plan line: one unit's share of the project. */
export interface ChosenLine {
  id: string;
  purchaserName: string;
  itemCode: string;
  itemName: string;
  amountFen: string;
  category: string;
}

/** What the 打包建议 page hands over when it opens this page. */
export interface CreateProjectPrefill {
  lines: ChosenLine[];
  name?: string;
  category?: string;
}

interface Values {
  name?: string;
  category?: 'goods' | 'works' | 'services';
  method?: keyof typeof methodLabels;
  methodReason?: string;
  programmeId?: string | null;
  serviceKind?: 'preselected' | 'nonPreselected' | 'ppp' | null;
  templateId?: string | null;
  lots?: LotValues[];
}

const fields = [
  'name',
  'category',
  'method',
  'methodReason',
  'programmeId',
  'serviceKind',
  'templateId',
  'lots',
];

function isPrefill(state: unknown): state is CreateProjectPrefill {
  return typeof state === 'object' && state !== null && 'lines' in state && Array.isArray(state.lines);
}

function sumFen(amounts: readonly string[]): string {
  return amounts.reduce((sum, a) => sum + BigInt(a), 0n).toString();
}

export function CreateProjectPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const prefill = isPrefill(location.state) ? location.state : null;
  const [form] = Form.useForm<Values>();
  const [chosen, setChosen] = useState<ChosenLine[]>(prefill?.lines ?? []);
  const [lotOf, setLotOf] = useState<Record<string, number | null>>({});
  const [sharesError, setSharesError] = useState<string | null>(null);
  const method = Form.useWatch('method', form);
  const category = Form.useWatch('category', form);
  const lots = Form.useWatch('lots', form);

  const lines = usePagedList<typeof planLinePage, { status: string; q: string | undefined }>(
    planLinesPath,
    planLinePage,
    { status: 'accepted', q: undefined },
  );

  const mutation = useMutation({
    mutationFn: createProject,
    onSuccess: (project) => {
      void message.success(`已立项：${project.code}`);
      void navigate(`/app/projects/${project.id}`);
    },
    onError: (error) => {
      if (showFieldErrors(form, fields, error)) return;
      setSharesError(errorMessage(error));
    },
  });

  const lotOptions = lotOptionsOf(lots);
  const chosenTotal = sumFen(chosen.map((c) => c.amountFen));

  const lineColumns: TableColumnsType<PlanLineView> = [
    { title: '采购单位', dataIndex: 'purchaserName', key: 'purchaserName' },
    { title: '预算项目', dataIndex: 'budgetItem', key: 'budgetItem' },
    { title: '品目', key: 'item', render: (_: unknown, r) => `${r.itemName}（${r.itemCode}）` },
    {
      title: '类别',
      dataIndex: 'category',
      key: 'category',
      render: (v: string) => labelOf(categoryLabels, v),
    },
    { title: '计划月份', dataIndex: 'plannedMonth', key: 'plannedMonth', render: (v: number) => `${v} 月` },
    {
      title: '金额（元）',
      dataIndex: 'amountFen',
      key: 'amountFen',
      align: 'right',
      render: (v: string) => formatYuan(v),
    },
  ];

  const shareColumnsOf: TableColumnsType<ChosenLine> = [
    ...shareColumns<ChosenLine>(
      (r) => r.id,
      lotOf,
      lotOptions,
      (key, lot) => setLotOf((prev) => ({ ...prev, [key]: lot })),
    ),
    {
      title: '',
      key: 'remove',
      render: (_: unknown, r) => (
        <Button
          type="link"
          danger
          size="small"
          onClick={() => setChosen((prev) => prev.filter((c) => c.id !== r.id))}
        >
          移除
        </Button>
      ),
    },
  ];

  const submit = (v: Values) => {
    setSharesError(null);
    const body = parseForm(form, fields, projectBody, {
      name: v.name,
      category: v.category,
      method: v.method,
      methodReason: v.methodReason?.trim() ? v.methodReason : null,
      programmeId: v.programmeId ?? null,
      serviceKind: v.category === 'services' ? (v.serviceKind ?? null) : null,
      templateId: v.templateId ?? null,
      shares: chosen.map((c) => ({ planLineId: c.id, lotNo: lotOf[c.id] ?? null })),
      lots: (v.lots ?? []).map(lotToRequest),
    });
    if (!chosen.length) {
      setSharesError('请选择至少一条已受理的采购计划');
      return;
    }
    if (body) mutation.mutate(body);
  };

  return (
    <Card
      title="新建采购项目"
      extra={<Button onClick={() => void navigate('/app/projects')}>返回列表</Button>}
    >
      <Typography.Title level={5}>一、选择已受理的采购计划</Typography.Title>
      <Typography.Paragraph type="secondary">
        可选择多个单位的计划打包采购；每条计划作为一个单位的份额，可指定其对应的包（不指定即为全部包）。
      </Typography.Paragraph>
      <PagedTable
        list={lines}
        columns={lineColumns}
        size="small"
        locale={{ emptyText: '暂无已受理的采购计划' }}
        rowSelection={{
          selectedRowKeys: chosen.map((c) => c.id),
          preserveSelectedRowKeys: true,
          onSelect: (record, selected) =>
            setChosen((prev) =>
              selected
                ? [
                    ...prev.filter((c) => c.id !== record.id),
                    {
                      id: record.id,
                      purchaserName: record.purchaserName,
                      itemCode: record.itemCode,
                      itemName: record.itemName,
                      amountFen: record.amountFen,
                      category: record.category,
                    },
                  ]
                : prev.filter((c) => c.id !== record.id),
            ),
          hideSelectAll: true,
        }}
        filters={
          <SearchFilter
            placeholder="品目名称或预算项目"
            width={240}
            onSearch={(q) => lines.setFilter('q', q)}
          />
        }
      />
      <Divider titlePlacement="start">已选份额</Divider>
      <Table<ChosenLine>
        rowKey="id"
        size="small"
        data-testid="chosen-shares"
        columns={shareColumnsOf}
        dataSource={chosen}
        pagination={false}
        locale={{ emptyText: '尚未选择采购计划' }}
        footer={() => (
          <span>
            已选 {chosen.length} 条计划，合计 <strong>{formatYuan(chosenTotal)}</strong> 元
            {chosen.length > 1 && new Set(chosen.map((c) => c.purchaserName)).size > 1 && '（打包采购）'}
          </span>
        )}
      />
      {sharesError && (
        <Alert
          type="error"
          showIcon
          title={sharesError}
          style={{ marginTop: 16 }}
          data-testid="create-error"
        />
      )}

      <Divider titlePlacement="start">项目信息</Divider>
      <Form<Values>
        form={form}
        name="project"
        layout="vertical"
        disabled={mutation.isPending}
        initialValues={{
          name: prefill?.name,
          category: prefill?.category as Values['category'],
          method: 'openTender',
          // A bundle starts as one lot holding every unit's share; the agent may split it.
          lots: prefill?.lines[0]
            ? [{ name: prefill.lines[0].itemName, budget: fenToYuanInput(chosenTotal) }]
            : [{}],
        }}
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label="项目名称" name="name" required rules={[zodRule(projectBody.shape.name)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              label="采购类别"
              name="category"
              rules={[{ required: true, message: '请选择采购类别' }]}
            >
              <Select options={optionsOf(categoryLabels)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label="采购方式" name="method" rules={[{ required: true, message: '请选择采购方式' }]}>
              <Select options={optionsOf(methodLabels)} />
            </Form.Item>
          </Col>
        </Row>
        {method && method !== 'openTender' && (
          <Form.Item
            label="采购方式理由"
            name="methodReason"
            required
            rules={[
              { required: true, whitespace: true, message: '采用公开招标以外的方式，须说明理由及法律依据' },
            ]}
            extra="如：技术复杂或者性质特殊，不能确定详细规格（政府采购法第三十条第二项）"
          >
            <Input.TextArea rows={2} maxLength={1000} showCount />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label="所属专项" name="programmeId">
              <ProgrammeSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="招标文件范本" name="templateId">
              <TemplateSelect />
            </Form.Item>
          </Col>
        </Row>
        <ServiceKindItem category={category} />

        <Typography.Title level={5}>包（标段）</Typography.Title>
        <LotsEditor planTotalFen={chosenTotal} />
        <Space>
          <Button type="primary" htmlType="submit" loading={mutation.isPending}>
            立项
          </Button>
          <Button onClick={() => void navigate('/app/projects')}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
