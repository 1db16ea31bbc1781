import { Link } from '@tanstack/react-router';
import { Table, type TableColumnsType } from 'antd';
import { VOLUME_DEFINITIONS } from '../../../src/shared/stats-definitions.ts';
import { DIMENSION_LABELS } from '../../../src/shared/stats-labels.ts';
import { VOLUME_FIGURES, volumeDrillDown, type VolumeFigure } from '../../../src/shared/stats-drill-down.ts';
import { yearOnYear, type VolumeRow, type VolumeTable } from '../../../src/shared/stats.schema.ts';
import { UnitName } from '../common/UnitName.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { DefinitionTip } from './DefinitionTip.tsx';
import { fmtChange, fmtCount } from './format.ts';

/** Splits whose row labels are names kept in Chinese only (regions, units). */
const NAMED = new Set(['region', 'unit']);

/**
 * The volume table: per row 件次, 人次, 来访批次/人次, 集体访批次/人次, each with the same days a year
 * before and the signed change, the total last. Every figure is a link to the queue listing the
 * matters it counts (src/shared/stats-drill-down.ts).
 */
export function VolumeTableView({
  table,
  loading,
  linkable = true,
}: {
  table: VolumeTable | undefined;
  loading: boolean;
  /** Whether the user may open the queue (an administrator reads figures but lists no matters). */
  linkable?: boolean;
}) {
  const { m, lang } = useWorkbenchI18n();
  const rows: VolumeRow[] = table ? [...table.rows, table.total] : [];
  const rowName = (r: VolumeRow) =>
    r.key === null ? m.stats.total : lang === 'zh' ? r.label : r.labelEn || r.label;

  const cell = (r: VolumeRow, f: VolumeFigure, previous: boolean) => {
    if (!table) return null;
    const value = previous ? r.previous[f] : r[f];
    const search = volumeDrillDown(table, r, f, previous);
    const text = fmtCount(value, lang);
    if (!search || !linkable) return text;
    const figure = VOLUME_DEFINITIONS[f].label[lang];
    return (
      <Link
        to="/queue"
        search={search}
        aria-label={m.stats.cellLink(rowName(r), figure, previous ? m.stats.previous : m.stats.current, text)}
        data-testid={`cell-${r.key ?? 'total'}-${f}${previous ? '-previous' : ''}`}
      >
        {text}
      </Link>
    );
  };

  const byLabel = table?.by ? DIMENSION_LABELS[table.by][lang] : m.stats.scope;
  const columns: TableColumnsType<VolumeRow> = [
    {
      title: byLabel,
      key: 'label',
      fixed: 'left',
      width: 150,
      render: (_: unknown, r) =>
        r.key !== null && table?.by && NAMED.has(table.by) && lang === 'en' ? (
          <UnitName name={rowName(r)} />
        ) : (
          rowName(r)
        ),
    },
    ...VOLUME_FIGURES.map((f) => {
      const def = VOLUME_DEFINITIONS[f];
      return {
        title: (
          <span style={{ whiteSpace: 'nowrap' }}>
            {def.label[lang]}
            <DefinitionTip label={def.label[lang]} definition={def.definition[lang]} />
          </span>
        ),
        key: f,
        children: [
          {
            title: m.stats.current,
            key: `${f}-current`,
            className: 'ms-num',
            width: 72,
            render: (_: unknown, r: VolumeRow) => cell(r, f, false),
          },
          {
            title: m.stats.previous,
            key: `${f}-previous`,
            className: 'ms-num',
            width: 92,
            render: (_: unknown, r: VolumeRow) => cell(r, f, true),
          },
          {
            title: m.stats.yoy,
            key: `${f}-yoy`,
            className: 'ms-num',
            width: 84,
            render: (_: unknown, r: VolumeRow) => {
              const change = yearOnYear(r[f], r.previous[f]);
              return (
                <span
                  className={
                    change === null || change === 0
                      ? undefined
                      : change > 0
                        ? 'ms-change-up'
                        : 'ms-change-down'
                  }
                >
                  {fmtChange(r[f], r.previous[f])}
                </span>
              );
            },
          },
        ],
      };
    }),
  ];

  return (
    <div data-testid="volume-table">
      <Table<VolumeRow>
        className="ms-stats-table"
        size="small"
        bordered
        rowKey={(r) => r.key ?? '__total'}
        loading={loading}
        dataSource={rows}
        columns={columns}
        pagination={false}
        scroll={{ x: 1660 }}
        rowClassName={(r) => (r.key === null ? 'ms-total-row' : '')}
        locale={{ emptyText: m.stats.empty }}
      />
    </div>
  );
}
