import { useQuery } from '@tanstack/react-query';
import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { fetchSpecialties, specialtiesKey, type Specialty } from './api.ts';

interface SpecialtyNode {
  value: string;
  title: string;
  selectable: boolean;
  children?: SpecialtyNode[];
}

/** The classification as a tree; with `leavesOnly`, the branches only open and close. */
function specialtyTree(items: readonly Specialty[], leavesOnly: boolean): SpecialtyNode[] {
  const nodes = new Map<string, SpecialtyNode>();
  const roots: SpecialtyNode[] = [];
  // Items come in code order, so a parent is always met before its children.
  for (const item of items) {
    const node: SpecialtyNode = {
      value: item.code,
      title: `${item.name}（${item.code}）`,
      selectable: item.leaf || !leavesOnly,
    };
    nodes.set(item.code, node);
    const parent = item.parentCode === null ? undefined : nodes.get(item.parentCode);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

type Props = Omit<TreeSelectProps, 'treeData' | 'multiple' | 'showSearch' | 'loading'> & {
  /** Experts hold only leaf specialties; a list filter may take a whole branch. */
  leavesOnly?: boolean;
  multiple?: boolean;
  /** Names already on the record, shown while the classification loads. */
  known?: readonly { code: string; name: string }[];
};

const NONE_KNOWN: NonNullable<Props['known']> = [];

/** A picker over the public specialty classification (GET /api/specialties), searchable by name or code. */
export function SpecialtyTreeSelect({
  leavesOnly = false,
  multiple = false,
  known = NONE_KNOWN,
  ...rest
}: Props) {
  const specialties = useQuery({ queryKey: specialtiesKey, queryFn: fetchSpecialties, staleTime: Infinity });
  const items = specialties.data?.items;
  const treeData = useMemo(
    () =>
      items
        ? specialtyTree(items, leavesOnly)
        : known.map((s) => ({ value: s.code, title: `${s.name}（${s.code}）`, selectable: true })),
    [items, known, leavesOnly],
  );
  return (
    <TreeSelect
      treeData={treeData}
      multiple={multiple}
      maxCount={multiple ? 5 : undefined}
      loading={specialties.isPending}
      notFoundContent={specialties.isError ? '专业分类加载失败，请刷新重试' : undefined}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeExpandAction="click"
      placeholder={multiple ? '请选择末级专业，最多 5 个' : '请选择评审专业'}
      popupMatchSelectWidth={false}
      {...rest}
    />
  );
}
