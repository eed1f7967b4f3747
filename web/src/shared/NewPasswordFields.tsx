import { Form, Input } from 'antd';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { sameAs, zodRule } from './forms.ts';

/**
 * A new password typed twice, so that a typo is caught here rather than leaving the account with a password
 * nobody meant to set. Only `name` is meant for the server; `confirmPassword` stays in the form.
 */
export function NewPasswordFields({
  name,
  schema,
  extra,
  mismatch,
  label = '新密码',
}: {
  name: string;
  label?: string;
  schema: z.ZodType;
  extra?: ReactNode;
  mismatch: string;
}) {
  return (
    <>
      <Form.Item label={label} name={name} required rules={[zodRule(schema)]} extra={extra}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={`确认${label}`}
        name="confirmPassword"
        required
        dependencies={[name]}
        rules={[{ required: true, message: `请再次输入${label}` }, sameAs(name, mismatch)]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
