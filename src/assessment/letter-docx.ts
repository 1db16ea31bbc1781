import {
  AlignmentType,
  BorderStyle,
  Document,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import {
  BODY_SIZE,
  FONT_BODY,
  FONT_HEADING,
  FONT_TITLE,
  LINE,
  PAGE,
  PT,
  TABLE_BORDER,
  TEXT_WIDTH,
  TITLE_SIZE,
  bodyParagraph,
  run,
} from '../documents/notice-docx.ts';
import type { Letter } from '../shared/assessment.schema.ts';
import { INDICATOR_DEFINITIONS } from '../shared/stats-definitions.ts';

/*
 * The letter in the notices' official layout (documents/notice-docx.ts: GB/T 9704 page, 文号 above
 * a 小标宋 title, 仿宋 三号 body, 黑体 headings), with the targets as a ruled table and the two
 * signature blocks side by side: the bureau's on the left, the unit's on the right, each with its
 * signatory and date. Plain data in, bytes out.
 */
const TABLE_SIZE = 24; // 小四
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

/** 0.95 → 95%, 0.9525 → 95.25%. */
export const percent = (ratio: number) => `${Number((ratio * 100).toFixed(2))}%`;

const heading = (text: string) =>
  new Paragraph({
    spacing: LINE,
    indent: { firstLine: 2 * 16 * PT },
    keepNext: true,
    children: [new TextRun({ text, font: FONT_HEADING, size: BODY_SIZE })],
  });

const cell = (text: string, bold = false, align: 'left' | 'center' = 'center') =>
  new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    children: [
      new Paragraph({
        alignment: align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: { line: 360, lineRule: LineRuleType.AUTO, before: 40, after: 40 },
        children: [new TextRun({ text, font: bold ? FONT_HEADING : FONT_BODY, size: TABLE_SIZE })],
      }),
    ],
  });

function targetsTable(l: Letter): Table {
  const rows = l.targets.map(
    (t, i) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(String(i + 1)),
          cell(INDICATOR_DEFINITIONS[t.indicator].label.zh, false, 'left'),
          cell(`${t.ceiling ? '不高于' : '不低于'}${percent(t.target)}`),
        ],
      }),
  );
  const widths = [0.12, 0.5, 0.38].map((w) => Math.floor(TEXT_WIDTH * w));
  return new Table({
    rows: [
      new TableRow({
        tableHeader: true,
        children: [cell('序号', true), cell('考核指标', true), cell('年度目标', true)],
      }),
      ...rows,
    ],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: TABLE_BORDER,
      bottom: TABLE_BORDER,
      left: TABLE_BORDER,
      right: TABLE_BORDER,
      insideHorizontal: TABLE_BORDER,
      insideVertical: TABLE_BORDER,
    },
  });
}

const line = (text: string) => new Paragraph({ spacing: LINE, children: [run(text)] });

/** The two signature blocks, side by side, without rules. */
function signatures(l: Letter): Table {
  const dated = (d: string | null) =>
    d ? `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8))}日` : '年　月　日';
  const block = (party: string, unit: string, who: string, date: string) =>
    new TableCell({
      children: [line(party), line(unit), line(`签字：${who}`), line(date)],
    });
  const unitSigner = l.unitSignatory ? `${l.unitSignatory.title} ${l.unitSignatory.name}` : '';
  return new Table({
    rows: [
      new TableRow({
        children: [
          block(
            '甲方（盖章）：',
            l.issuerUnitName,
            `${l.bureauSignatory.title} ${l.bureauSignatory.name}`,
            dated(l.signedOn),
          ),
          block('乙方（盖章）：', l.unitName, unitSigner, dated(l.signedOn)),
        ],
      }),
    ],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [Math.floor(TEXT_WIDTH / 2), Math.floor(TEXT_WIDTH / 2)],
    layout: TableLayoutType.FIXED,
    borders: {
      top: NONE,
      bottom: NONE,
      left: NONE,
      right: NONE,
      insideHorizontal: NONE,
      insideVertical: NONE,
    },
  });
}

/** The letter as a Word document (the object; Packer turns it into bytes). */
export function letterDocument(l: Letter): Document {
  const children: (Paragraph | Table)[] = [];
  if (l.docNumber)
    children.push(
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: LINE, children: [run(l.docNumber)] }),
    );
  children.push(
    new Paragraph({ spacing: LINE, children: [] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: Math.round(36 * PT), lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text: l.title, font: FONT_TITLE, size: TITLE_SIZE, bold: true })],
    }),
    new Paragraph({ spacing: LINE, children: [] }),
    new Paragraph({ spacing: LINE, children: [run(`责任单位：${l.unitName}`)] }),
    heading('一、工作责任'),
    ...l.body.split(/\n+/).map((p) => bodyParagraph(p)),
    heading(`二、${l.year}年度考核目标`),
    bodyParagraph(
      '以下指标按信访信息系统登记的记录，依统计口径计算；考核只评价信访事项的办理质量和效率，' +
        '不以信访人数、来访批次或越级信访的件数作为控制指标。',
    ),
    targetsTable(l),
    new Paragraph({ spacing: LINE, children: [] }),
    heading('三、考核与责任追究'),
    bodyParagraph(
      '年度终了，信访工作机构依本责任书的目标对责任单位进行考核，考核结果封存并排名通报；' +
        '对未履行信访工作职责的，依照《信访工作条例》第四十五条至第四十八条追究责任。',
    ),
    bodyParagraph('本责任书一式两份，甲乙双方各执一份，自签订之日起生效。'),
    new Paragraph({ spacing: LINE, children: [] }),
    signatures(l),
  );
  return new Document({
    creator: 'Minsheng 民声',
    title: `${l.title} ${l.unitName}`,
    sections: [{ properties: { page: PAGE }, children }],
  });
}

export async function buildLetterDocx(l: Letter): Promise<Buffer> {
  return Packer.toBuffer(letterDocument(l));
}

export const letterFilename = (l: Letter) => `${l.title}-${l.unitName}.docx`;
