import {
  Alert,
  Button,
  Form,
  Modal,
  Space,
  Tag,
  Tooltip,
  Typography,
  type ButtonProps,
  type FormInstance,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../../../api.ts';
import { formatYuan } from '../../../shared/money.ts';
import { usePerformanceAction, type PerformanceAction } from './api.ts';

/** 逾期 N 天, or nothing when in time. */
export function LateTag({ late, daysLate }: { late: boolean; daysLate: number }) {
  if (!late) return null;
  return <Tag color="error">逾期 {daysLate} 天</Tag>;
}

export function Yuan({ fen }: { fen: string | null }) {
  if (fen === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return <span>{formatYuan(fen)} 元</span>;
}

/** A due day with its counting rule and article on hover. */
export function DueDay({ dueOn, summary, rule }: { dueOn: string; summary?: string; rule?: string }) {
  const body = <span>{dueOn}</span>;
  if (!summary && !rule) return body;
  return (
    <Tooltip title={[summary, rule].filter(Boolean).join('。')}>
      <Space size={4}>{body}</Space>
    </Tooltip>
  );
}

/**
 * A button opening a form in a dialog; submitting sends one action, the view the server answers replaces the
 * cached one and the dialog closes.
 */
export function ActionForm<V extends object>(props: {
  contractId: string;
  label: string;
  title: string;
  toAction: (values: V) => PerformanceAction | null;
  children: (form: FormInstance<V>) => ReactNode;
  initialValues?: Partial<V>;
  width?: number;
  button?: ButtonProps;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<V>();
  const act = usePerformanceAction(props.contractId, () => setOpen(false));
  return (
    <>
      <Button size="small" {...props.button} onClick={() => setOpen(true)} data-testid={props.testId}>
        {props.label}
      </Button>
      <Modal
        open={open}
        title={props.title}
        okText="提交"
        cancelText="取消"
        width={props.width ?? 560}
        confirmLoading={act.isPending}
        onOk={() => form.submit()}
        onCancel={() => {
          setOpen(false);
          act.reset();
        }}
        destroyOnHidden
      >
        {act.isError && (
          <Alert type="error" showIcon title={errorMessage(act.error)} style={{ marginBottom: 16 }} />
        )}
        <Form<V>
          form={form}
          layout="vertical"
          initialValues={props.initialValues}
          onFinish={(values) => {
            const action = props.toAction(values);
            if (action) act.mutate(action);
          }}
        >
          {props.children(form)}
        </Form>
      </Modal>
    </>
  );
}
