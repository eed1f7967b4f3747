import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  Divider,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Typography,
  type FormInstance,
} from 'antd';
import { clause as clauseSchema } from '../../../../src/modules/tendering/contract.ts';
import { errorMessage } from '../../api.ts';
import { zodRule } from '../../shared/forms.ts';
import { optionsOf } from '../../shared/labels.ts';
import { formatYuan, yuanToFen } from '../../shared/money.ts';
import {
  bpToPercent,
  editable,
  evaluationMethodLabels,
  fenToYuanInput,
  percentToBp,
  projectsPath,
  updateProject,
  type ProjectView,
  type Requirements,
} from './api.ts';
import { showFieldErrors, yuanRule } from './fields.tsx';

interface ClauseValues {
  id?: string;
  text?: string;
  lotNo?: number | null;
}
interface ScoringValues {
  id?: string;
  factor?: string;
  text?: string;
  weightBp?: number | null;
}
/** The requirements as the form holds them: percents instead of basis points, 元 instead of fen. */
interface RequirementValues {
  qualification?: ClauseValues[];
  substantive?: ClauseValues[];
  specifications?: ClauseValues[];
  scoring?: ScoringValues[];
  evaluationMethod?: Requirements['evaluationMethod'];
  priceWeightBp?: number | null;
  /** Raised 异常低价 trigger rates, in percent; empty = the defaults. */
  abnormalRates?: { averageBp?: number | null; secondLowestBp?: number | null; ceilingBp?: number | null };
  lottery?: {
    floatDownBp?: number | null;
    rounding?: NonNullable<Requirements['lottery']>['rounding'];
    mode?: NonNullable<Requirements['lottery']>['mode'];
    /** 财政评审价 in 元, by lot number. */
    reviewed?: Record<string, string | undefined>;
  };
  sme?: {
    mode?: 'none' | 'reserved' | 'deduction';
    smallMicroRateBp?: number | null;
    consortiumRateBp?: number | null;
  };
  energySaving?: boolean;
  environmental?: boolean;
  domesticProduct?: boolean;
  importedGoods?: boolean;
  blindTechnical?: boolean;
  depositFen?: string;
  bondBp?: number | null;
  deliveryPeriod?: string;
  deliveryPlace?: string;
  paymentTerms?: string;
}
interface Values {
  requirements: RequirementValues;
}

const fields = ['requirements'];

function toForm(r: Requirements): Values {
  return {
    requirements: {
      qualification: r.qualification,
      substantive: r.substantive,
      specifications: r.specifications,
      scoring: r.scoring.map((s) => ({ ...s, weightBp: bpToPercent(s.weightBp) ?? null })),
      evaluationMethod: r.evaluationMethod,
      priceWeightBp: bpToPercent(r.priceWeightBp) ?? null,
      abnormalRates: {
        averageBp: bpToPercent(r.abnormalRates?.averageBp ?? null) ?? null,
        secondLowestBp: bpToPercent(r.abnormalRates?.secondLowestBp ?? null) ?? null,
        ceilingBp: bpToPercent(r.abnormalRates?.ceilingBp ?? null) ?? null,
      },
      lottery: {
        floatDownBp: bpToPercent(r.lottery?.floatDownBp ?? null) ?? null,
        rounding: r.lottery?.rounding ?? 'yuan',
        mode: r.lottery?.mode ?? 'halfUp',
        reviewed: Object.fromEntries(
          (r.lottery?.reviewed ?? []).map((x) => [String(x.lotNo), fenToYuanInput(x.reviewedFen)]),
        ),
      },
      sme:
        r.sme.mode === 'deduction'
          ? {
              mode: 'deduction',
              smallMicroRateBp: bpToPercent(r.sme.smallMicroRateBp) ?? null,
              consortiumRateBp: bpToPercent(r.sme.consortiumRateBp) ?? null,
            }
          : { mode: r.sme.mode },
      energySaving: r.energySaving,
      environmental: r.environmental,
      domesticProduct: r.domesticProduct,
      importedGoods: r.importedGoods,
      blindTechnical: r.blindTechnical,
      depositFen: fenToYuanInput(r.depositFen),
      bondBp: bpToPercent(r.bondBp) ?? null,
      deliveryPeriod: r.deliveryPeriod ?? '',
      deliveryPlace: r.deliveryPlace ?? '',
      paymentTerms: r.paymentTerms ?? '',
    },
  };
}

const blank = (v: string | undefined) => (v?.trim() ? v : null);

/** 财库〔2026〕2号 defaults, raised only where the form says so; all empty = the defaults (null). */
function abnormalRatesOf(r: RequirementValues['abnormalRates']): Requirements['abnormalRates'] {
  const a = percentToBp(r?.averageBp);
  const b = percentToBp(r?.secondLowestBp);
  const c = percentToBp(r?.ceilingBp);
  if (a === null && b === null && c === null) return null;
  return { averageBp: a ?? 5000, secondLowestBp: b ?? 5000, ceilingBp: c ?? 4500 };
}

function toRequest(v: RequirementValues): Requirements {
  const clauses = (list: ClauseValues[] | undefined) =>
    (list ?? []).map((c) => ({ id: c.id ?? '', text: c.text ?? '', lotNo: c.lotNo ?? null }));
  const sme: Requirements['sme'] =
    v.sme?.mode === 'deduction'
      ? {
          mode: 'deduction',
          smallMicroRateBp: percentToBp(v.sme.smallMicroRateBp) ?? 0,
          consortiumRateBp: percentToBp(v.sme.consortiumRateBp),
        }
      : v.sme?.mode === 'reserved'
        ? { mode: 'reserved' }
        : { mode: 'none' };
  return {
    qualification: clauses(v.qualification),
    substantive: clauses(v.substantive),
    specifications: clauses(v.specifications),
    scoring: (v.scoring ?? []).map((s) => ({
      id: s.id ?? '',
      factor: s.factor ?? '',
      text: s.text ?? '',
      weightBp: percentToBp(s.weightBp) ?? 0,
    })),
    evaluationMethod: v.evaluationMethod ?? 'lowestPrice',
    priceWeightBp: percentToBp(v.priceWeightBp),
    abnormalRates: abnormalRatesOf(v.abnormalRates),
    lottery:
      v.evaluationMethod === 'priceLottery'
        ? {
            floatDownBp: percentToBp(v.lottery?.floatDownBp) ?? 0,
            rounding: v.lottery?.rounding ?? 'yuan',
            mode: v.lottery?.mode ?? 'halfUp',
            reviewed: Object.entries(v.lottery?.reviewed ?? {}).flatMap(([lotNo, yuan]) => {
              const fen = yuan?.trim() ? yuanToFen(yuan) : null;
              return fen ? [{ lotNo: Number(lotNo), reviewedFen: fen }] : [];
            }),
          }
        : null,
    sme,
    energySaving: v.energySaving ?? false,
    environmental: v.environmental ?? false,
    domesticProduct: v.domesticProduct ?? false,
    importedGoods: v.importedGoods ?? false,
    blindTechnical: v.blindTechnical ?? false,
    depositFen: v.depositFen?.trim() ? (yuanToFen(v.depositFen) ?? null) : null,
    bondBp: percentToBp(v.bondBp),
    deliveryPeriod: blank(v.deliveryPeriod),
    deliveryPlace: blank(v.deliveryPlace),
    paymentTerms: blank(v.paymentTerms),
  };
}

/** The first free number after the prefix, so a new clause never takes the id of one already there. */
function nextId(prefix: string, existing: readonly { id?: string }[]): string {
  const taken = new Set(existing.map((c) => c.id));
  let n = existing.length + 1;
  while (taken.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

const percentInput = (label: string) => (
  <InputNumber min={0} max={100} precision={2} suffix="%" style={{ width: '100%' }} aria-label={label} />
);

function ClauseList({
  name,
  title,
  prefix,
  lotOptions,
  form,
  testId,
  canEdit,
}: {
  canEdit: boolean;
  name: 'qualification' | 'substantive' | 'specifications';
  title: string;
  prefix: string;
  lotOptions: { value: number; label: string }[];
  form: FormInstance<Values>;
  testId: string;
}) {
  return (
    <>
      <Divider titlePlacement="start">{title}</Divider>
      <Form.List name={['requirements', name]}>
        {(items, { add, remove }) => (
          <div data-testid={testId}>
            {items.map((item, index) => (
              <Row gutter={8} key={item.key} align="top" data-testid="clause-row">
                <Col flex="110px">
                  <Form.Item name={[item.name, 'id']} rules={[zodRule(clauseSchema.shape.id)]}>
                    <Input placeholder="编号" aria-label={`${title}第 ${index + 1} 条编号`} />
                  </Form.Item>
                </Col>
                <Col flex="auto">
                  <Form.Item name={[item.name, 'text']} rules={[zodRule(clauseSchema.shape.text)]}>
                    <Input.TextArea
                      autoSize={{ minRows: 1, maxRows: 6 }}
                      placeholder="条款内容"
                      aria-label={`${title}第 ${index + 1} 条内容`}
                    />
                  </Form.Item>
                </Col>
                <Col flex="160px">
                  <Form.Item name={[item.name, 'lotNo']}>
                    <Select allowClear placeholder="全部包" options={lotOptions} aria-label="适用包" />
                  </Form.Item>
                </Col>
                {canEdit && (
                  <Col flex="none">
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label="删除条款"
                      onClick={() => remove(item.name)}
                    />
                  </Col>
                )}
              </Row>
            ))}
            {canEdit && (
              <Button
                icon={<PlusOutlined />}
                onClick={() => {
                  const existing = (form.getFieldValue(['requirements', name]) ?? []) as ClauseValues[];
                  add({ id: nextId(prefix, existing), text: '', lotNo: null });
                }}
              >
                添加{title.replace('★ ', '')}
              </Button>
            )}
          </div>
        )}
      </Form.List>
    </>
  );
}

/** 采购需求 as data: clauses, scoring, policies and money terms; saved with PATCH. */
export function RequirementsEditor({ project }: { project: ProjectView }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const canEdit = editable(project);
  const watched = Form.useWatch('requirements', form);
  const smeMode = watched?.sme?.mode;
  const evaluation = watched?.evaluationMethod;
  const lotOptions = project.lots.map((l) => ({ value: l.no, label: `第 ${l.no} 包 ${l.name}` }));
  const resets = project.status === 'linted' || project.status === 'approved';

  const mutation = useMutation({
    mutationFn: (body: Requirements) => updateProject(project.id, { requirements: body }),
    onSuccess: (saved) => {
      queryClient.setQueryData([projectsPath, project.id], saved);
      void queryClient.invalidateQueries({ queryKey: [projectsPath] });
      void message.success(
        resets && saved.status === 'draft'
          ? '采购需求已保存。项目已回到草稿状态，请重新进行文件检查'
          : '采购需求已保存，请进行文件检查',
      );
    },
    onError: (error) => {
      if (!showFieldErrors(form, fields, error)) void message.error(errorMessage(error));
    },
  });

  return (
    <Form<Values>
      form={form}
      name="requirements"
      layout="vertical"
      disabled={!canEdit || mutation.isPending}
      initialValues={toForm(project.requirements)}
      onFinish={(v) => mutation.mutate(toRequest(v.requirements))}
    >
      {!canEdit && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            project.abilities.includes('edit')
              ? '公告发布后，采购文件只能通过更正公告修改。'
              : '只读：您可以查看采购需求，但不能修改。'
          }
        />
      )}
      {canEdit && resets && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`项目当前为“${project.statusLabel}”，保存修改后将回到草稿状态，须重新进行文件检查${project.status === 'approved' ? '（采购方式批复仍保留）' : ''}。`}
        />
      )}
      <ClauseList
        name="qualification"
        title="资格条件"
        prefix="Q"
        lotOptions={lotOptions}
        form={form}
        testId="clauses-qualification"
        canEdit={canEdit}
      />
      <ClauseList
        name="substantive"
        title="★ 实质性要求"
        prefix="S"
        lotOptions={lotOptions}
        form={form}
        testId="clauses-substantive"
        canEdit={canEdit}
      />
      <ClauseList
        name="specifications"
        title="技术规格及服务要求"
        prefix="T"
        lotOptions={lotOptions}
        form={form}
        testId="clauses-specifications"
        canEdit={canEdit}
      />

      <Divider titlePlacement="start">评审方法</Divider>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label="评审方法" name={['requirements', 'evaluationMethod']}>
            <Select options={optionsOf(evaluationMethodLabels)} />
          </Form.Item>
        </Col>
        {evaluation === 'bestValue' && (
          <Col xs={24} md={8}>
            <Form.Item
              label="价格分权重"
              name={['requirements', 'priceWeightBp']}
              extra="货物项目不低于 30%，服务项目不低于 10%"
            >
              {percentInput('价格分权重')}
            </Form.Item>
          </Col>
        )}
      </Row>
      {evaluation !== 'priceLottery' && (
        <Row gutter={16} data-testid="abnormal-rates">
          <Col span={24}>
            <Typography.Text type="secondary">
              异常低价认定标准（财库〔2026〕2号）：默认低于通过符合性审查报价平均值的 50%、次低报价的
              50%、最高限价（或预算）的 45%；采购文件可以提高，最高 65%。不填即按默认。
            </Typography.Text>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="平均值比例" name={['requirements', 'abnormalRates', 'averageBp']}>
              {percentInput('异常低价平均值比例')}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="次低报价比例" name={['requirements', 'abnormalRates', 'secondLowestBp']}>
              {percentInput('异常低价次低报价比例')}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="最高限价比例" name={['requirements', 'abnormalRates', 'ceilingBp']}>
              {percentInput('异常低价最高限价比例')}
            </Form.Item>
          </Col>
        </Row>
      )}
      {evaluation === 'priceLottery' && (
        <div data-testid="lottery-terms">
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title="合理定价评审抽签法：定标价 = 财政评审价 ×（1 − 下浮比例），随公告公布；投标人接受定标价，通过资格性和符合性审查的投标人不少于三家时，现场公开抽签确定中标候选人顺序。"
          />
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="下浮比例" name={['requirements', 'lottery', 'floatDownBp']}>
                {percentInput('下浮比例')}
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="定标价取整" name={['requirements', 'lottery', 'rounding']}>
                <Select
                  options={[
                    { value: 'fen', label: '精确到分' },
                    { value: 'jiao', label: '精确到角' },
                    { value: 'yuan', label: '精确到元' },
                    { value: 'hundredYuan', label: '精确到百元' },
                    { value: 'thousandYuan', label: '精确到千元' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="取整方式" name={['requirements', 'lottery', 'mode']}>
                <Select
                  options={[
                    { value: 'halfUp', label: '四舍五入' },
                    { value: 'down', label: '舍去' },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            {project.lots.map((l) => (
              <Col xs={24} md={8} key={l.no}>
                <Form.Item
                  label={`第 ${l.no} 包财政评审价（元）`}
                  name={['requirements', 'lottery', 'reviewed', String(l.no)]}
                  extra={l.lotteryPriceFen ? `定标价 ${formatYuan(l.lotteryPriceFen)} 元` : undefined}
                >
                  <Input inputMode="decimal" aria-label={`第 ${l.no} 包财政评审价`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </div>
      )}
      {evaluation === 'bestValue' && (
        <Form.List name={['requirements', 'scoring']}>
          {(items, { add, remove }) => (
            <>
              <Typography.Text strong>评分因素</Typography.Text>
              {items.map((item) => (
                <Row gutter={8} key={item.key} align="top" style={{ marginTop: 8 }}>
                  <Col flex="100px">
                    <Form.Item name={[item.name, 'id']} rules={[zodRule(clauseSchema.shape.id)]}>
                      <Input placeholder="编号" />
                    </Form.Item>
                  </Col>
                  <Col flex="180px">
                    <Form.Item
                      name={[item.name, 'factor']}
                      rules={[{ required: true, min: 2, message: '请填写评分因素' }]}
                    >
                      <Input placeholder="评分因素" />
                    </Form.Item>
                  </Col>
                  <Col flex="auto">
                    <Form.Item
                      name={[item.name, 'text']}
                      rules={[{ required: true, min: 2, message: '请填写评分标准' }]}
                    >
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="评分标准" />
                    </Form.Item>
                  </Col>
                  <Col flex="130px">
                    <Form.Item
                      name={[item.name, 'weightBp']}
                      rules={[{ required: true, message: '请填写分值' }]}
                    >
                      {percentInput('分值占比')}
                    </Form.Item>
                  </Col>
                  {canEdit && (
                    <Col flex="none">
                      <Button
                        icon={<DeleteOutlined />}
                        aria-label="删除评分因素"
                        onClick={() => remove(item.name)}
                      />
                    </Col>
                  )}
                </Row>
              ))}
              {canEdit && (
                <Button
                  style={{ marginTop: 8 }}
                  icon={<PlusOutlined />}
                  onClick={() =>
                    add({
                      id: nextId(
                        'P',
                        (form.getFieldValue(['requirements', 'scoring']) ?? []) as ScoringValues[],
                      ),
                      factor: '',
                      text: '',
                      weightBp: null,
                    })
                  }
                >
                  添加评分因素
                </Button>
              )}
            </>
          )}
        </Form.List>
      )}

      <Divider titlePlacement="start">政策功能</Divider>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label="中小企业政策" name={['requirements', 'sme', 'mode']}>
            <Radio.Group
              options={[
                { value: 'none', label: '不适用' },
                { value: 'reserved', label: '预留份额' },
                { value: 'deduction', label: '价格扣除' },
              ]}
            />
          </Form.Item>
        </Col>
        {smeMode === 'deduction' && (
          <>
            <Col xs={12} md={8}>
              <Form.Item
                label="小微企业价格扣除比例"
                name={['requirements', 'sme', 'smallMicroRateBp']}
                rules={[{ required: true, message: '请填写扣除比例' }]}
                extra="财库〔2020〕46号；比例范围以文件检查结果为准"
              >
                {percentInput('小微企业价格扣除比例')}
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label="联合体扣除比例（可选）" name={['requirements', 'sme', 'consortiumRateBp']}>
                {percentInput('联合体扣除比例')}
              </Form.Item>
            </Col>
          </>
        )}
      </Row>
      <Space size="large" wrap style={{ marginBottom: 16 }}>
        {(
          [
            ['energySaving', '节能产品优先'],
            ['environmental', '环境标志产品优先'],
            ['domesticProduct', '本国产品价格评审优惠'],
            ['importedGoods', '允许进口产品（须经财政部门核准）'],
            ['blindTechnical', '技术部分暗标评审'],
          ] as const
        ).map(([key, label]) => (
          <Space key={key}>
            <Form.Item name={['requirements', key]} valuePropName="checked" noStyle>
              <Switch size="small" aria-label={label} />
            </Form.Item>
            <span>{label}</span>
          </Space>
        ))}
      </Space>

      <Divider titlePlacement="start">保证金与履约</Divider>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item
            label="投标保证金（元）"
            name={['requirements', 'depositFen']}
            rules={[yuanRule('投标保证金', false)]}
            extra="不得超过采购项目预算的 2%"
          >
            <Input suffix="元" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label="履约保证金比例" name={['requirements', 'bondBp']} extra="不得超过合同金额的 10%">
            {percentInput('履约保证金比例')}
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="交货（服务）期限" name={['requirements', 'deliveryPeriod']}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="交货（服务）地点" name={['requirements', 'deliveryPlace']}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="付款方式" name={['requirements', 'paymentTerms']}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
      {canEdit && (
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          保存采购需求
        </Button>
      )}
    </Form>
  );
}
