import { useMutation } from '@tanstack/react-query';
import { Button, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { intermediaryRegistrationBody } from '../../../../src/modules/orgs/intermediaries/contract.ts';
import { ContactFields } from '../../shared/ContactFields.tsx';
import { applyServerErrors, withoutBlanks, zodRule } from '../../shared/forms.ts';
import { ListCards } from '../../shared/ListCards.tsx';
import { registerIntermediary, type IntermediaryRegistrationValues } from '../orgs/api.ts';
import { serviceCategoryOptions } from '../orgs/serviceCategories.ts';
import { qualificationColumns, qualificationToBody } from '../orgs/SupplierEditors.tsx';
import { RegistrationDone, RegistrationShell } from './RegistrationShell.tsx';

type Values = Omit<IntermediaryRegistrationValues, 'qualifications'> & {
  qualifications?: Record<string, unknown>[];
};

const fields = [
  'name',
  'creditCode',
  'legalRepresentative',
  'regionCode',
  'address',
  'contactName',
  'contactPhone',
  'serviceCategories',
  'qualifications',
];
const s = intermediaryRegistrationBody.shape;

export function IntermediaryRegisterPage() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const mutation = useMutation({
    mutationFn: ({ qualifications = [], ...values }: Values) =>
      registerIntermediary({
        ...(withoutBlanks(values) as IntermediaryRegistrationValues),
        qualifications: qualifications.map(
          qualificationToBody,
        ) as IntermediaryRegistrationValues['qualifications'],
      }),
    onError: (error) => applyServerErrors(form, fields, error),
  });

  if (mutation.isSuccess) {
    return (
      <RegistrationDone
        title="入驻申请已提交"
        subTitle={`「${mutation.data.name}」的入驻申请已提交采购中心审核，审核通过后将在中介机构名录中公布。`}
        extra={<Button onClick={() => void navigate('/intermediaries')}>返回中介机构名录</Button>}
      />
    );
  }

  return (
    <RegistrationShell<Values>
      title="中介机构入驻"
      name="intermediaryRegistration"
      form={form}
      onFinish={(values) => mutation.mutate(values)}
      pending={mutation.isPending}
      error={mutation.error}
      submitLabel="提交入驻申请"
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="机构名称" name="name" required rules={[zodRule(s.name)]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="统一社会信用代码"
            name="creditCode"
            rules={[{ required: true, message: '请输入统一社会信用代码' }]}
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
          <Form.Item label="行政区划码" name="regionCode" required rules={[zodRule(s.regionCode)]}>
            <Input maxLength={6} />
          </Form.Item>
        </Col>
        <ContactFields schemas={s} span={12} required />
        <Col span={24}>
          <Form.Item label="地址" name="address" rules={[zodRule(s.address)]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            label="服务类别"
            name="serviceCategories"
            required
            rules={[zodRule(s.serviceCategories)]}
          >
            <Select mode="multiple" options={serviceCategoryOptions} placeholder="可多选" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>资质证书</Typography.Title>
      <ListCards
        name="qualifications"
        columns={qualificationColumns(false)}
        addLabel="添加资质证书"
        style={{ marginBottom: 16 }}
      />
    </RegistrationShell>
  );
}
