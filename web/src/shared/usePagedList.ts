import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { api } from '../api.ts';

type Filters = Record<string, string | undefined>;

/**
 * Server-side paging and filtering for a list endpoint: the table only ever holds one page, and changing a
 * filter goes back to page 1 so the user never lands on an empty page past the end.
 */
export function usePagedList<S extends z.ZodType, F extends Filters>(path: string, schema: S, initial: F) {
  const [filters, setFilters] = useState<F>(initial);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);

  const query = useQuery({
    queryKey: [path, { ...filters, page, pageSize }],
    queryFn: () => api(path, schema, { query: { ...filters, page, pageSize } }),
    placeholderData: keepPreviousData,
  });

  const setFilter = <K extends keyof F>(key: K, value: F[K]) => {
    setFilters((prev) => ({ ...prev, [key]: value }));
    setPage(1);
  };

  const pagination = (total: number | undefined): TablePaginationConfig => ({
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    showTotal: (n) => `共 ${n} 条`,
    onChange: (nextPage, nextSize) => {
      setPage(nextSize === pageSize ? nextPage : 1);
      setPageSize(nextSize);
    },
  });

  return { query, filters, setFilter, pagination };
}
