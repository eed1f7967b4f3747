import { useMutation } from '@tanstack/react-query';
import { Col, Form, Input, Row, Select, Typography } from 'antd';
import { SUPPLIER_SIZE_LABELS, supplierRegistrationBody } from '../../../../src/modules/orgs/contract.ts';
import { AccountFields } from '../../shared/AccountFields.tsx';
import { ContactFields } from '../../shared/ContactFields.tsx';
import { applyServerErrors, withoutBlanks, zodRule } from '../../shared/forms.ts';
import { optionsOf } from '../../shared/labels.ts';
import { registerSupplier, type SupplierRegistrationValues } from '../orgs/api.ts';
import { TreatedAsSmallFields } from '../orgs/SupplierEditors.tsx';
import { RegistrationDone, RegistrationShell, ToLoginButton } from './RegistrationShell.tsx';

type Values = SupplierRegistrationValues & { confirmPassword?: string };

const fields = [
  'name',
  'creditCode',
  'legalRepresentative',
  'size',
  'prisonEnterprise',
  'disabledWelfareUnit',
  'regionCode',
  'businessScope',
  'address',
  'contactName',
  'contactPhone',
  'email',
  'username',
  'password',
] as const satisfies readonly (keyof SupplierRegistrationValues)[];

const s = supplierRegistrationBody.shape;

export function SupplierRegisterPage() {
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: ({ confirmPassword: _confirm, ...values }: Values) =>
      registerSupplier(withoutBlanks(values) as SupplierRegistrationValues),
    onError: (error) => applyServerErrors(form, fields, error),
  });

  if (mutation.isSuccess) {
    return (
      <RegistrationDone
        title="注册已提交"
        testId="supplier-registered"
        subTitle={`「${mutation.data.name}」的注册资料已提交采购中心审核。请使用刚才设置的用户名登录，查看审核进度、完善股东、银行账户和资质证书等资料；审核通过后即可参加政府采购活动。`}
        extra={<ToLoginButton />}
      />
    );
  }

  return (
    <RegistrationShell<Values>
      title="供应商注册"
      intro="填写企业基本信息并设置登录账号。提交后由采购中心审核，审核期间可登录完善资料。"
      name="supplierRegistration"
      form={form}
      initialValues={{ prisonEnterprise: false, disabledWelfareUnit: false }}
      onFinish={(values) => mutation.mutate(values)}
      pending={mutation.isPending}
      error={mutation.error}
      errorTestId="registration-error"
      submitLabel="提交注册"
    >
      <Typography.Title level={5}>企业信息</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="供应商名称" name="name" required rules={[zodRule(s.name)]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="统一社会信用代码"
            name="creditCode"
            required
            rules={[{ required: true, message: '请输入统一社会信用代码' }]}
            extra="18 位，营业执照上的代码"
          >
            <Input maxLength={18} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="法定代表人"
            name="legalRepresentative"
            required
            rules={[zodRule(s.legalRepresentative)]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="企业规模"
            name="size"
            rules={[{ required: true, message: '请选择企业规模' }]}
            extra="按中小企业声明函填写"
          >
            <Select options={optionsOf(SUPPLIER_SIZE_LABELS)} placeholder="请选择企业规模" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="行政区划码" name="regionCode" required rules={[zodRule(s.regionCode)]}>
            <Input maxLength={6} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="地址" name="address" rules={[zodRule(s.address)]}>
            <Input />
          </Form.Item>
        </Col>
        <TreatedAsSmallFields />
        <Col span={24}>
          <Form.Item label="经营范围" name="businessScope" rules={[zodRule(s.businessScope)]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>联系方式</Typography.Title>
      <Row gutter={16}>
        <ContactFields schemas={s} span={8} required />
      </Row>
      <AccountFields username={s.username} password={s.password} />
    </RegistrationShell>
  );
}
