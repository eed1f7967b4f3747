import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useNavigate } from 'react-router-dom';
import { intermediaryPage } from '../../../../src/modules/orgs/intermediaries/contract.ts';
import { intermediariesPath } from '../orgs/api.ts';
import { intermediaryColumns } from '../orgs/IntermediariesPage.tsx';
import { serviceCategoryOptions } from '../orgs/serviceCategories.ts';
import { PagedTable, SearchFilter, SelectFilter } from '../../shared/PagedTable.tsx';
import { usePagedList } from '../../shared/usePagedList.ts';
import { PortalLayout } from './PortalLayout.tsx';

type Filters = { q: string | undefined; category: string | undefined };

/** The public directory: the server lists only approved intermediaries to visitors. */
export function IntermediaryDirectoryPage() {
  const navigate = useNavigate();
  const list = usePagedList<typeof intermediaryPage, Filters>(intermediariesPath, intermediaryPage, {
    q: undefined,
    category: undefined,
  });

  return (
    <PortalLayout>
      <Card
        title="中介机构名录"
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => void navigate('/intermediaries/register')}
          >
            中介机构入驻
          </Button>
        }
      >
        <PagedTable
          list={list}
          columns={intermediaryColumns}
          locale={{ emptyText: '暂无入驻的中介机构' }}
          filters={
            <>
              <SearchFilter placeholder="机构名称" width={240} onSearch={(v) => list.setFilter('q', v)} />
              <SelectFilter
                placeholder="全部服务类别"
                width={180}
                options={serviceCategoryOptions}
                onChange={(v) => list.setFilter('category', v)}
              />
            </>
          }
        />
      </Card>
    </PortalLayout>
  );
}
