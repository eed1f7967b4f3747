import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, List, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { errorMessage } from '../../api.ts';
import {
  amountToFen,
  amountUnit,
  bpToPercent,
  exactAmount,
  fenToAmount,
  percentToBp,
  UNIT_LABELS,
  type AmountUnit,
} from './units.ts';
import { fetchTargets, reportPath, saveTarget, targetsKey } from './api.ts';

interface Values {
  year: number;
  amount: string;
  unit: AmountUnit;
  rate: string;
}

/** 年度目标: the director sets a year's budget volume and savings rate; amounts are converted to fen exactly. */
export function TargetForm({ defaultYear }: { defaultYear: number }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const targets = useQuery({ queryKey: targetsKey, queryFn: fetchTargets });
  const year = Form.useWatch('year', form);

  // Choosing a year that has a target shows it for editing.
  useEffect(() => {
    const t = targets.data?.find((x) => x.year === year);
    if (!t) return;
    const unit = amountUnit(t.budgetFen);
    form.setFieldsValue({ amount: fenToAmount(t.budgetFen, unit), unit, rate: bpToPercent(t.savingsRateBp) });
  }, [year, targets.data, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const budgetFen = amountToFen(v.amount, v.unit);
      const savingsRateBp = percentToBp(v.rate);
      if (!budgetFen || savingsRateBp === null) throw new Error('invalid');
      return saveTarget(v.year, { budgetFen, savingsRateBp });
    },
    onSuccess: async (t) => {
      void message.success(`已保存${t.year}年度目标`);
      await queryClient.invalidateQueries({ queryKey: targetsKey });
      await queryClient.invalidateQueries({ queryKey: [reportPath] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  return (
    <Card title="年度目标" size="small" data-testid="target-card">
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ year: defaultYear, unit: 'yi' }}
        onFinish={(v) => save.mutate(v)}
        requiredMark={false}
      >
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} aria-label="年度" />
        </Form.Item>
        <Form.Item label="采购预算目标" required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="amount"
              noStyle
              rules={[
                { required: true, message: '请填写采购预算目标' },
                ({ getFieldValue }) => ({
                  validator: (_, value: string | undefined) =>
                    !value || amountToFen(value, getFieldValue('unit') as AmountUnit)
                      ? Promise.resolve()
                      : Promise.reject(
                          new Error(
                            getFieldValue('unit') === 'yi'
                              ? '请填写正数，最多 10 位小数（1亿元 = 100亿分）'
                              : '请填写正数，最多 6 位小数',
                          ),
                        ),
                }),
              ]}
            >
              <Input placeholder="如 1 或 0.85" aria-label="采购预算目标" inputMode="decimal" />
            </Form.Item>
            <Form.Item name="unit" noStyle>
              <Select
                style={{ width: 84 }}
                aria-label="金额单位"
                options={(['yi', 'wan'] as const).map((u) => ({ value: u, label: UNIT_LABELS[u] }))}
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item
          name="rate"
          label="资金节约率目标"
          rules={[
            { required: true, message: '请填写资金节约率目标' },
            {
              validator: (_, value: string | undefined) =>
                !value || percentToBp(value) !== null
                  ? Promise.resolve()
                  : Promise.reject(new Error('请填写 0–100 之间的百分数，最多两位小数')),
            },
          ]}
        >
          <Input suffix="%" placeholder="如 10" aria-label="资金节约率目标" inputMode="decimal" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} block>
          保存目标
        </Button>
      </Form>
      {targets.data && targets.data.length > 0 && (
        <List
          size="small"
          style={{ marginTop: 12 }}
          header={<Typography.Text type="secondary">已设目标</Typography.Text>}
          dataSource={[...targets.data].reverse()}
          renderItem={(t) => (
            <List.Item data-testid={`target-${t.year}`}>
              {t.year}年：采购预算{exactAmount(t.budgetFen)}，资金节约率 ≥ {bpToPercent(t.savingsRateBp)}%
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
