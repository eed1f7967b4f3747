import { Card, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import { noticePage } from '../../../../src/modules/tendering/contract.ts';
import { formatTime } from '../../shared/format.ts';
import { optionsOf } from '../../shared/labels.ts';
import { PagedTable, SearchFilter, SelectFilter } from '../../shared/PagedTable.tsx';
import { usePagedList } from '../../shared/usePagedList.ts';
import { noticeKindLabels } from '../tendering/api.ts';
import { PortalLayout } from './PortalLayout.tsx';

type Notice = z.infer<typeof noticePage>['items'][number];

export const noticeKindColors: Record<string, string> = {
  prequalification: 'cyan',
  tender: 'blue',
  invitation: 'geekblue',
  correction: 'orange',
  termination: 'red',
  failure: 'volcano',
  result: 'green',
  contract: 'purple',
  acceptance: 'lime',
};

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
    render: (v: string, r) => <Link to={`/notices/${r.id}`}>{v}</Link>,
  },
  { title: '项目编号', dataIndex: 'projectCode', key: 'projectCode' },
  { title: '发布时间', dataIndex: 'publishedAt', key: 'publishedAt', render: (v: string) => formatTime(v) },
];

/** 采购公告: every published notice (tender, invitation, correction, termination), newest first. */
export function NoticesPage() {
  const list = usePagedList<typeof noticePage, { kind: string | undefined; q: string | undefined }>(
    '/api/portal/notices',
    noticePage,
    { kind: undefined, q: undefined },
  );
  return (
    <PortalLayout>
      <Card title="采购公告">
        <PagedTable
          list={list}
          columns={columns}
          locale={{ emptyText: '暂无采购公告' }}
          filters={
            <>
              <SearchFilter
                placeholder="公告标题或项目编号"
                width={260}
                onSearch={(v) => list.setFilter('q', v)}
              />
              <SelectFilter
                placeholder="全部类型"
                width={160}
                options={optionsOf(noticeKindLabels)}
                onChange={(v) => list.setFilter('kind', v)}
              />
            </>
          }
        />
      </Card>
    </PortalLayout>
  );
}
