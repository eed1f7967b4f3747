import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Row, Space, type FormRule } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

/** One input of a list row; `name` is relative to the row. */
export interface ListColumn {
  name: string;
  label: string;
  span: number;
  input: ReactNode;
  rules?: FormRule[];
  valuePropName?: string;
}

/**
 * An editable list inside a form: one small card per row with a delete button, and an add button below.
 * `actions` sit beside the add button (a list saved on its own has its save button there).
 */
export function ListCards({
  name,
  columns,
  addLabel,
  newRow = {},
  itemNoun = '项',
  actions,
  testId,
  style,
}: {
  name: string;
  columns: readonly ListColumn[];
  addLabel: string;
  newRow?: Record<string, unknown>;
  itemNoun?: '项' | '条';
  actions?: ReactNode;
  testId?: string;
  style?: CSSProperties;
}) {
  return (
    <Form.List name={name}>
      {(rows, { add, remove }) => {
        // A copy per added row, so that rows never share one object.
        const addButton = (
          <Button icon={<PlusOutlined />} onClick={() => add({ ...newRow })}>
            {addLabel}
          </Button>
        );
        return (
          <Space orientation="vertical" style={{ width: '100%', ...style }} data-testid={testId}>
            {rows.map((row, index) => (
              <Card
                key={row.key}
                size="small"
                title={`第 ${index + 1} ${itemNoun}`}
                extra={
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(row.name)}>
                    删除
                  </Button>
                }
              >
                <Row gutter={12}>
                  {columns.map((c) => (
                    <Col key={c.name} xs={24} md={c.span}>
                      <Form.Item
                        label={c.label}
                        name={[row.name, c.name]}
                        rules={c.rules}
                        valuePropName={c.valuePropName}
                        style={{ marginBottom: 8 }}
                      >
                        {c.input}
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
              </Card>
            ))}
            {actions ? (
              <Space>
                {addButton}
                {actions}
              </Space>
            ) : (
              addButton
            )}
          </Space>
        );
      }}
    </Form.List>
  );
}
