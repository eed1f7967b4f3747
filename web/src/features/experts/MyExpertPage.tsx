import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Result, Row, Select, Skeleton } from 'antd';
import { expertUpdateBody, TITLE_LEVEL_LABELS } from '../../../../src/modules/orgs/experts/contract.ts';
import { ApiError, errorMessage } from '../../api.ts';
import { applyServerErrors, parseForm, zodRule } from '../../shared/forms.ts';
import { optionsOf } from '../../shared/labels.ts';
import { expertsKey, fetchMyExpert, myExpertKey, updateExpert, type ExpertDetail } from './api.ts';
import { ExpertStatusTag, ExpertTabs } from './ExpertRecord.tsx';
import { SpecialtyTreeSelect } from './SpecialtyTreeSelect.tsx';

const fields = [
  'phone',
  'email',
  'regionCode',
  'titleLevel',
  'titleName',
  'years',
  'specialtyCodes',
] as const;
type Field = (typeof fields)[number];
type Values = Partial<Record<Field, unknown>>;
const u = expertUpdateBody.shape;

function current(record: ExpertDetail): Values {
  return {
    phone: record.phone,
    email: record.email ?? undefined,
    regionCode: record.regionCode,
    titleLevel: record.titleLevel,
    titleName: record.titleName,
    years: record.years,
    specialtyCodes: record.specialties.map((s) => s.code),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The expert's own contact details, title and specialties; only what changed is sent. */
function BasicEditor({ record, onSaved }: { record: ExpertDetail; onSaved: (next: ExpertDetail) => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const before = current(record);
  const mutation = useMutation({
    mutationFn: (body: Parameters<typeof updateExpert>[1]) => updateExpert(record.id, body),
    onSuccess: (next) => {
      void message.success('已保存');
      onSaved(next);
    },
    onError: (error) => {
      if (!applyServerErrors(form, [...fields], error)) void message.error(errorMessage(error));
    },
  });
  return (
    <Card size="small" title="修改本人信息" style={{ marginTop: 16 }}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="联系方式与地区修改后立即生效；修改职称、从业年限或评审专业须由采购中心重新审核。"
      />
      <Form<Values>
        form={form}
        name="expertUpdate"
        layout="vertical"
        initialValues={before}
        disabled={mutation.isPending}
        onFinish={(values) => {
          const changed = Object.fromEntries(
            fields.filter((f) => !same(values[f], before[f])).map((f) => [f, values[f]]),
          );
          const body = parseForm(form, [...fields], expertUpdateBody, changed);
          if (body) mutation.mutate(body);
          else if (Object.keys(changed).length === 0) void message.info('没有要修改的内容');
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label="手机号" name="phone" rules={[zodRule(u.phone)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="电子邮箱" name="email" rules={[zodRule(u.email)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="行政区划码" name="regionCode" rules={[zodRule(u.regionCode)]}>
              <Input maxLength={6} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="职称级别" name="titleLevel">
              <Select options={optionsOf(TITLE_LEVEL_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="职称名称" name="titleName" rules={[zodRule(u.titleName)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="从业年限" name="years" rules={[zodRule(u.years)]}>
              <InputNumber min={0} max={60} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              label="评审专业"
              name="specialtyCodes"
              rules={[zodRule(u.specialtyCodes)]}
              extra="只能选择末级专业，可选 1–5 个。"
            >
              <SpecialtyTreeSelect multiple leavesOnly known={record.specialties} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" disabled={mutation.isPending}>
          保存修改
        </Button>
      </Form>
    </Card>
  );
}

/** The expert's own record: the server answers only for an expert's account, so it also guards the page. */
export function MyExpertPage() {
  const queryClient = useQueryClient();
  const record = useQuery({ queryKey: myExpertKey, queryFn: fetchMyExpert, retry: false });

  const saved = (next: ExpertDetail) => {
    queryClient.setQueryData(myExpertKey, next);
    void queryClient.invalidateQueries({ queryKey: expertsKey, predicate: (q) => q.queryKey[1] !== 'me' });
  };

  if (record.error instanceof ApiError && (record.error.status === 403 || record.error.status === 404)) {
    return <Result status="403" title="无权访问" subTitle={record.error.message} />;
  }

  const data = record.data;
  return (
    <Card title="我的专家档案" extra={data && <ExpertStatusTag record={data} testId="expert-status" />}>
      {record.isError && <Alert type="error" showIcon title={errorMessage(record.error)} />}
      {record.isPending && <Skeleton active />}
      {data?.status === 'pending' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="expert-banner"
          title="您的专家资料待审核"
          description="采购中心审核通过后，您将进入专家库，方可被抽取参加评审。审核期间仍可完善工作经历、亲属及利害关系。"
        />
      )}
      {data?.status === 'rejected' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="expert-banner"
          title="您的入库申请未通过审核"
          description={
            data.reviewNote
              ? `审核意见：${data.reviewNote}。请按要求修改职称或评审专业后保存，资料将重新提交审核。`
              : '请按要求修改职称或评审专业后保存，资料将重新提交审核。'
          }
        />
      )}
      {data && (
        <ExpertTabs
          record={data}
          onSaved={saved}
          basicEdit={<BasicEditor key={`${data.status}-${data.titleName}`} record={data} onSaved={saved} />}
        />
      )}
    </Card>
  );
}
