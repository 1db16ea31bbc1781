import type { AppContext } from '../app/context.ts';
import { appendEvents, matterStream } from '../audit/event-log.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { lockMatter, matterFacts } from '../lifecycle/matter.repository.ts';
import { canSeeMatter } from '../lifecycle/policy.ts';
import { LIMITS } from '../shared/enums.ts';
import type { StagedFile } from './attachment-store.ts';
import { withTransaction } from '../app/transaction.ts';

/** The first bytes each allowed type must start with: the declared type alone is not trusted. */
function sniff(mime: string, file: StagedFile): boolean {
  const b = file.head;
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
      return !file.containsNul;
    default:
      return false;
  }
}

/**
 * The stored name of an upload: no path separators, no control characters (C0, DEL, C1) and no
 * bidirectional or invisible format characters — `evil\u202Efdp.exe` would show as `evilexe.pdf`
 * in a list and open as a program.
 */
export function safeFilename(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\\/]/g, '_')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .trim();
  return Array.from(cleaned).slice(0, 200).join('') || 'attachment';
}

/** An upload staged in the store's tmp directory, with what the client declared about it. */
export interface Upload {
  filename: string;
  mimeType: string;
  file: StagedFile;
}

/**
 * Checks an upload's declared type, size and content (the same for a matter's attachment and a
 * meeting's file) and returns the name it is stored under.
 */
export function acceptableUpload(upload: Upload): string {
  const { file } = upload;
  if (!(LIMITS.attachmentMimeTypes as readonly string[]).includes(upload.mimeType)) {
    throw new AppError(
      'unsupported_media_type',
      '附件类型不支持（仅限PDF、JPEG、PNG、TXT、DOCX）',
      'Unsupported attachment type (PDF, JPEG, PNG, TXT, DOCX only)',
      [{ path: 'file', message_zh: '附件类型不支持', message_en: 'unsupported type' }],
    );
  }
  if (file.size > LIMITS.attachmentMaxBytes) throw tooLarge();
  if (file.size === 0 || !sniff(upload.mimeType, file)) {
    throw new AppError(
      'validation_failed',
      '附件内容与声明的类型不符或为空',
      'The file is empty or does not match its declared type',
      [{ path: 'file', message_zh: '文件内容与类型不符', message_en: 'content does not match the type' }],
    );
  }
  return safeFilename(upload.filename);
}

/**
 * Adds an upload to a matter. The file reaches the store only inside the transaction that writes
 * its row and event, as the transaction's last step, and is taken out again if the commit fails;
 * on every refusal the staged file is deleted. (A crash in between leaves a file without a row,
 * which the sweep at start removes.)
 */
export async function addAttachment(
  ctx: AppContext,
  user: StaffUser | null,
  matterId: number,
  upload: Upload,
) {
  const { file } = upload;
  let placed = false;
  try {
    const filename = acceptableUpload(upload);
    return await withTransaction(ctx, async ({ db: trx }) => {
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
          filename,
          mime_type: upload.mimeType,
          size_bytes: file.size,
          sha256: file.sha256,
          storage_key: file.storageKey,
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
            payload: { attachmentId: row.id, filename, sha256: file.sha256, size: file.size },
          },
        ],
      );
      await ctx.attachments.place(file);
      placed = true;
      return { id: row.id, filename, sha256: file.sha256, size: file.size };
    });
  } catch (e) {
    if (placed) await ctx.attachments.remove(file.storageKey);
    throw e;
  } finally {
    await ctx.attachments.discard(file);
  }
}

export const tooLarge = () =>
  new AppError('payload_too_large', '附件不得超过10MB', 'An attachment is at most 10 MB', [
    { path: 'file', message_zh: '附件不得超过10MB', message_en: 'at most 10 MB' },
  ]);

/**
 * Removes what a crash between writing a file and committing its row left in the store. On
 * PGlite only this process uses the data directory, so at start nothing is in flight; on
 * PostgreSQL other instances may be uploading, so only files untouched for an hour go.
 */
export async function sweepAttachmentStore(ctx: AppContext) {
  return ctx.attachments.sweep(
    async (keys) => {
      const known = new Set<string>();
      for (let i = 0; i < keys.length; i += 1000) {
        const rows = await ctx.db
          .selectFrom('attachments')
          .select('storage_key')
          .where('storage_key', 'in', keys.slice(i, i + 1000))
          // A joint meeting's files (migration 0039) live in the same store.
          .union(
            ctx.db
              .selectFrom('meeting_files')
              .select('storage_key')
              .where('storage_key', 'in', keys.slice(i, i + 1000)),
          )
          .execute();
        for (const r of rows) known.add(r.storage_key);
      }
      return known;
    },
    ctx.dbKind === 'pglite' ? 0 : 3_600_000,
  );
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
