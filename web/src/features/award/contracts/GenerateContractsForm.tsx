import { App, Alert, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../api.ts';
import { yuanToFen } from '../../../shared/money.ts';
import { generateContracts, useContractMutation } from './api.ts';

const BOND_FORMS = [
  { value: 'none', label: '不收取' },
  { value: 'bankGuarantee', label: '银行保函' },
  { value: 'insuranceGuarantee', label: '保证保险' },
  { value: 'guaranteeInstitution', label: '担保机构保函' },
  { value: 'transfer', label: '转账（非现金）' },
];

interface Values {
  bondYuan?: number;
  bondForm: string;
  paymentTermsDays?: number;
  performancePeriod: string;
  deliveryPlace: string;
}

/**
 * 生成合同 for a lot whose result is noticed (the centre; on the project page, per lot). Regenerating replaces the
 * drafts until a party signs. The bond is the lot's whole bond, split among a bundled lot's contracts.
 */
export function GenerateContractsForm({
  projectId,
  lotNo,
  regenerate = false,
  onDone,
}: {
  projectId: string;
  lotNo: number;
  regenerate?: boolean;
  onDone?: (contractIds: string[]) => void;
}) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const gen = useContractMutation(
    (v: Values) =>
      generateContracts(projectId, lotNo, {
        bondFen: yuanToFen(String(v.bondYuan ?? 0)) ?? '0',
        bondForm: v.bondForm as 'none',
        paymentTermsDays: v.paymentTermsDays ?? null,
        performancePeriod: v.performancePeriod,
        deliveryPlace: v.deliveryPlace,
      }),
    (r) => {
      void message.success(`已生成 ${r.items.length} 份合同`);
      setOpen(false);
      onDone?.(r.items.map((x) => x.id));
    },
  );
  return (
    <>
      <Button type={regenerate ? 'default' : 'primary'} onClick={() => setOpen(true)}>
        {regenerate ? '重新生成合同' : '生成合同'}
      </Button>
      <Modal
        open={open}
        title={`生成第${lotNo}包合同`}
        okText="生成"
        cancelText="取消"
        confirmLoading={gen.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => void form.validateFields().then((v) => gen.mutate(v))}
        destroyOnHidden
      >
        {gen.isError && <Alert type="error" showIcon title={errorMessage(gen.error)} />}
        <Form form={form} layout="vertical" initialValues={{ bondForm: 'none' }}>
          <Form.Item
            label="履约保证金（元）"
            name="bondYuan"
            extra="不得超过合同金额的10%（政府采购法实施条例第四十八条）"
          >
            <InputNumber min={0} precision={2} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label="保证金形式" name="bondForm">
            <Select options={BOND_FORMS} />
          </Form.Item>
          <Form.Item
            label="付款期限（日，自验收合格起）"
            name="paymentTermsDays"
            extra="中标人为中小企业的，最长不超过60日；不填则按30日（保障中小企业款项支付条例第九条）"
          >
            <InputNumber min={1} max={365} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            label="履约期限"
            name="performancePeriod"
            rules={[{ required: true, message: '请填写履约期限' }]}
          >
            <Input maxLength={200} placeholder="如：合同签订后30日内交货" />
          </Form.Item>
          <Form.Item
            label="交货（服务）地点"
            name="deliveryPlace"
            rules={[{ required: true, message: '请填写地点' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
