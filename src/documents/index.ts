export {
  NOTICE_KINDS,
  noticeContent,
  chineseDate,
  type NoticeContent,
  type NoticeData,
  type NoticeKind,
  type NoticeSection,
} from './notice-content.ts';
export { noticeDataFromMatter, type MatterForNotice } from './from-matter.ts';
export { buildNoticeDocx, noticeDocument, noticeFilename } from './notice-docx.ts';
