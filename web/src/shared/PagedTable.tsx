import {
  Alert,
  Input,
  Select,
  Space,
  Table,
  type SelectProps,
  type TableProps,
  type TablePaginationConfig,
} from 'antd';
import type { ReactNode } from 'react';
import { errorMessage } from '../api.ts';

/** The part of a usePagedList result that the table shows. */
interface PagedList<T> {
  query: {
    data?: { items: readonly T[]; total: number };
    error: unknown;
    isError: boolean;
    isFetching: boolean;
  };
  pagination: (total: number | undefined) => TablePaginationConfig;
}

type PagedTableProps<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> & {
  list: PagedList<T>;
  filters?: ReactNode;
};

/**
 * One page of a server-side list, with its filters above it. Rows key on `id` and a wide table scrolls
 * sideways inside its card; a page may override either, `scroll={undefined}` meaning no sideways scroll.
 */
export function PagedTable<T extends object>({ list, filters, ...table }: PagedTableProps<T>) {
  const { query, pagination } = list;
  return (
    <>
      {filters && (
        <Space wrap style={{ marginBottom: 16 }}>
          {filters}
        </Space>
      )}
      {query.isError && (
        <Alert type="error" showIcon title={errorMessage(query.error)} style={{ marginBottom: 16 }} />
      )}
      <Table<T>
        rowKey="id"
        scroll={{ x: 'max-content' }}
        {...table}
        dataSource={query.data?.items}
        loading={query.isFetching}
        pagination={pagination(query.data?.total)}
      />
    </>
  );
}

/** A search box for one filter; what the user types is trimmed, and a blank search clears the filter. */
export function SearchFilter({
  placeholder,
  width,
  defaultValue,
  onSearch,
}: {
  placeholder: string;
  width: number;
  defaultValue?: string;
  onSearch: (value: string | undefined) => void;
}) {
  return (
    <Input.Search
      placeholder={placeholder}
      defaultValue={defaultValue}
      allowClear
      style={{ width }}
      onSearch={(value) => onSearch(value.trim() || undefined)}
    />
  );
}

/** A pick-one filter; clearing it (undefined) means all. */
export function SelectFilter({
  placeholder,
  width,
  options,
  onChange,
}: {
  placeholder: string;
  width: number;
  options: SelectProps['options'];
  onChange: (value: string | undefined) => void;
}) {
  return (
    <Select placeholder={placeholder} allowClear style={{ width }} options={options} onChange={onChange} />
  );
}
