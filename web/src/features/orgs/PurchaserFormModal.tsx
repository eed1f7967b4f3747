import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import {
  PURCHASER_LEVEL_LABELS,
  purchaserBody,
  purchaserPage,
} from '../../../../src/modules/orgs/contract.ts';
import { api, errorMessage } from '../../api.ts';
import { applyServerErrors, zodRule } from '../../shared/forms.ts';
import { optionsOf, orgStatusLabels } from '../../shared/labels.ts';
import { createPurchaser, updatePurchaser, type PurchaserDetail, type PurchaserValues } from './api.ts';

type Level = PurchaserValues['level'];

/**
 * The units offered as parent: a village belongs to a township, a second-tier county unit to its county
 * department. This only narrows the list; whether the pick is valid is the server's call (400 on parentId).
 */
const parentLevel: Partial<Record<Level, Level>> = { village: 'township', county: 'county' };

function ParentSelect({
  level,
  excludeId,
  id,
  value,
  onChange,
}: {
  level: Level | undefined;
  excludeId?: string;
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
}) {
  const [search, setSearch] = useState('');
  const filterLevel = level ? parentLevel[level] : undefined;
  const options = useQuery({
    queryKey: ['parentSelect', filterLevel, search],
    queryFn: () =>
      api('/api/purchasers', purchaserPage, {
        query: { q: search.trim(), level: filterLevel, pageSize: 50 },
      }),
  });
  return (
    <Select<string>
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      allowClear
      placeholder={level === 'village' ? '请选择所属乡镇' : '无上级单位可不选'}
      loading={options.isFetching}
      options={(options.data?.items ?? [])
        .filter((p) => p.id !== excludeId)
        .map((p) => ({ value: p.id, label: `${p.name}（${p.levelLabel}）` }))}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={options.isFetching ? '正在搜索…' : '没有匹配的单位'}
    />
  );
}

const fields = [
  'name',
  'level',
  'parentId',
  'regionCode',
  'creditCode',
  'financeUnit',
  'contactName',
  'contactPhone',
  'address',
  'status',
];
const nullable = ['parentId', 'creditCode', 'financeUnit', 'contactName', 'contactPhone', 'address'];
const s = purchaserBody.shape;

type FormValues = Record<string, string | null | undefined>;

export function PurchaserFormModal({
  record,
  open,
  onClose,
  onSaved,
}: {
  /** The unit to edit; none to add one. */
  record?: PurchaserDetail;
  open: boolean;
  onClose: () => void;
  onSaved: (saved: PurchaserDetail) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const level = Form.useWatch('level', form) as Level | undefined;
  const { message } = App.useApp();

  const mutation = useMutation({
    mutationFn: (values: FormValues) => {
      const body: Record<string, unknown> = {};
      for (const f of fields) {
        const v = values[f];
        if (v === undefined && !nullable.includes(f)) continue;
        body[f] = nullable.includes(f) && (v === undefined || v === '') ? null : v;
      }
      if (record) {
        delete body.level;
        return updatePurchaser(record.id, body);
      }
      delete body.status;
      return createPurchaser(body as PurchaserValues);
    },
    onSuccess: (saved) => {
      void message.success(record ? '已保存' : `已新增 ${saved.name}`);
      form.resetFields();
      onSaved(saved);
    },
    onError: (error) => {
      if (!applyServerErrors(form, fields, error)) void message.error(errorMessage(error));
    },
  });

  return (
    <Modal
      title={record ? '修改采购单位' : '新增采购单位'}
      open={open}
      okText="保存"
      okButtonProps={{ disabled: mutation.isPending }}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
    >
      <Form<FormValues>
        name="purchaser"
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        initialValues={record ? { ...record } : undefined}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item label="单位名称" name="name" required rules={[zodRule(s.name)]}>
          <Input />
        </Form.Item>
        <Form.Item label="级别" name="level" rules={[{ required: true, message: '请选择级别' }]}>
          <Select options={optionsOf(PURCHASER_LEVEL_LABELS)} disabled={Boolean(record)} />
        </Form.Item>
        <Form.Item label="上级单位" name="parentId">
          <ParentSelect level={level ?? record?.level} excludeId={record?.id} />
        </Form.Item>
        <Form.Item
          label="行政区划码"
          name="regionCode"
          required
          rules={[zodRule(s.regionCode)]}
          extra="6、9 或 12 位数字"
        >
          <Input />
        </Form.Item>
        <Form.Item label="统一社会信用代码" name="creditCode">
          <Input />
        </Form.Item>
        <Form.Item label="监管财政部门" name="financeUnit" rules={[zodRule(s.financeUnit)]}>
          <Input />
        </Form.Item>
        <Form.Item label="联系人" name="contactName" rules={[zodRule(s.contactName)]}>
          <Input />
        </Form.Item>
        <Form.Item label="联系电话" name="contactPhone" rules={[zodRule(s.contactPhone)]}>
          <Input />
        </Form.Item>
        <Form.Item label="地址" name="address" rules={[zodRule(s.address)]}>
          <Input />
        </Form.Item>
        {record && (
          <Form.Item label="状态" name="status">
            <Select options={optionsOf(orgStatusLabels)} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
