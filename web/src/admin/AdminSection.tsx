import { Alert, Button, Input, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { errorText } from '../common/errors.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';

export function AdminSection<T extends object>({
  rows,
  columns,
  loading,
  error,
  rowKey,
  onAdd,
  toolbar,
  paging,
  searchLabel,
  onSearch,
}: {
  rows: T[];
  columns: TableColumnsType<T>;
  loading: boolean;
  error: unknown;
  rowKey: string | ((r: T) => string | number);
  onAdd?: () => void;
  toolbar?: ReactNode;
  /** Server-side pages; without it the table pages the rows it has. */
  paging?: { page: number; total: number; pageSize: number; onChange: (page: number) => void };
  searchLabel?: string;
  onSearch?: (text: string) => void;
}) {
  const { m, lang } = useWorkbenchI18n();
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        {onAdd && (
          <Button type="primary" onClick={onAdd}>
            {m.common.add}
          </Button>
        )}
        {onSearch && (
          <Input.Search
            allowClear
            aria-label={searchLabel}
            placeholder={searchLabel}
            onSearch={onSearch}
            style={{ width: 280 }}
          />
        )}
        {toolbar}
      </Space>
      {error !== null && (
        <Alert role="alert" type="error" title={errorText(error, lang, m)} style={{ marginBottom: 12 }} />
      )}
      <Table<T>
        size="small"
        rowKey={rowKey}
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={
          paging
            ? {
                current: paging.page,
                total: paging.total,
                pageSize: paging.pageSize,
                showSizeChanger: false,
                showTotal: (n) => m.common.total(n),
                onChange: paging.onChange,
              }
            : { pageSize: 20, showSizeChanger: false }
        }
        scroll={{ x: 800 }}
      />
    </div>
  );
}
