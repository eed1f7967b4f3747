import { Alert, Descriptions, Empty, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { formatTime, monospace, shortHash } from '../../shared/format.ts';
import {
  PERSON_KIND_LABELS,
  PERSON_ROLE_LABELS,
  REVIEW_DECISION_LABELS,
} from '../../../../src/modules/orgs/suppliers/contract.ts';
import { labelOf, statusColors } from '../../shared/labels.ts';
import { fileUrl, type SupplierFull, type SupplierRead } from './api.ts';

const dash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

type Person = SupplierFull['people'][number];
type Account = SupplierFull['bankAccounts'][number];
type Contact = SupplierFull['contacts'][number];
type Qualification = SupplierFull['qualifications'][number];
type Review = SupplierFull['reviews'][number];
type Sanction = SupplierRead['sanctions'][number];

export function SupplierStatusTag({ record }: { record: SupplierRead }) {
  return (
    <Tag color={statusColors[record.status]} data-testid="supplier-status">
      {record.statusLabel}
    </Tag>
  );
}

/** Flags the server works out (barred today, counts as small or micro); the page only shows them. */
export function SupplierFlags({ record }: { record: SupplierRead }) {
  return (
    <Space wrap size={4}>
      <SupplierStatusTag record={record} />
      {record.countsAsSmallOrMicro && <Tag color="blue">享受中小微企业政策</Tag>}
      {record.barred && (
        <Tag color="red" data-testid="supplier-barred">
          限制参加政府采购活动
        </Tag>
      )}
    </Space>
  );
}

function BasicInfo({ record }: { record: SupplierRead }) {
  const common = [
    { key: 'name', label: '供应商名称', children: record.name },
    {
      key: 'creditCode',
      label: '统一社会信用代码',
      children: <span style={monospace}>{record.creditCode}</span>,
    },
    { key: 'legal', label: '法定代表人', children: record.legalRepresentative },
    { key: 'size', label: '企业规模', children: record.sizeLabel },
    { key: 'region', label: '行政区划', children: record.regionCode },
    { key: 'status', label: '状态', children: <SupplierFlags record={record} /> },
  ];
  const full = record.detail
    ? [
        { key: 'prison', label: '监狱企业', children: record.prisonEnterprise ? '是' : '否' },
        { key: 'disabled', label: '残疾人福利性单位', children: record.disabledWelfareUnit ? '是' : '否' },
        { key: 'address', label: '地址', children: dash(record.address) },
        { key: 'contactName', label: '联系人', children: dash(record.contactName) },
        { key: 'contactPhone', label: '联系电话', children: dash(record.contactPhone) },
        { key: 'email', label: '邮箱', children: dash(record.email) },
        { key: 'createdAt', label: '登记时间', children: formatTime(record.createdAt) },
        { key: 'reviewNote', label: '审核意见', children: dash(record.reviewNote) },
        { key: 'scope', label: '经营范围', span: 2, children: dash(record.businessScope) },
      ]
    : [];
  return <Descriptions bordered column={{ xs: 1, md: 2 }} items={[...common, ...full]} />;
}

const shareText = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toFixed(2)}%`);

export const peopleColumns: TableColumnsType<Person> = [
  {
    title: '身份',
    dataIndex: 'role',
    key: 'role',
    render: (v: Person['role']) => PERSON_ROLE_LABELS[v],
  },
  { title: '类型', dataIndex: 'kind', key: 'kind', render: (v: Person['kind']) => PERSON_KIND_LABELS[v] },
  { title: '名称/姓名', dataIndex: 'name', key: 'name' },
  {
    title: '证件号/信用代码',
    key: 'idNumber',
    render: (_: unknown, p: Person) => <span style={monospace}>{dash(p.idNumber ?? p.creditCode)}</span>,
  },
  { title: '持股比例', dataIndex: 'shareBasisPoints', key: 'share', render: shareText },
];

const accountColumns: TableColumnsType<Account> = [
  { title: '开户银行', dataIndex: 'bankName', key: 'bankName' },
  { title: '户名', dataIndex: 'accountName', key: 'accountName' },
  {
    title: '账号',
    dataIndex: 'accountNumber',
    key: 'accountNumber',
    render: (v: string) => <span style={monospace}>{v}</span>,
  },
];

const contactColumns: TableColumnsType<Contact> = [
  { title: '姓名', dataIndex: 'name', key: 'name' },
  { title: '手机号', dataIndex: 'phone', key: 'phone' },
  { title: '邮箱', dataIndex: 'email', key: 'email', render: dash },
  { title: '职务', dataIndex: 'duty', key: 'duty', render: dash },
];

export function FileLink({ hash }: { hash: string | null }) {
  if (!hash) return <>—</>;
  return (
    <a href={fileUrl(hash)} target="_blank" rel="noreferrer" style={monospace}>
      {shortHash(hash)}
    </a>
  );
}

export const qualificationColumns: TableColumnsType<Qualification> = [
  { title: '资质/证书名称', dataIndex: 'name', key: 'name' },
  { title: '证书编号', dataIndex: 'certificateNo', key: 'certificateNo' },
  { title: '发证机关', dataIndex: 'issuer', key: 'issuer' },
  { title: '等级', dataIndex: 'grade', key: 'grade', render: dash },
  {
    title: '有效期',
    key: 'valid',
    render: (_: unknown, q: Qualification) => (
      <Space size={4}>
        <span>
          {dash(q.validFrom)} 至 {dash(q.validUntil)}
        </span>
        {q.expired && <Tag color="red">已过期</Tag>}
      </Space>
    ),
  },
  {
    title: '扫描件',
    dataIndex: 'fileHash',
    key: 'file',
    render: (v: string | null) => <FileLink hash={v} />,
  },
];

const reviewColumns: TableColumnsType<Review> = [
  { title: '时间', dataIndex: 'at', key: 'at', render: (v: string) => formatTime(v) },
  {
    title: '结论',
    dataIndex: 'decision',
    key: 'decision',
    render: (v: string) => <Tag color={statusColors[v]}>{labelOf(REVIEW_DECISION_LABELS, v)}</Tag>,
  },
  { title: '意见', dataIndex: 'reason', key: 'reason', render: dash },
  { title: '审核人', dataIndex: 'reviewer', key: 'reviewer', render: dash },
];

const sanctionColumns: TableColumnsType<Sanction> = [
  { title: '类别', dataIndex: 'kindLabel', key: 'kind' },
  { title: '事由', dataIndex: 'reason', key: 'reason' },
  { title: '决定书文号/来源', dataIndex: 'source', key: 'source' },
  { title: '起始日期', dataIndex: 'startsOn', key: 'startsOn' },
  { title: '截止日期', dataIndex: 'endsOn', key: 'endsOn', render: (v: string | null) => v ?? '长期' },
  {
    title: '状态',
    dataIndex: 'inForce',
    key: 'inForce',
    render: (v: boolean) => (v ? <Tag color="red">生效中</Tag> : <Tag>已失效</Tag>),
  },
];

function ListTable<T extends object>({
  rows,
  columns,
}: {
  rows: readonly T[];
  columns: TableColumnsType<T>;
}) {
  return (
    <Table<T>
      rowKey={(_, i) => String(i)}
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      columns={columns}
      locale={{ emptyText: <Empty description="暂无记录" /> }}
    />
  );
}

export type SupplierTabKey =
  'basic' | 'people' | 'accounts' | 'contacts' | 'qualifications' | 'reviews' | 'sanctions';

/**
 * A supplier's record in tabs. The public view (`detail: false`) has only the registry entry and the
 * sanctions; `edit` replaces a tab's read-only content with an editor.
 */
export function SupplierTabs({
  record,
  edit = {},
}: {
  record: SupplierRead;
  edit?: Partial<Record<SupplierTabKey, ReactNode>>;
}) {
  const tab = (key: SupplierTabKey, label: string, content: ReactNode) => ({
    key,
    label,
    children: edit[key] ?? content,
  });
  const items = record.detail
    ? [
        tab('basic', '基本信息', <BasicInfo record={record} />),
        tab('people', '股东及管理人员', <ListTable rows={record.people} columns={peopleColumns} />),
        tab('accounts', '银行账户', <ListTable rows={record.bankAccounts} columns={accountColumns} />),
        tab('contacts', '联系人', <ListTable rows={record.contacts} columns={contactColumns} />),
        tab(
          'qualifications',
          '资质证书',
          <ListTable rows={record.qualifications} columns={qualificationColumns} />,
        ),
        tab('reviews', '审核记录', <ListTable rows={record.reviews} columns={reviewColumns} />),
        tab('sanctions', '失信及处罚记录', <ListTable rows={record.sanctions} columns={sanctionColumns} />),
      ]
    : [
        tab('basic', '基本信息', <BasicInfo record={record} />),
        tab('sanctions', '失信及处罚记录', <ListTable rows={record.sanctions} columns={sanctionColumns} />),
      ];
  return (
    <>
      {record.barred && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title="该供应商当前有生效的失信或禁止参加政府采购活动记录"
        />
      )}
      {!record.detail && (
        <Typography.Paragraph type="secondary">您看到的是该供应商的公开信息。</Typography.Paragraph>
      )}
      <Tabs items={items} />
    </>
  );
}
