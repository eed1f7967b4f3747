import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { programmeBody, programmePage } from '../../../../src/modules/tendering/contract.ts';
import { errorMessage } from '../../api.ts';
import { zodRule } from '../../shared/forms.ts';
import { optionsOf } from '../../shared/labels.ts';
import { formatYuan } from '../../shared/money.ts';
import { PagedTable } from '../../shared/PagedTable.tsx';
import { usePagedList } from '../../shared/usePagedList.ts';
import { shanghaiToday } from '../planning/api.ts';
import { createProgramme, programmeKindLabels, programmesPath } from './api.ts';
import { showFieldErrors } from './fields.tsx';

type Programme = z.infer<typeof programmePage>['items'][number];

interface Values {
  name?: string;
  kind?: keyof typeof programmeKindLabels;
  year?: number;
  description?: string;
}
const fields = ['name', 'kind', 'year', 'description'];

function CreateProgrammeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      createProgramme({
        name: v.name ?? '',
        kind: v.kind ?? 'other',
        year: v.year ?? 0,
        description: v.description?.trim() ? v.description : null,
      }),
    onSuccess: () => {
      void message.success('已新建专项');
      void queryClient.invalidateQueries({ queryKey: [programmesPath] });
      form.resetFields();
      onClose();
    },
    onError: (error) => {
      if (!showFieldErrors(form, fields, error)) void message.error(errorMessage(error));
    },
  });
  return (
    <Modal
      title="新建专项"
      open={open}
      okText="保存"
      okButtonProps={{ disabled: mutation.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="programme"
        layout="vertical"
        disabled={mutation.isPending}
        initialValues={{ year: Number(shanghaiToday().slice(0, 4)), kind: 'schoolSafety' }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item
          label="专项名称"
          name="name"
          required
          rules={[zodRule(programmeBody.shape.name.min(4, '专项名称至少 4 个字'))]}
        >
          <Input maxLength={200} placeholder="如：2026 年中小学校舍安全工程" />
        </Form.Item>
        <Form.Item label="专项类型" name="kind" rules={[{ required: true, message: '请选择专项类型' }]}>
          <Select options={optionsOf(programmeKindLabels)} />
        </Form.Item>
        <Form.Item label="年度" name="year" rules={[{ required: true, message: '请输入年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="说明" name="description">
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const columns: TableColumnsType<Programme> = [
  { title: '专项名称', dataIndex: 'name', key: 'name' },
  { title: '类型', dataIndex: 'kindLabel', key: 'kindLabel', render: (v: string) => <Tag>{v}</Tag> },
  { title: '年度', dataIndex: 'year', key: 'year' },
  { title: '项目数', dataIndex: 'projectCount', key: 'projectCount', align: 'right' },
  { title: '包数', dataIndex: 'lotCount', key: 'lotCount', align: 'right' },
  {
    title: '预算合计（元）',
    dataIndex: 'budgetFen',
    key: 'budgetFen',
    align: 'right',
    render: (v: string) => formatYuan(v),
  },
  {
    title: '说明',
    dataIndex: 'description',
    key: 'description',
    render: (v: string | null) => (
      <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 360 }}>
        {v ?? '—'}
      </Typography.Text>
    ),
  },
];

/** 专项: 校安工程, 一事一议 and others, each with the totals of its projects. */
export function ProgrammesPage() {
  const [creating, setCreating] = useState(false);
  const list = usePagedList<typeof programmePage, Record<string, never>>(programmesPath, programmePage, {});
  return (
    <Card
      title="专项"
      extra={
        list.query.data?.abilities.includes('create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建专项
          </Button>
        )
      }
    >
      <PagedTable list={list} columns={columns} locale={{ emptyText: '暂无专项' }} />
      <CreateProgrammeModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
