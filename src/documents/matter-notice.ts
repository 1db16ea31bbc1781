import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { AppError } from '../errors/app-error.ts';
import { getMatter } from '../lifecycle/matter.queries.ts';
import { noticeDataFromMatter } from './from-matter.ts';
import type { NoticeKind } from './notice-content.ts';
import { buildNoticeDocx, noticeFilename } from './notice-docx.ts';

/** One notice of a matter the user may see, as DOCX; a 404 until the step that issues it has happened. */
export async function matterNoticeDocx(
  ctx: AppContext,
  user: StaffUser,
  matterId: number,
  kind: NoticeKind,
): Promise<{ docx: Buffer; filename: string }> {
  const detail = await getMatter(ctx, user, matterId);
  const data = noticeDataFromMatter(kind, detail);
  if (!data) throw new AppError('not_found', '该事项尚无此类文书', 'This matter has no such notice yet');
  return { docx: await buildNoticeDocx(kind, data), filename: noticeFilename(kind, detail.caseNumber) };
}
