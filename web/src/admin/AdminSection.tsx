import { Alert, Button, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { errorText } from '../common/errors.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function AdminSection<T extends object>({
  rows,
  columns,
  loading,
  error,
  rowKey,
  onAdd,
  toolbar,
}: {
  rows: T[];
  columns: TableColumnsType<T>;
  loading: boolean;
  error: unknown;
  rowKey: string | ((r: T) => string | number);
  onAdd?: () => void;
  toolbar?: ReactNode;
}) {
  const { m, lang } = useI18n();
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        {onAdd && (
          <Button type="primary" onClick={onAdd}>
            {m.common.add}
          </Button>
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
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 800 }}
      />
    </div>
  );
}
