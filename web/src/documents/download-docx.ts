import { Packer } from 'docx';
import { noticeContent, type NoticeData, type NoticeKind } from '../../../src/documents/notice-content.ts';
import { noticeDocument, noticeFilename } from '../../../src/documents/notice-docx.ts';

/** Builds the notice as DOCX in the browser (loaded on demand: docx is large) and saves it. */
export async function downloadNoticeDocx(kind: NoticeKind, data: NoticeData): Promise<void> {
  const blob = await Packer.toBlob(noticeDocument(noticeContent(kind, data)));
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = noticeFilename(kind, data.caseNumber);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
