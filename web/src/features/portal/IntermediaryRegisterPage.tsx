import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Result, Row, Select, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { intermediaryRegistrationBody } from '../../../../src/modules/orgs/intermediaries/contract.ts';
import { errorMessage } from '../../api.ts';
import { applyServerErrors, withoutBlanks, zodRule } from '../../shared/forms.ts';
import { registerIntermediary, type IntermediaryRegistrationValues } from '../orgs/api.ts';
import { serviceCategoryOptions } from '../orgs/serviceCategories.ts';
import { qualificationColumns, qualificationToBody } from '../orgs/SupplierEditors.tsx';
import { PortalLayout } from './PortalLayout.tsx';

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
      <PortalLayout>
        <Card>
          <Result
            status="success"
            title="入驻申请已提交"
            subTitle={`「${mutation.data.name}」的入驻申请已提交采购中心审核，审核通过后将在中介机构名录中公布。`}
            extra={<Button onClick={() => void navigate('/intermediaries')}>返回中介机构名录</Button>}
          />
        </Card>
      </PortalLayout>
    );
  }

  return (
    <PortalLayout>
      <Card title="中介机构入驻">
        <Form<Values>
          name="intermediaryRegistration"
          form={form}
          layout="vertical"
          disabled={mutation.isPending}
          onFinish={(values) => mutation.mutate(values)}
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
            <Col xs={24} md={12}>
              <Form.Item label="联系人" name="contactName" required rules={[zodRule(s.contactName)]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="联系电话" name="contactPhone" required rules={[zodRule(s.contactPhone)]}>
                <Input />
              </Form.Item>
            </Col>
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
          <Form.List name="qualifications">
            {(rows, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
                {rows.map((row, index) => (
                  <Card
                    key={row.key}
                    size="small"
                    title={`第 ${index + 1} 项`}
                    extra={
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(row.name)}>
                        删除
                      </Button>
                    }
                  >
                    <Row gutter={12}>
                      {qualificationColumns(false).map((c) => (
                        <Col key={c.name} xs={24} md={c.span}>
                          <Form.Item
                            label={c.label}
                            name={[row.name, c.name]}
                            rules={c.rules}
                            style={{ marginBottom: 8 }}
                          >
                            {c.input}
                          </Form.Item>
                        </Col>
                      ))}
                    </Row>
                  </Card>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({})}>
                  添加资质证书
                </Button>
              </Space>
            )}
          </Form.List>
          {mutation.isError && (
            <Alert type="error" showIcon title={errorMessage(mutation.error)} style={{ marginBottom: 16 }} />
          )}
          <Button type="primary" htmlType="submit" size="large" disabled={mutation.isPending}>
            提交入驻申请
          </Button>
        </Form>
      </Card>
    </PortalLayout>
  );
}
