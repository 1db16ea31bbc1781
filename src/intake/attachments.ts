import type { AppContext } from '../app/context.ts';
import { appendEvents, matterStream } from '../audit/event-log.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { lockMatter, matterFacts } from '../lifecycle/matter.repository.ts';
import { canSeeMatter } from '../lifecycle/policy.ts';
import { LIMITS } from '../shared/enums.ts';

/** The first bytes each allowed type must start with: the declared type alone is not trusted. */
function sniff(mime: string, b: Buffer): boolean {
  switch (mime) {
    case 'application/pdf':
      return b.subarray(0, 5).toString('latin1') === '%PDF-';
    case 'image/png':
      return b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'image/jpeg':
      return b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
      return b[0] === 0x50 && b[1] === 0x4b;
    case 'text/plain':
      return !b.includes(0);
    default:
      return false;
  }
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const safeName = (name: string) => name.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'attachment';

export async function addAttachment(
  ctx: AppContext,
  user: StaffUser | null,
  matterId: number,
  file: { filename: string; mimeType: string; bytes: Buffer },
) {
  if (!(LIMITS.attachmentMimeTypes as readonly string[]).includes(file.mimeType)) {
    throw new AppError(
      'unsupported_media_type',
      '附件类型不支持（仅限PDF、JPEG、PNG、TXT、DOCX）',
      'Unsupported attachment type (PDF, JPEG, PNG, TXT, DOCX only)',
      [{ path: 'file', message_zh: '附件类型不支持', message_en: 'unsupported type' }],
    );
  }
  if (file.bytes.length === 0 || !sniff(file.mimeType, file.bytes)) {
    throw new AppError(
      'validation_failed',
      '附件内容与声明的类型不符或为空',
      'The file is empty or does not match its declared type',
      [{ path: 'file', message_zh: '文件内容与类型不符', message_en: 'content does not match the type' }],
    );
  }
  if (file.bytes.length > LIMITS.attachmentMaxBytes) {
    throw new AppError('payload_too_large', '附件不得超过10MB', 'An attachment is at most 10 MB');
  }
  const stored = await ctx.attachments.put(file.bytes);
  return ctx.db.transaction().execute(async (trx) => {
    const m = await lockMatter(trx, matterId);
    if (!m || (user && !canSeeMatter(user, m.facts))) throw notFound('信访事项', 'Matter');
    const count = await trx
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('matter_id', '=', matterId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= LIMITS.attachmentsPerMatter) {
      throw new AppError(
        'limit_exceeded',
        `每件最多${LIMITS.attachmentsPerMatter}个附件`,
        `At most ${LIMITS.attachmentsPerMatter} attachments per matter`,
      );
    }
    const row = await trx
      .insertInto('attachments')
      .values({
        matter_id: matterId,
        filename: safeName(file.filename),
        mime_type: file.mimeType,
        size_bytes: stored.size,
        sha256: stored.sha256,
        storage_key: stored.storageKey,
        uploaded_at: ctx.clock(),
        uploaded_by: user?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendEvents(
      trx,
      { stream: matterStream(matterId), matterId },
      user
        ? { kind: 'staff', userId: user.id, unitId: user.unit.id }
        : { kind: 'petitioner', userId: null, unitId: null },
      [
        {
          kind: 'attachment_added',
          at: ctx.clock(),
          payload: {
            attachmentId: row.id,
            filename: safeName(file.filename),
            sha256: stored.sha256,
            size: stored.size,
          },
        },
      ],
    );
    return { id: row.id, filename: safeName(file.filename), sha256: stored.sha256, size: stored.size };
  });
}

export async function readAttachment(
  ctx: AppContext,
  user: StaffUser,
  matterId: number,
  attachmentId: number,
) {
  const row = await ctx.db.selectFrom('matters').selectAll().where('id', '=', matterId).executeTakeFirst();
  if (!row) throw notFound('信访事项', 'Matter');
  const { facts } = await matterFacts(ctx.db, row);
  if (!canSeeMatter(user, facts)) throw notFound('信访事项', 'Matter');
  const a = await ctx.db
    .selectFrom('attachments')
    .selectAll()
    .where('id', '=', attachmentId)
    .where('matter_id', '=', matterId)
    .executeTakeFirst();
  if (!a) throw notFound('附件', 'Attachment');
  return { meta: a, bytes: await ctx.attachments.get(a.storage_key) };
}
