import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Upload } from 'antd';
import { useState } from 'react';
import {
  bankAccountInput,
  contactInput,
  qualificationInput,
  SUPPLIER_SIZE_LABELS,
  supplierUpdateBody,
} from '../../../../src/modules/orgs/contract.ts';
import { errorMessage } from '../../api.ts';
import { ContactFields } from '../../shared/ContactFields.tsx';
import { applyServerErrors, zodRule } from '../../shared/forms.ts';
import { ListCards, type ListColumn } from '../../shared/ListCards.tsx';
import { PERSON_KIND_LABELS, PERSON_ROLE_LABELS } from '../../../../src/modules/orgs/suppliers/contract.ts';
import { optionsOf } from '../../shared/labels.ts';
import {
  replaceSupplierList,
  updateSupplier,
  uploadFile,
  type SupplierFull,
  type SupplierListKind,
  type SupplierRead,
  type SupplierUpdateValues,
} from './api.ts';
import { FileLink } from './SupplierRecord.tsx';

const blank = (v: unknown) => v === undefined || v === null || v === '';
const orNull = <T,>(v: T | '' | undefined | null): T | null => (blank(v) ? null : v);

/**
 * The two kinds of supplier that 政府采购促进中小企业发展管理办法 treats as small businesses, as columns of the
 * surrounding `Row`; shared by registration and the supplier's own edits.
 */
export function TreatedAsSmallFields() {
  return (
    <>
      <Col xs={24} md={12}>
        <Form.Item name="prisonEnterprise" valuePropName="checked">
          <Checkbox>监狱企业（视同小微企业）</Checkbox>
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="disabledWelfareUnit" valuePropName="checked">
          <Checkbox>残疾人福利性单位（视同小微企业）</Checkbox>
        </Form.Item>
      </Col>
    </>
  );
}

// ---- Basic information -------------------------------------------------------------------------------------

const basicFields = [
  'name',
  'legalRepresentative',
  'size',
  'prisonEnterprise',
  'disabledWelfareUnit',
  'regionCode',
  'businessScope',
  'address',
  'contactName',
  'contactPhone',
  'email',
] as const satisfies readonly (keyof SupplierUpdateValues)[];
const nullableFields: readonly string[] = ['businessScope', 'address', 'email'];
const shape = supplierUpdateBody.shape;

/** Only what the user changed is sent: the server decides whether the change needs a new review. */
export function BasicInfoEditor({
  record,
  onSaved,
}: {
  record: SupplierFull;
  onSaved: (r: SupplierRead) => void;
}) {
  const [form] = Form.useForm<SupplierUpdateValues>();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: (body: SupplierUpdateValues) => updateSupplier(record.id, body),
    onSuccess: (next) => {
      void message.success('资料已保存');
      onSaved(next);
    },
    onError: (error) => {
      if (!applyServerErrors(form, basicFields, error)) void message.error(errorMessage(error));
    },
  });

  const submit = (values: SupplierUpdateValues) => {
    const body: Record<string, unknown> = {};
    for (const field of basicFields) {
      const raw: unknown = values[field];
      const value = nullableFields.includes(field) && blank(raw) ? null : raw;
      if (value !== record[field]) body[field] = value;
    }
    if (Object.keys(body).length === 0) {
      void message.info('没有要修改的内容');
      return;
    }
    mutation.mutate(body);
  };

  return (
    <Form<SupplierUpdateValues>
      name="supplierBasic"
      form={form}
      layout="vertical"
      disabled={mutation.isPending}
      initialValues={Object.fromEntries(basicFields.map((f) => [f, record[f] ?? undefined]))}
      onFinish={submit}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="供应商名称" name="name" rules={[zodRule(shape.name)]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="法定代表人"
            name="legalRepresentative"
            rules={[zodRule(shape.legalRepresentative)]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="企业规模" name="size">
            <Select options={optionsOf(SUPPLIER_SIZE_LABELS)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="行政区划码" name="regionCode" rules={[zodRule(shape.regionCode)]}>
            <Input maxLength={6} />
          </Form.Item>
        </Col>
        <TreatedAsSmallFields />
        <ContactFields schemas={shape} span={12} />
        <Col xs={24} md={12}>
          <Form.Item label="地址" name="address" rules={[zodRule(shape.address)]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label="经营范围" name="businessScope" rules={[zodRule(shape.businessScope)]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        extra="修改名称、法定代表人、企业规模等经审核的事项后，资料将重新提交中心审核。"
        style={{ marginBottom: 0 }}
      >
        <Button type="primary" htmlType="submit" disabled={mutation.isPending}>
          保存基本信息
        </Button>
      </Form.Item>
    </Form>
  );
}

// ---- Lists -------------------------------------------------------------------------------------------------

type Row = Record<string, unknown>;

/**
 * One of the record's lists, edited as a whole: rows are added and removed here and saving replaces the
 * server's list with what is on screen.
 */
function ListEditor({
  supplierId,
  kind,
  listKey,
  addLabel,
  columns,
  initial,
  newRow,
  toBody,
  onSaved,
}: {
  supplierId: string;
  kind: SupplierListKind;
  listKey: string;
  addLabel: string;
  columns: readonly ListColumn[];
  initial: Row[];
  newRow: Row;
  toBody: (row: Row) => object;
  onSaved: (r: SupplierRead) => void;
}) {
  const [form] = Form.useForm<Record<string, Row[]>>();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: (rows: Row[]) => replaceSupplierList(supplierId, kind, { [listKey]: rows.map(toBody) }),
    onSuccess: (next) => {
      void message.success('已保存');
      onSaved(next);
    },
    onError: (error) => {
      if (!applyServerErrors(form, [listKey], error)) void message.error(errorMessage(error));
    },
  });

  return (
    <Form
      name={`supplier-${kind}`}
      form={form}
      layout="vertical"
      disabled={mutation.isPending}
      initialValues={{ [listKey]: initial }}
      onFinish={(values) => mutation.mutate(values[listKey] ?? [])}
    >
      <ListCards
        name={listKey}
        columns={columns}
        addLabel={addLabel}
        newRow={newRow}
        itemNoun="条"
        actions={
          <Button type="primary" htmlType="submit" disabled={mutation.isPending}>
            保存
          </Button>
        }
      />
    </Form>
  );
}

type EditorProps = { record: SupplierFull; onSaved: (r: SupplierRead) => void };

export function PeopleEditor({ record, onSaved }: EditorProps) {
  return (
    <ListEditor
      supplierId={record.id}
      kind="people"
      listKey="people"
      addLabel="添加人员"
      onSaved={onSaved}
      newRow={{ role: 'shareholder', kind: 'person' }}
      initial={record.people.map((p) => ({
        ...p,
        sharePercent: p.shareBasisPoints === null ? null : p.shareBasisPoints / 100,
      }))}
      // The share is entered in per cent; the server keeps basis points (万分之一).
      toBody={(p) => ({
        role: p.role,
        kind: p.kind,
        name: p.name,
        idNumber: orNull(p.idNumber),
        creditCode: orNull(p.creditCode),
        shareBasisPoints: typeof p.sharePercent === 'number' ? Math.round(p.sharePercent * 100) : null,
      })}
      columns={[
        {
          name: 'role',
          label: '身份',
          span: 6,
          input: <Select options={optionsOf(PERSON_ROLE_LABELS)} />,
        },
        { name: 'kind', label: '类型', span: 6, input: <Select options={optionsOf(PERSON_KIND_LABELS)} /> },
        {
          name: 'name',
          label: '名称/姓名',
          span: 12,
          input: <Input />,
          rules: [{ required: true, message: '请输入名称或姓名' }],
        },
        { name: 'idNumber', label: '身份证号（自然人）', span: 9, input: <Input /> },
        { name: 'creditCode', label: '统一社会信用代码（机构）', span: 9, input: <Input /> },
        {
          name: 'sharePercent',
          label: '持股比例（%）',
          span: 6,
          input: <InputNumber min={0} max={100} precision={2} style={{ width: '100%' }} />,
        },
      ]}
    />
  );
}

export function BankAccountsEditor({ record, onSaved }: EditorProps) {
  const s = bankAccountInput.shape;
  return (
    <ListEditor
      supplierId={record.id}
      kind="bank-accounts"
      listKey="accounts"
      addLabel="添加账户"
      onSaved={onSaved}
      newRow={{}}
      initial={record.bankAccounts}
      toBody={(a) => ({ bankName: a.bankName, accountName: a.accountName, accountNumber: a.accountNumber })}
      columns={[
        { name: 'bankName', label: '开户银行', span: 8, input: <Input />, rules: [zodRule(s.bankName)] },
        { name: 'accountName', label: '户名', span: 8, input: <Input />, rules: [zodRule(s.accountName)] },
        {
          name: 'accountNumber',
          label: '账号',
          span: 8,
          input: <Input />,
          rules: [zodRule(s.accountNumber)],
        },
      ]}
    />
  );
}

export function ContactsEditor({ record, onSaved }: EditorProps) {
  const s = contactInput.shape;
  return (
    <ListEditor
      supplierId={record.id}
      kind="contacts"
      listKey="contacts"
      addLabel="添加联系人"
      onSaved={onSaved}
      newRow={{}}
      initial={record.contacts}
      toBody={(c) => ({ name: c.name, phone: c.phone, email: orNull(c.email), duty: orNull(c.duty) })}
      columns={[
        { name: 'name', label: '姓名', span: 6, input: <Input />, rules: [zodRule(s.name)] },
        { name: 'phone', label: '手机号', span: 6, input: <Input />, rules: [zodRule(s.phone)] },
        { name: 'email', label: '邮箱', span: 6, input: <Input />, rules: [zodRule(s.email)] },
        { name: 'duty', label: '职务', span: 6, input: <Input />, rules: [zodRule(s.duty)] },
      ]}
    />
  );
}

/** A certificate scan: uploaded to the file store at once, the row keeping its hash until the list is saved. */
function CertificateFile({
  value,
  onChange,
}: {
  value?: string | null;
  onChange?: (hash: string | null) => void;
}) {
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  return (
    <Space>
      <FileLink hash={value ?? null} />
      <Upload
        showUploadList={false}
        beforeUpload={(file) => {
          setUploading(true);
          uploadFile(file)
            .then((uploaded) => {
              onChange?.(uploaded.hash);
              void message.success(`已上传 ${uploaded.name}，保存后生效`);
            })
            .catch((error: unknown) => void message.error(errorMessage(error)))
            .finally(() => setUploading(false));
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} disabled={uploading}>
          {value ? '重新上传' : '上传扫描件'}
        </Button>
      </Upload>
    </Space>
  );
}

export const qualificationToBody = (q: Row) => ({
  name: q.name,
  certificateNo: q.certificateNo,
  issuer: q.issuer,
  grade: orNull(q.grade),
  validFrom: orNull(q.validFrom),
  validUntil: orNull(q.validUntil),
  fileHash: orNull(q.fileHash),
});

export function qualificationColumns(withFile: boolean): ListColumn[] {
  const s = qualificationInput.shape;
  const columns: ListColumn[] = [
    { name: 'name', label: '资质/证书名称', span: 8, input: <Input />, rules: [zodRule(s.name)] },
    {
      name: 'certificateNo',
      label: '证书编号',
      span: 8,
      input: <Input />,
      rules: [zodRule(s.certificateNo)],
    },
    { name: 'issuer', label: '发证机关', span: 8, input: <Input />, rules: [zodRule(s.issuer)] },
    { name: 'grade', label: '等级', span: 6, input: <Input />, rules: [zodRule(s.grade)] },
    {
      name: 'validFrom',
      label: '有效期起',
      span: 6,
      input: <Input type="date" />,
      rules: [zodRule(s.validFrom)],
    },
    {
      name: 'validUntil',
      label: '有效期至',
      span: 6,
      input: <Input type="date" />,
      rules: [zodRule(s.validUntil)],
    },
  ];
  if (withFile) columns.push({ name: 'fileHash', label: '扫描件', span: 6, input: <CertificateFile /> });
  return columns;
}

export function QualificationsEditor({ record, onSaved }: EditorProps) {
  return (
    <ListEditor
      supplierId={record.id}
      kind="qualifications"
      listKey="qualifications"
      addLabel="添加资质证书"
      onSaved={onSaved}
      newRow={{}}
      initial={record.qualifications}
      toBody={qualificationToBody}
      columns={qualificationColumns(true)}
    />
  );
}
