import { useMutation } from '@tanstack/react-query';
import { Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { expertApplicationBody, TITLE_LEVEL_LABELS } from '../../../../src/modules/orgs/experts/contract.ts';
import { AccountFields } from '../../shared/AccountFields.tsx';
import { applyServerErrors, withoutBlanksDeep, zodRule } from '../../shared/forms.ts';
import { optionsOf } from '../../shared/labels.ts';
import { ListCards, type ListColumn } from '../../shared/ListCards.tsx';
import { applyAsExpert, type ExpertApplicationValues } from '../experts/api.ts';
import { employmentFields, relationFields } from '../experts/ExpertRecord.tsx';
import { SpecialtyTreeSelect } from '../experts/SpecialtyTreeSelect.tsx';
import { RegistrationDone, RegistrationShell, ToLoginButton } from './RegistrationShell.tsx';

type Values = ExpertApplicationValues & { confirmPassword?: string };

const fields = [
  'name',
  'idNumber',
  'phone',
  'email',
  'titleLevel',
  'titleName',
  'years',
  'currentEmployer',
  'pastEmployers',
  'specialtyCodes',
  'regionCode',
  'relations',
  'username',
  'password',
] as const satisfies readonly (keyof ExpertApplicationValues)[];

const s = expertApplicationBody.shape;

/** Employment history or declared relations: an editable list of small cards under its heading. */
function ListField({
  title,
  ...list
}: {
  name: 'pastEmployers' | 'relations';
  title: string;
  addLabel: string;
  testId: string;
  columns: readonly ListColumn[];
}) {
  return (
    <>
      <Typography.Title level={5}>{title}</Typography.Title>
      <ListCards {...list} style={{ marginBottom: 16 }} />
    </>
  );
}

const pastEmploymentColumns = employmentFields(true).map((f) =>
  f.name === 'endedOn'
    ? { ...f, label: '离职日期', rules: [{ required: true, message: '请输入离职日期' }] }
    : f,
);
const currentEmploymentColumns = employmentFields(false);

/** 评审专家网上申请: no account needed; the application opens the expert's account, pending review. */
export function ExpertApplyPage() {
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: ({ confirmPassword: _confirm, ...values }: Values) =>
      applyAsExpert(withoutBlanksDeep(values)),
    onError: (error) => applyServerErrors(form, fields, error),
  });

  if (mutation.isSuccess) {
    return (
      <RegistrationDone
        title="申请已提交"
        testId="expert-applied"
        subTitle={`${mutation.data.name}，您的评审专家申请已提交采购中心审核。请使用用户名「${mutation.data.username}」登录，在“我的专家档案”中查看审核进度、完善工作经历及亲属和利害关系申报；审核通过后即进入专家库。`}
        extra={<ToLoginButton />}
      />
    );
  }

  return (
    <RegistrationShell<Values>
      title="评审专家申请"
      intro={
        <>
          申请人须具有高级职称，或具有中级职称且从事相关专业工作满 8
          年（财库〔2016〕198号）。提交后由采购中心审核， 审核通过前不会被抽取。
        </>
      }
      name="expertApplication"
      form={form}
      initialValues={{ pastEmployers: [], relations: [], specialtyCodes: [] }}
      onFinish={(values) => mutation.mutate(values)}
      pending={mutation.isPending}
      error={mutation.error}
      submitLabel="提交申请"
    >
      <Typography.Title level={5}>个人信息</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label="姓名" name="name" required rules={[zodRule(s.name)]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="身份证号" name="idNumber" rules={[{ required: true, message: '请输入身份证号' }]}>
            <Input maxLength={18} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="行政区划码" name="regionCode" required rules={[zodRule(s.regionCode)]}>
            <Input maxLength={6} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="手机号" name="phone" required rules={[zodRule(s.phone)]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="电子邮箱" name="email" required rules={[zodRule(s.email)]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>职称与专业</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            label="职称级别"
            name="titleLevel"
            rules={[{ required: true, message: '请选择职称级别' }]}
          >
            <Select options={optionsOf(TITLE_LEVEL_LABELS)} placeholder="请选择" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="职称名称" name="titleName" required rules={[zodRule(s.titleName)]}>
            <Input placeholder="如：高级工程师" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="从业年限" name="years" required rules={[zodRule(s.years)]}>
            <InputNumber min={0} max={60} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            label="评审专业"
            name="specialtyCodes"
            required
            rules={[zodRule(s.specialtyCodes)]}
            extra="从采购中心公布的专业分类中选择末级专业（可按名称或代码搜索），可选 1–5 个。"
          >
            <SpecialtyTreeSelect multiple leavesOnly aria-label="评审专业" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>现工作单位</Typography.Title>
      <Row gutter={16}>
        {currentEmploymentColumns.map((c) => (
          <Col key={c.name} xs={24} md={c.span}>
            <Form.Item
              label={c.name === 'employer' ? '现工作单位' : c.label}
              name={['currentEmployer', c.name]}
              rules={c.rules}
              required={c.required}
            >
              {c.input}
            </Form.Item>
          </Col>
        ))}
      </Row>
      <ListField
        name="pastEmployers"
        title="以往工作经历"
        addLabel="添加工作经历"
        testId="past-employers"
        columns={pastEmploymentColumns}
      />
      <ListField
        name="relations"
        title="亲属及利害关系申报"
        addLabel="添加申报"
        testId="relations"
        columns={relationFields}
      />
      <AccountFields username={s.username} password={s.password} />
    </RegistrationShell>
  );
}
