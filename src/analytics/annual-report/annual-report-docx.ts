import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
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
} from '../../documents/notice-docx.ts';
import type { AnnualReportContent, ReportBlock, ReportTable } from './annual-report-content.ts';

/*
 * The notices' layout (documents/notice-docx.ts: GB/T 9704 page, 小标宋 title, 仿宋 三号 body on a
 * fixed line, 黑体 first-level headings), with what a report adds: 楷体 second-level headings, tables
 * in 仿宋 五号 with a 黑体 caption above and notes below, page numbers in the footer (— 1 —), and
 * grey hints in the paragraphs the bureau writes. Everything stays ordinary editable Word text.
 */
const FONT_KAITI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '楷体_GB2312' };
const TABLE_SIZE = 21; // half-points: 五号
const CAPTION_SIZE = 24; // 小四
const NOTE_SIZE = 21;
const INDENT = { firstLine: 2 * 16 * PT };
const TABLE_LINE = { line: 300, lineRule: LineRuleType.AUTO, before: 30, after: 30 };

const heading = (text: string, font: typeof FONT_HEADING) =>
  new Paragraph({
    spacing: LINE,
    indent: INDENT,
    keepNext: true,
    children: [new TextRun({ text, font, size: BODY_SIZE })],
  });

const cellParagraph = (text: string, align: 'left' | 'center' | 'right', bold = false) =>
  new Paragraph({
    spacing: TABLE_LINE,
    alignment:
      align === 'left' ? AlignmentType.LEFT : align === 'right' ? AlignmentType.RIGHT : AlignmentType.CENTER,
    children: [new TextRun({ text, font: bold ? FONT_HEADING : FONT_BODY, size: TABLE_SIZE })],
  });

/** Column widths in twips, the text width shared out by the relative widths. */
function columnWidths(t: ReportTable): number[] {
  const sum = t.widths.reduce((a, b) => a + b, 0);
  return t.widths.map((w) => Math.floor((TEXT_WIDTH * w) / sum));
}

function table(t: ReportTable): (Paragraph | Table)[] {
  const widths = columnWidths(t);
  const header = t.header.map(
    (cells) =>
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: cells.map(
          (c) =>
            new TableCell({
              ...(c.colSpan ? { columnSpan: c.colSpan } : {}),
              ...(c.rowSpan ? { rowSpan: c.rowSpan } : {}),
              verticalAlign: VerticalAlign.CENTER,
              children: [cellParagraph(c.text, 'center', true)],
            }),
        ),
      }),
  );
  // Names on the left, figures on the right, as in a printed table; a number or a year first is centred.
  const body = t.rows.map(
    (cells) =>
      new TableRow({
        cantSplit: true,
        children: cells.map(
          (text, i) =>
            new TableCell({
              verticalAlign: VerticalAlign.CENTER,
              children: [
                cellParagraph(text, t.textColumns.includes(i) ? 'left' : i === 0 ? 'center' : 'right'),
              ],
            }),
        ),
      }),
  );
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120, after: 60 },
      keepNext: true,
      children: [new TextRun({ text: t.caption, font: FONT_HEADING, size: CAPTION_SIZE })],
    }),
    new Table({
      rows: [...header, ...body],
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
      margins: { left: 60, right: 60 },
    }),
    ...t.notes.map(
      (n, i) =>
        new Paragraph({
          spacing: { line: 300, lineRule: LineRuleType.AUTO, before: i === 0 ? 60 : 0 },
          alignment: AlignmentType.JUSTIFIED,
          children: [new TextRun({ text: i === 0 ? `注：${n}` : n, font: FONT_BODY, size: NOTE_SIZE })],
        }),
    ),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ];
}

function block(b: ReportBlock): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'paragraph':
      return [bodyParagraph(b.text)];
    case 'subheading':
      return [heading(b.text, FONT_KAITI)];
    case 'table':
      return table(b.table);
    case 'fill':
      return [
        new Paragraph({
          spacing: LINE,
          indent: INDENT,
          children: [run(b.hint, { color: '808080' })],
        }),
        new Paragraph({ spacing: LINE, indent: INDENT, children: [] }),
      ];
  }
}

/** The report as a Word document (the object; Packer turns it into bytes). */
export function annualReportDocument(c: AnnualReportContent): Document {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: Math.round(36 * PT), lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text: c.title, font: FONT_TITLE, size: TITLE_SIZE, bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: LINE,
      children: [new TextRun({ text: c.subtitle, font: FONT_KAITI, size: CAPTION_SIZE })],
    }),
    new Paragraph({ spacing: LINE, children: [] }),
  ];
  for (const s of c.sections) {
    children.push(heading(s.heading, FONT_HEADING));
    for (const b of s.blocks) children.push(...block(b));
  }
  children.push(
    new Paragraph({ spacing: LINE, children: [] }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: LINE,
      indent: { right: 2 * 16 * PT },
      children: [run(c.issuingBody)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: LINE,
      indent: { right: 2 * 16 * PT },
      children: [run(c.date)],
    }),
  );
  return new Document({
    creator: 'Minsheng 民声',
    title: c.title,
    sections: [
      {
        properties: { page: PAGE },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    font: FONT_BODY,
                    size: 28,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
}

/** The DOCX bytes of a report. Pure: content in, bytes out. */
export async function buildAnnualReportDocx(c: AnnualReportContent): Promise<Buffer> {
  return Packer.toBuffer(annualReportDocument(c));
}
