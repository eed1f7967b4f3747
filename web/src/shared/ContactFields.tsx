import { Col, Form, Input } from 'antd';
import type { z } from 'zod';
import { zodRule } from './forms.ts';

/**
 * An organisation's contact person as columns of the surrounding `Row`: 联系人, 联系电话 and, when its schema is
 * given, 邮箱. `required` only marks the labels; the schemas decide what is really required.
 */
export function ContactFields({
  schemas,
  span,
  required,
}: {
  schemas: { contactName: z.ZodType; contactPhone: z.ZodType; email?: z.ZodType };
  span: number;
  required?: boolean;
}) {
  return (
    <>
      <Col xs={24} md={span}>
        <Form.Item
          label="联系人"
          name="contactName"
          required={required}
          rules={[zodRule(schemas.contactName)]}
        >
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={span}>
        <Form.Item
          label="联系电话"
          name="contactPhone"
          required={required}
          rules={[zodRule(schemas.contactPhone)]}
        >
          <Input />
        </Form.Item>
      </Col>
      {schemas.email && (
        <Col xs={24} md={span}>
          <Form.Item label="邮箱" name="email" rules={[zodRule(schemas.email)]}>
            <Input />
          </Form.Item>
        </Col>
      )}
    </>
  );
}
