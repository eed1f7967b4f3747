import { WifiOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import {
  NOTICE_KIND_LABELS,
  portalNoticePage,
  publicPurchaserList,
} from '../../../../src/modules/disclosure/portal/contract.ts';
import { api } from '../../api.ts';
import { formatTime } from '../../shared/format.ts';
import { categoryLabels, optionsOf } from '../../shared/labels.ts';
import { PagedTable, SearchFilter, SelectFilter } from '../../shared/PagedTable.tsx';
import { usePagedList } from '../../shared/usePagedList.ts';
import { methodLabels } from '../tendering/api.ts';
import { feedUrl } from './api.ts';
import { noticeKindColors } from './noticeColors.ts';
import { PortalLayout } from './PortalLayout.tsx';

type Notice = z.infer<typeof portalNoticePage>['items'][number];

const columns: TableColumnsType<Notice> = [
  {
    title: '类型',
    dataIndex: 'kindLabel',
    key: 'kindLabel',
    render: (v: string, r) => <Tag color={noticeKindColors[r.kind]}>{v}</Tag>,
  },
  {
    title: '公告标题',
    dataIndex: 'title',
    key: 'title',
    render: (v: string, r) => (
      <Link to={`/notices/${r.id}`} data-testid="notice-link">
        {v}
      </Link>
    ),
  },
  {
    title: '采购单位',
    dataIndex: 'purchaserNames',
    key: 'purchaserNames',
    render: (v: string[]) => v.join('、') || '—',
  },
  {
    title: '类别 / 方式',
    key: 'categoryMethod',
    render: (_: unknown, r) => `${r.categoryLabel} · ${r.methodLabel}`,
  },
  {
    title: '项目编号',
    dataIndex: 'projectCode',
    key: 'projectCode',
    render: (v: string, r) => <Link to={`/projects/${r.projectId}`}>{v}</Link>,
  },
  { title: '发布时间', dataIndex: 'publishedAt', key: 'publishedAt', render: (v: string) => formatTime(v) },
];

type Filters = {
  q: string | undefined;
  kind: string | undefined;
  category: string | undefined;
  method: string | undefined;
  purchaserId: string | undefined;
  from: string | undefined;
  to: string | undefined;
};

/**
 * 采购公告: every published notice, newest first, searchable by title, purchaser, supplier, item or project code
 * (Chinese words of two characters or more are matched as written, a single character by prefix), and
 * filterable by type, category, method, purchaser and date. `?kind=` and `?q=` in the address preset the list.
 */
export function NoticesPage() {
  const [params] = useSearchParams();
  const initialKind = params.get('kind') ?? undefined;
  const initialQ = params.get('q') ?? undefined;
  const list = usePagedList<typeof portalNoticePage, Filters>('/api/portal/notices', portalNoticePage, {
    q: initialQ,
    kind: initialKind,
    category: undefined,
    method: undefined,
    purchaserId: undefined,
    from: undefined,
    to: undefined,
  });
  const units = useQuery({
    queryKey: ['/api/portal/purchasers'],
    queryFn: () => api('/api/portal/purchasers', publicPurchaserList),
    staleTime: 300_000,
  });
  return (
    <PortalLayout>
      <Card
        title="采购公告"
        extra={
          <Button
            type="link"
            icon={<WifiOutlined />}
            href={feedUrl(list.filters.kind)}
            target="_blank"
            data-testid="notices-feed"
          >
            Atom 订阅
          </Button>
        }
      >
        <PagedTable
          list={list}
          columns={columns}
          locale={{ emptyText: list.filters.q ? `没有与“${list.filters.q}”相符的公告` : '暂无采购公告' }}
          onRow={() => ({ 'data-testid': 'notice-row' }) as object}
          filters={
            <>
              <SearchFilter
                placeholder="标题、采购单位、供应商、品目或项目编号"
                width={320}
                defaultValue={initialQ}
                onSearch={(v) => list.setFilter('q', v)}
              />
              <Select
                placeholder="全部类型"
                allowClear
                style={{ width: 170 }}
                defaultValue={initialKind}
                options={optionsOf(NOTICE_KIND_LABELS)}
                onChange={(v: string | undefined) => list.setFilter('kind', v)}
                data-testid="filter-kind"
              />
              <SelectFilter
                placeholder="全部类别"
                width={110}
                options={optionsOf(categoryLabels)}
                onChange={(v) => list.setFilter('category', v)}
              />
              <SelectFilter
                placeholder="全部方式"
                width={130}
                options={optionsOf(methodLabels)}
                onChange={(v) => list.setFilter('method', v)}
              />
              <Select
                placeholder="全部采购单位"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: 220 }}
                loading={units.isPending}
                options={units.data?.items.map((u) => ({ value: u.id, label: u.name }))}
                onChange={(v: string | undefined) => list.setFilter('purchaserId', v)}
              />
              <DatePicker.RangePicker
                placeholder={['发布日期起', '发布日期止']}
                onChange={(_, [from, to]) => {
                  list.setFilter('from', from || undefined);
                  list.setFilter('to', to || undefined);
                }}
              />
            </>
          }
        />
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          检索说明：两个字及以上的中文词按原文连续匹配，单个汉字匹配以该字开头的词；多个词以空格分隔时须同时出现。供应商名称自中标（成交）结果公告起可检索。
          也可查看 <Link to="/half-year">半年公告</Link>（每半年全部采购项目一览）。
        </Typography.Paragraph>
      </Card>
    </PortalLayout>
  );
}
