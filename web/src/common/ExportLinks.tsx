import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { withQuery } from '../api/client.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';

/** XLSX and CSV links to an export endpoint, with the parameters of what is on screen. */
export function ExportLinks({
  path,
  params,
  name,
}: {
  path: string;
  params: Record<string, string | number | undefined>;
  name: string;
}) {
  const { m } = useWorkbenchI18n();
  return (
    <Space wrap size={8}>
      {(['xlsx', 'csv'] as const).map((format) => (
        <Button
          key={format}
          size="small"
          icon={<DownloadOutlined aria-hidden />}
          href={withQuery(path, { ...params, format })}
          download
          data-testid={`export-${name}-${format}`}
        >
          {format === 'xlsx' ? m.stats.exportXlsx : m.stats.exportCsv}
        </Button>
      ))}
    </Space>
  );
}
