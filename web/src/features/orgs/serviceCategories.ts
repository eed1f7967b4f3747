import { useQuery } from '@tanstack/react-query';
import { intermediaryPage, serviceCategory } from '../../../../src/modules/orgs/intermediaries/contract.ts';
import { api } from '../../api.ts';

/**
 * The service category codes come from the contract, but their Chinese names do not (the server keeps them
 * in rules.ts, which the web app may not import). Until the contract exports them, the options use the labels
 * the server has sent in the directory, and the bare code for a category no listed intermediary offers.
 */
export function useServiceCategoryOptions(): { value: string; label: string }[] {
  const directory = useQuery({
    queryKey: ['/api/intermediaries', 'categoryLabels'],
    queryFn: () => api('/api/intermediaries', intermediaryPage, { query: { pageSize: 200 } }),
    staleTime: 5 * 60_000,
  });
  const labels = new Map<string, string>();
  for (const item of directory.data?.items ?? []) {
    for (const c of item.serviceCategories) labels.set(c.code, c.label);
  }
  return serviceCategory.options.map((code) => ({ value: code, label: labels.get(code) ?? code }));
}
