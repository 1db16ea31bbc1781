import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Space } from 'antd';
import { api, withQuery } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { errorText } from '../common/errors.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** The pieces every tab of the statistics page uses: its query, its exports, its error. */

export type Params = Record<string, string | number | undefined>;

/** One statistics answer through the query cache; the previous answer stays while the next loads. */
export function useStats<T>(kind: string, path: string, params: Params, enabled = true) {
  return useQuery({
    queryKey: keys.stats(kind, params),
    queryFn: () => api.get<T>(path, params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** XLSX and CSV links to an export endpoint with the figures' own parameters. */
export function ExportLinks({ path, params, name }: { path: string; params: Params; name: string }) {
  const { m } = useI18n();
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

export function ErrorAlert({ error }: { error: unknown }) {
  const { m, lang } = useI18n();
  if (!error) return null;
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      title={errorText(error, lang, m)}
      style={{ marginBottom: 12 }}
      data-testid="stats-error"
    />
  );
}
