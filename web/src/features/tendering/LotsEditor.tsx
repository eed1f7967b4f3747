import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Space, Typography } from 'antd';
import { projectBody } from '../../../../src/modules/tendering/contract.ts';
import { zodRule } from '../../shared/forms.ts';
import { formatYuan, yuanToFen } from '../../shared/money.ts';
import { fenToYuanInput, type ProjectView } from './api.ts';
import { optionalFen, yuanRule } from './fields.tsx';

/** One lot as the form holds it: amounts in 元 as typed. */
export interface LotValues {
  name?: string;
  budget?: string;
  ceiling?: string;
  quantity?: string;
}

export function lotToRequest(l: LotValues) {
  return {
    name: l.name ?? '',
    budgetFen: yuanToFen(l.budget ?? '') ?? '',
    ceilingFen: optionalFen(l.ceiling),
    quantity: l.quantity?.trim() ? l.quantity : null,
  };
}

export function lotsToForm(lots: ProjectView['lots']): LotValues[] {
  return lots.map((l) => ({
    name: l.name,
    budget: fenToYuanInput(l.budgetFen),
    ceiling: fenToYuanInput(l.ceilingFen),
    quantity: l.quantity ?? '',
  }));
}

/** The form's `lots` list: add and remove rows; the total is compared with the plan lines' shares. */
export function LotsEditor({ planTotalFen }: { planTotalFen: string }) {
  const form = Form.useFormInstance<{ lots?: LotValues[] }>();
  const lots = Form.useWatch('lots', form);
  const lotTotal = (lots ?? []).reduce((sum, l) => sum + BigInt(yuanToFen(l?.budget ?? '') ?? '0'), 0n);
  return (
    <Form.List name="lots">
      {(items, { add, remove }) => (
        <>
          <Row gutter={8} style={{ marginBottom: 4, color: 'rgba(0,0,0,0.65)' }}>
            <Col flex="none" style={{ width: 64 }} />
            <Col flex="2">包名称</Col>
            <Col flex="1">预算（元）</Col>
            <Col flex="1">最高限价（元，可选）</Col>
            <Col flex="1">数量</Col>
            <Col flex="none" style={{ width: 32 }} />
          </Row>
          {items.map((item, index) => (
            <Row gutter={8} key={item.key} data-testid="lot-row" align="top">
              <Col flex="none" style={{ paddingTop: 5, width: 64 }}>
                第 {index + 1} 包
              </Col>
              <Col flex="2">
                <Form.Item
                  name={[item.name, 'name']}
                  rules={[zodRule(projectBody.shape.lots.element.shape.name)]}
                >
                  <Input placeholder="包名称" aria-label={`第 ${index + 1} 包名称`} />
                </Form.Item>
              </Col>
              <Col flex="1">
                <Form.Item name={[item.name, 'budget']} rules={[yuanRule('预算', true)]}>
                  <Input placeholder="预算（元）" suffix="元" aria-label={`第 ${index + 1} 包预算`} />
                </Form.Item>
              </Col>
              <Col flex="1">
                <Form.Item name={[item.name, 'ceiling']} rules={[yuanRule('最高限价', false)]}>
                  <Input
                    placeholder="最高限价（可选）"
                    suffix="元"
                    aria-label={`第 ${index + 1} 包最高限价`}
                  />
                </Form.Item>
              </Col>
              <Col flex="1">
                <Form.Item name={[item.name, 'quantity']}>
                  <Input placeholder="数量，如 120 台" aria-label={`第 ${index + 1} 包数量`} />
                </Form.Item>
              </Col>
              <Col flex="none">
                <Button
                  icon={<DeleteOutlined />}
                  aria-label="删除此包"
                  disabled={items.length === 1}
                  onClick={() => remove(item.name)}
                />
              </Col>
            </Row>
          ))}
          <Space style={{ display: 'flex', marginBottom: 16 }} wrap>
            <Button icon={<PlusOutlined />} onClick={() => add({})}>
              添加包
            </Button>
            <Typography.Text type={lotTotal > BigInt(planTotalFen) ? 'danger' : 'secondary'}>
              各包预算合计 {formatYuan(lotTotal.toString())} 元，计划份额合计 {formatYuan(planTotalFen)} 元
            </Typography.Text>
          </Space>
        </>
      )}
    </Form.List>
  );
}
