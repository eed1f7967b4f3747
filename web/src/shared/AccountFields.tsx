import { Col, Form, Input, Row, Typography } from 'antd';
import type { z } from 'zod';
import { zodRule } from './forms.ts';
import { NewPasswordFields } from './NewPasswordFields.tsx';

/** The 登录账号 section of a self-registration: the account the registration opens, password typed twice. */
export function AccountFields({ username, password }: { username: z.ZodType; password: z.ZodType }) {
  return (
    <>
      <Typography.Title level={5}>登录账号</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            label="用户名"
            name="username"
            required
            rules={[zodRule(username)]}
            extra="小写字母、数字、下划线、点或短横线，3–32 位"
          >
            <Input autoComplete="username" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <NewPasswordFields
            name="password"
            label="登录密码"
            schema={password}
            mismatch="两次输入的密码不一致"
          />
        </Col>
      </Row>
    </>
  );
}
