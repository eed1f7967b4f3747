import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { expertPage, purchaserPage, supplierPage } from '../../../../src/modules/orgs/contract.ts';
import { api } from '../../api.ts';

export type OrgKind = 'purchaser' | 'supplier' | 'expert';

interface Option {
  value: string;
  label: string;
}

async function searchOrgs(kind: OrgKind, q: string): Promise<Option[]> {
  const query = { q, page: 1, pageSize: 20 };
  switch (kind) {
    case 'purchaser': {
      const page = await api('/api/purchasers', purchaserPage, { query });
      return page.items.map((p) => ({ value: p.id, label: `${p.name}（${p.levelLabel}）` }));
    }
    case 'supplier': {
      const page = await api('/api/suppliers', supplierPage, { query });
      return page.items.map((s) => ({ value: s.id, label: `${s.name}（${s.creditCode}）` }));
    }
    case 'expert': {
      const page = await api('/api/experts', expertPage, { query });
      return page.items.map((e) => ({ value: e.id, label: `${e.name} · ${e.employer}` }));
    }
  }
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

interface OrgSelectProps {
  kind: OrgKind;
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
}

/** Searches the organisation lists on the server, since a county can have thousands of units and suppliers. */
export function OrgSelect({ kind, id, value, onChange }: OrgSelectProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const options = useQuery({ queryKey: ['orgSelect', kind, q], queryFn: () => searchOrgs(kind, q) });

  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(next) => onChange?.(next)}
      allowClear
      placeholder="输入名称搜索"
      loading={options.isFetching}
      options={options.data ?? []}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={options.isFetching ? '正在搜索…' : '没有匹配的记录'}
    />
  );
}
