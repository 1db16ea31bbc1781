import {
  BorderStyle,
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  Paragraph,
  TextRun,
  type IRunOptions,
} from 'docx';
import { noticeContent, type NoticeContent, type NoticeData, type NoticeKind } from './notice-content.ts';

/*
 * Layout after GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm, title in 小标宋 二号
 * (22 pt) centred, body in 仿宋 三号 (16 pt) on a fixed 28.95 pt line (22 lines a page), first lines
 * indented by two characters, first-level headings in 黑体, signature and date right-aligned
 * under the seal.
 */
export const MM = 56.7; // twips per millimetre
export const PT = 20; // twips per point
export const LINE = { line: Math.round(28.95 * PT), lineRule: LineRuleType.EXACT };
export const BODY_SIZE = 32; // half-points: 三号
export const TITLE_SIZE = 44; // 二号

export const FONT_TITLE = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '方正小标宋简体' };
export const FONT_BODY = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
export const FONT_HEADING = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };

/** A4 with the margins of GB/T 9704. */
export const PAGE = {
  size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
  margin: {
    top: Math.round(37 * MM),
    bottom: Math.round(35 * MM),
    left: Math.round(28 * MM),
    right: Math.round(26 * MM),
  },
};

/** The width between the margins, which a full-width table spans. */
export const TEXT_WIDTH = Math.round((210 - 28 - 26) * MM);

/** The thin black rule of a table in an official document. */
export const TABLE_BORDER = { style: BorderStyle.SINGLE, size: 6, color: '000000' };

export const run = (text: string, extra: Partial<IRunOptions> = {}) =>
  new TextRun({ text, font: FONT_BODY, size: BODY_SIZE, ...extra });

export const bodyParagraph = (text: string) =>
  new Paragraph({
    spacing: LINE,
    indent: { firstLine: 2 * 16 * PT },
    alignment: AlignmentType.JUSTIFIED,
    children: [run(text)],
  });

/** Renders the notice content as a Word document (the object; Packer turns it into bytes). */
export function noticeDocument(c: NoticeContent): Document {
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...LINE, before: 0, after: 0 },
      children: [run(c.docNumber)],
    }),
    new Paragraph({ spacing: LINE, children: [] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: Math.round(36 * PT), lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text: c.title, font: FONT_TITLE, size: TITLE_SIZE, bold: true })],
    }),
    new Paragraph({ spacing: LINE, children: [] }),
    new Paragraph({ spacing: LINE, children: [run(c.addressee)] }),
  ];
  for (const s of c.sections) {
    if (s.heading) {
      children.push(
        new Paragraph({
          spacing: LINE,
          indent: { firstLine: 2 * 16 * PT },
          children: [new TextRun({ text: s.heading, font: FONT_HEADING, size: BODY_SIZE })],
        }),
      );
    }
    for (const p of s.paragraphs) children.push(bodyParagraph(p));
  }
  children.push(bodyParagraph(c.closing));
  children.push(new Paragraph({ spacing: LINE, children: [] }));
  // Seal area: the seal covers the issuing body and the date (GB/T 9704 §7.3.5.1).
  children.push(
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: LINE,
      indent: { right: 4 * 16 * PT },
      children: [run('（印章）', { color: '999999' })],
    }),
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
    title: `${c.title} ${c.caseNumber}`,
    description: c.footer,
    sections: [
      {
        properties: { page: PAGE },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ text: c.footer, font: FONT_BODY, size: 21 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
}

/** The DOCX bytes of one notice. Pure: plain data in, no database, no clock. */
export async function buildNoticeDocx(kind: NoticeKind, data: NoticeData): Promise<Buffer> {
  return Packer.toBuffer(noticeDocument(noticeContent(kind, data)));
}

const FILE_TITLES: Record<NoticeKind, string> = {
  acceptance: '受理告知书',
  non_acceptance: '不予受理告知书',
  extension: '延期告知书',
  reply: '信访处理意见书',
  review: '复查意见书',
  recheck: '复核意见书',
};

/** A file name for the download, e.g. "信访处理意见书-SZ2026000123.docx". */
export const noticeFilename = (kind: NoticeKind, caseNumber: string) =>
  `${FILE_TITLES[kind]}-${caseNumber}.docx`;
