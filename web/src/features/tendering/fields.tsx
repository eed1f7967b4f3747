import { useQuery } from '@tanstack/react-query';
import { Form, Select, type FormInstance, type FormRule, type TableColumnsType } from 'antd';
import { programmePage, serviceKindLabels } from '../../../../src/modules/tendering/contract.ts';
import { api } from '../../api.ts';
import { applyServerErrors } from '../../shared/forms.ts';
import { optionsOf } from '../../shared/labels.ts';
import { formatYuan, yuanToFen } from '../../shared/money.ts';
import { fetchTemplates, programmesPath, templatesPath } from './api.ts';

/** An amount typed in 元 (up to two decimals) that must become a positive number of fen. */
export function yuanRule(label: string, required: boolean): FormRule {
  return {
    validator: (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '')
        return required ? Promise.reject(new Error(`请输入${label}`)) : Promise.resolve();
      const amount = typeof value === 'string' ? yuanToFen(value) : null;
      if (amount === null) return Promise.reject(new Error('金额应为元，最多两位小数'));
      if (amount === '0' && required) return Promise.reject(new Error(`${label}应大于 0`));
      return Promise.resolve();
    },
  };
}

/** An optional 元 input → fen, or null when blank; a zero amount counts as blank. */
export function optionalFen(value: string | undefined): string | null {
  if (!value?.trim()) return null;
  const fen = yuanToFen(value);
  return fen === '0' ? null : fen;
}

interface SelectProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
}

export function ProgrammeSelect({ id, value, onChange }: SelectProps) {
  const query = useQuery({
    queryKey: [programmesPath, { page: 1, pageSize: 200 }],
    queryFn: () => api(programmesPath, programmePage, { query: { page: 1, pageSize: 200 } }),
  });
  return (
    <Select
      id={id}
      allowClear
      placeholder="不属于专项"
      loading={query.isPending}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={query.data?.items.map((p) => ({
        value: p.id,
        label: `${p.name}（${p.kindLabel} · ${p.year}）`,
      }))}
    />
  );
}

export function TemplateSelect({ id, value, onChange }: SelectProps) {
  const query = useQuery({ queryKey: [templatesPath], queryFn: fetchTemplates });
  return (
    <Select
      id={id}
      allowClear
      placeholder="按采购类别使用默认范本"
      loading={query.isPending}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={query.data?.items
        .filter((t) => t.current)
        .map((t) => ({ value: t.id, label: `${t.kindLabel} · ${t.title}（第 ${t.version} 版）` }))}
    />
  );
}

/**
 * The server's field errors under the form's fields, each message once: an error may name its field both as
 * its `path` and among its `issues`. False when none matched, so the caller shows the message on its own.
 */
export function showFieldErrors(form: FormInstance, fields: readonly string[], error: unknown): boolean {
  if (!applyServerErrors(form, fields, error)) return false;
  form.setFields(
    form
      .getFieldsError()
      .filter((f) => new Set(f.errors).size < f.errors.length)
      .map((f) => ({ name: f.name, errors: [...new Set(f.errors)] })),
  );
  return true;
}

interface ShareRow {
  purchaserName: string;
  itemName: string;
  itemCode: string;
  amountFen: string;
}

/** Choices of lot for a share: 第 n 包 with its name; no choice means the share funds every lot. */
export function lotOptionsOf(lots: readonly ({ name?: string } | undefined)[] | undefined) {
  return (lots ?? []).map((l, i) => ({
    value: i + 1,
    label: `第 ${i + 1} 包${l?.name ? ` ${l.name}` : ''}`,
  }));
}

/** The columns of a project's plan-line shares (unit, 品目, amount, the lot it is bought in). */
export function shareColumns<T extends ShareRow>(
  keyOf: (row: T) => string,
  lotOf: Readonly<Record<string, number | null>>,
  options: { value: number; label: string }[],
  setLot: (key: string, lot: number | null) => void,
): TableColumnsType<T> {
  return [
    { title: '采购单位', dataIndex: 'purchaserName', key: 'purchaserName' },
    { title: '品目', key: 'item', render: (_: unknown, r) => `${r.itemName}（${r.itemCode}）` },
    {
      title: '份额（元）',
      dataIndex: 'amountFen',
      key: 'amountFen',
      align: 'right',
      render: (v: string) => formatYuan(v),
    },
    {
      title: '对应包',
      key: 'lot',
      render: (_: unknown, r) => (
        <Select
          aria-label="对应包"
          allowClear
          placeholder="全部包"
          style={{ width: 200 }}
          value={lotOf[keyOf(r)] ?? undefined}
          options={options}
          onChange={(v: number | undefined) => setLot(keyOf(r), v ?? null)}
        />
      ),
    },
  ];
}

/** 服务细分, asked of a services project only (blank counts as 非预选类 in the statistics). */
export function ServiceKindItem({ category }: { category: string | undefined }) {
  if (category !== 'services') return null;
  return (
    <Form.Item
      label="服务细分"
      name="serviceKind"
      extra="预选类：确定预选供应商；PPP项目：政府和社会资本合作；不选即非预选类"
    >
      <Select allowClear placeholder="非预选类" options={optionsOf(serviceKindLabels)} />
    </Form.Item>
  );
}
