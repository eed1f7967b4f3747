import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Result, Skeleton } from 'antd';
import { ApiError, errorMessage } from '../../api.ts';
import { fetchMySupplier, mySupplierKey, suppliersKey, type SupplierRead } from './api.ts';
import {
  BankAccountsEditor,
  BasicInfoEditor,
  ContactsEditor,
  PeopleEditor,
  QualificationsEditor,
} from './SupplierEditors.tsx';
import { SupplierFlags, SupplierTabs } from './SupplierRecord.tsx';

/** The supplier's own record: the server answers only for a supplier's account, so it also guards the page. */
export function MySupplierPage() {
  const queryClient = useQueryClient();
  const record = useQuery({ queryKey: mySupplierKey, queryFn: fetchMySupplier, retry: false });

  const saved = (next: SupplierRead) => {
    queryClient.setQueryData(mySupplierKey, next);
    void queryClient.invalidateQueries({ queryKey: suppliersKey, predicate: (q) => q.queryKey[1] !== 'me' });
  };

  if (record.error instanceof ApiError && (record.error.status === 403 || record.error.status === 404)) {
    return <Result status="403" title="无权访问" subTitle={record.error.message} />;
  }

  const data = record.data;
  const editable = data?.detail === true && data.abilities.includes('update');

  return (
    <Card title="本单位资料" extra={data && <SupplierFlags record={data} />}>
      {record.isError && <Alert type="error" showIcon title={errorMessage(record.error)} />}
      {record.isPending && <Skeleton active />}
      {data?.status === 'pending' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="supplier-banner"
          title="本单位资料待审核"
          description="采购中心审核通过后，方可参加政府采购活动。审核期间仍可完善资料。"
        />
      )}
      {data?.status === 'rejected' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="supplier-banner"
          title="本单位资料未通过审核"
          description={
            data.detail && data.reviewNote
              ? `驳回理由：${data.reviewNote}。请按要求修改后保存，资料将重新提交审核。`
              : '请按要求修改后保存，资料将重新提交审核。'
          }
        />
      )}
      {data &&
        (data.detail && editable ? (
          <SupplierTabs
            record={data}
            edit={{
              basic: <BasicInfoEditor key={data.status} record={data} onSaved={saved} />,
              people: <PeopleEditor record={data} onSaved={saved} />,
              accounts: <BankAccountsEditor record={data} onSaved={saved} />,
              contacts: <ContactsEditor record={data} onSaved={saved} />,
              qualifications: <QualificationsEditor record={data} onSaved={saved} />,
            }}
          />
        ) : (
          <SupplierTabs record={data} />
        ))}
    </Card>
  );
}
