import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { createUserBody } from '../../../../src/modules/orgs/contract.ts';
import { errorMessage } from '../../api.ts';
import { applyServerErrors, zodRule } from '../../shared/forms.ts';
import { roleOptions } from '../../shared/labels.ts';
import { createUser, type CreateUserValues } from './api.ts';
import { OrgSelect, type OrgKind } from './OrgSelect.tsx';

const fields = [
  'username',
  'displayName',
  'role',
  'password',
  'purchaserId',
  'supplierId',
  'expertId',
  'phone',
] as const satisfies readonly (keyof CreateUserValues)[];

/** Roles whose account acts for one organisation, and the field naming it (see createUserBody). */
const boundField = {
  purchaser: { name: 'purchaserId', label: '所属采购单位' },
  supplier: { name: 'supplierId', label: '所属供应商' },
  expert: { name: 'expertId', label: '对应评审专家' },
} as const satisfies Record<OrgKind, { name: keyof CreateUserValues; label: string }>;

function isOrgKind(role: string | undefined): role is OrgKind {
  return role === 'purchaser' || role === 'supplier' || role === 'expert';
}

export function CreateUserModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: () => void;
}) {
  const [form] = Form.useForm<CreateUserValues>();
  const role = Form.useWatch('role', form);
  const { message } = App.useApp();

  const mutation = useMutation({
    mutationFn: (values: CreateUserValues) => {
      const body: CreateUserValues = {
        username: values.username,
        displayName: values.displayName,
        role: values.role,
        password: values.password,
      };
      if (values.phone) body.phone = values.phone;
      // Only the id for the chosen role: a leftover pick from an earlier role choice must not be sent.
      if (values.role === 'purchaser') body.purchaserId = values.purchaserId;
      if (values.role === 'supplier') body.supplierId = values.supplierId;
      if (values.role === 'expert') body.expertId = values.expertId;
      return createUser(body);
    },
    onSuccess: (user) => {
      void message.success(`已创建用户 ${user.username}`);
      form.resetFields();
      onCreated();
    },
    onError: (error) => {
      if (!applyServerErrors(form, fields, error)) void message.error(errorMessage(error));
    },
  });

  const kind = isOrgKind(role) ? role : null;

  return (
    <Modal
      title="新建用户"
      open={open}
      okText="创建"
      okButtonProps={{ disabled: mutation.isPending }}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      forceRender
    >
      <Form<CreateUserValues>
        name="createUser"
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item
          label="用户名"
          name="username"
          required
          rules={[zodRule(createUserBody.shape.username)]}
          extra="小写字母、数字、下划线、点或短横线，3–32 位"
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="姓名"
          name="displayName"
          required
          rules={[zodRule(createUserBody.shape.displayName)]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={roleOptions} placeholder="请选择角色" />
        </Form.Item>
        {kind && (
          <Form.Item
            key={kind}
            label={boundField[kind].label}
            name={boundField[kind].name}
            rules={[{ required: true, message: `请选择${boundField[kind].label}` }]}
          >
            <OrgSelect kind={kind} />
          </Form.Item>
        )}
        <Form.Item label="初始密码" name="password" required rules={[zodRule(createUserBody.shape.password)]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="手机号" name="phone" rules={[zodRule(createUserBody.shape.phone)]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
