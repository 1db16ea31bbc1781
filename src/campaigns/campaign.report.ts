import ExcelJS from 'exceljs';
import { Packer } from 'docx';
import type { z } from 'zod';
import type { AnnualReportContent, ReportTable } from '../analytics/annual-report/annual-report-content.ts';
import { annualReportDocument } from '../analytics/annual-report/annual-report-docx.ts';
import { formatDate, formatDateTime, metaLines } from '../analytics/export/table.ts';
import { chineseDate } from '../documents/notice-content.ts';
import type { CampaignSchema } from '../shared/campaign.schema.ts';
import { CAMPAIGN_OUTCOME_LABELS, CAMPAIGN_STATE_LABELS } from '../shared/campaign-labels.ts';

type Campaign = z.output<typeof CampaignSchema>;

/**
 * A campaign's report (issue 14 item 2): title, period, target, progress by unit and by outcome,
 * and the matters with owner and outcome — as an XLSX workbook and as an editable DOCX in the
 * official layout the annual report uses. Built from the campaign as its reader sees it, so a
 * matter the reader may not see is in neither file.
 */

const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
const outcomeZh = (o: string | null | undefined) =>
  o ? CAMPAIGN_OUTCOME_LABELS[o as keyof typeof CAMPAIGN_OUTCOME_LABELS].zh : '未化解';

export const reportTitle = (c: Campaign) => `${c.name}化解情况报告`;

const summaryLine = (c: Campaign) => {
  const p = c.progress;
  return (
    `本次专项行动时间为${chineseDate(c.periodStart)}至${chineseDate(c.periodEnd)}，范围为${c.regionName}` +
    `${c.leadUnitName ? `（牵头单位：${c.leadUnitName}）` : ''}，目标化解率${c.targetPercent}%。` +
    `共纳入积案${p.total}件，已化解${p.resolved}件，化解率${pct(p.share)}，` +
    `${p.reached ? '已达到' : '尚未达到'}目标。当前状态：${CAMPAIGN_STATE_LABELS[c.state].zh}。`
  );
};

const unitRows = (c: Campaign) =>
  c.progress.byUnit.map((u) => [
    u.unitName ?? '未确定牵头单位',
    String(u.total),
    String(u.resolved),
    pct(u.share),
  ]);
const outcomeRows = (c: Campaign) =>
  c.progress.byOutcome.map((o) => [CAMPAIGN_OUTCOME_LABELS[o.outcome].zh, String(o.count)]);
const matterRows = (c: Campaign) =>
  c.matters.map((m, i) => [
    String(i + 1),
    m.caseNumber,
    m.subject,
    m.leadUnitName ?? '',
    m.ownerName ?? '',
    outcomeZh(m.outcome?.outcome),
    m.outcome ? formatDate(new Date(m.outcome.recordedAt)) : '',
  ]);

const MATTER_HEADER = ['序号', '信访件编号', '事项', '牵头单位', '责任人', '化解结果', '登记日期'];

/** The XLSX report: a summary sheet (figures by unit and by outcome) and the list of matters. */
export async function campaignReportXlsx(c: Campaign, exportedAt: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Minsheng 民声';
  wb.created = exportedAt;
  const bold = { font: { bold: true } };
  const summary = wb.addWorksheet('化解进度');
  summary.columns = [{ width: 28 }, { width: 14 }, { width: 14 }, { width: 14 }];
  summary.addRow([reportTitle(c)]).font = { bold: true, size: 14 };
  for (const line of metaLines({
    period: { from: c.periodStart, to: c.periodEnd },
    scope: c.leadUnitName ? `${c.regionName}（牵头单位：${c.leadUnitName}）` : c.regionName,
    exportedAt,
    lines: [
      { label: '目标化解率', value: `${c.targetPercent}%` },
      { label: '状态', value: CAMPAIGN_STATE_LABELS[c.state].zh },
    ],
  }))
    summary.addRow([`${line.label}：${line.value}`]);
  summary.addRow([]);
  summary
    .addRow(['纳入积案（件）', '已化解（件）', '化解率', '是否达到目标'])
    .eachCell((cell) => (cell.style = bold));
  summary.addRow([
    c.progress.total,
    c.progress.resolved,
    c.progress.share ?? null,
    c.progress.reached ? '是' : '否',
  ]);
  summary.getCell(`C${summary.rowCount}`).numFmt = '0.0%';
  summary.addRow([]);
  summary
    .addRow(['牵头单位', '纳入（件）', '已化解（件）', '化解率'])
    .eachCell((cell) => (cell.style = bold));
  for (const u of c.progress.byUnit) {
    summary.addRow([u.unitName ?? '未确定牵头单位', u.total, u.resolved, u.share]);
    summary.getCell(`D${summary.rowCount}`).numFmt = '0.0%';
  }
  summary.addRow([]);
  summary.addRow(['化解方式', '件数']).eachCell((cell) => (cell.style = bold));
  for (const o of c.progress.byOutcome) summary.addRow([CAMPAIGN_OUTCOME_LABELS[o.outcome].zh, o.count]);
  summary.addRow(['注：五种化解方式均计入已化解。']);

  const list = wb.addWorksheet('积案清单');
  list.columns = [6, 24, 40, 22, 12, 18, 12].map((width) => ({ width }));
  list.addRow(MATTER_HEADER).eachCell((cell) => (cell.style = bold));
  for (const row of matterRows(c)) list.addRow([Number(row[0]), ...row.slice(1)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const table = (
  caption: string,
  header: string[],
  rows: string[][],
  widths: number[],
  textColumns: number[],
) =>
  ({
    caption,
    header: [header.map((text) => ({ text }))],
    rows,
    widths,
    textColumns,
    notes: [],
  }) satisfies ReportTable;

/** The DOCX report, in the layout of the annual report (GB/T 9704 page, 仿宋 body, 黑体 headings). */
export async function campaignReportDocx(c: Campaign, issuingBody: string, at: Date): Promise<Buffer> {
  const content: AnnualReportContent = {
    title: reportTitle(c),
    subtitle: `（${chineseDate(c.periodStart)}—${chineseDate(c.periodEnd)}，数据截至${formatDateTime(at)}）`,
    sections: [
      { heading: '一、基本情况', blocks: [{ kind: 'paragraph', text: summaryLine(c) }] },
      {
        heading: '二、分单位化解进度',
        blocks: [
          {
            kind: 'table',
            table: table(
              '表1 分单位化解进度',
              ['牵头单位', '纳入（件）', '已化解（件）', '化解率'],
              unitRows(c),
              [4, 2, 2, 2],
              [0],
            ),
          },
        ],
      },
      {
        heading: '三、分化解方式统计',
        blocks: [
          {
            kind: 'table',
            table: {
              ...table('表2 分化解方式统计', ['化解方式', '件数'], outcomeRows(c), [4, 2], [0]),
              notes: ['五种化解方式均计入已化解。'],
            },
          },
        ],
      },
      {
        heading: '四、积案化解清单',
        blocks: [
          {
            kind: 'table',
            table: table(
              '表3 积案化解清单',
              MATTER_HEADER,
              matterRows(c),
              [1, 4, 6, 3, 2, 3, 3],
              [1, 2, 3, 4, 5],
            ),
          },
        ],
      },
    ],
    issuingBody,
    date: chineseDate(at.toISOString()),
  };
  return Packer.toBuffer(annualReportDocument(content));
}
