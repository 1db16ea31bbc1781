import { finished } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { unsafeInputIssue, validationError } from '../errors/zod-errors.ts';
import type { AttachmentStore, StagedFile } from '../intake/attachment-store.ts';
import { tooLarge, type Upload } from '../intake/attachments.ts';
import { LIMITS } from '../shared/enums.ts';
import { findUnsafeInput } from '../shared/strict-input.ts';

/**
 * The OpenAPI request body of an upload (multipart/form-data): one file in the part `file` and these
 * text fields. It describes and does not validate: the parts are read from the stream by withUpload,
 * which refuses a second file, unsafe text and a missing file, and the route's service checks the
 * fields; a parsed body does not exist for the validator to see.
 */
export function multipartBody(fields: Record<string, z.ZodType> = {}) {
  const form = z.object({
    ...fields,
    file: z.string().meta({ format: 'binary', description: 'The file; one per request' }),
  });
  const { $schema: _, ...json } = z.toJSONSchema(form, { io: 'input' });
  return z.unknown().meta(json);
}

const codeOf = (e: unknown) => (e as { code?: unknown }).code;

/**
 * Reads a multipart request that carries one file and a few text fields: the file is streamed into
 * the store's tmp directory (never held whole in memory), and `fn` decides what becomes of it. The
 * staged file is deleted whatever happens, unless `fn` has moved it into the store. A file over the
 * limit is always a 413: busboy truncates it, and the truncation is checked once the stream has
 * ended (checking while reading missed a truncation reported after the last chunk). A second file
 * is refused with a 400 naming its field rather than dropped.
 */
export async function withUpload<T>(
  req: FastifyRequest,
  store: AttachmentStore,
  fn: (upload: Upload, fields: Record<string, string>) => Promise<T>,
): Promise<T> {
  if (!req.isMultipart())
    throw new AppError(
      'unsupported_media_type',
      '请以 multipart/form-data 上传文件',
      'Upload the file as multipart/form-data',
    );
  const fields: Record<string, string> = {};
  let staged: StagedFile | null = null;
  let declared: { filename: string; mimeType: string } | null = null;
  let truncated = false;
  let extraFile: string | null = null;
  try {
    try {
      // files: 2, so that a second file is seen (and refused) instead of silently cut off by busboy.
      for await (const part of req.parts({ limits: { files: 2, fileSize: LIMITS.attachmentMaxBytes } })) {
        if (part.type === 'field') {
          if (typeof part.value === 'string') fields[part.fieldname] = part.value;
          continue;
        }
        if (declared) {
          extraFile ??= part.fieldname;
          part.file.resume();
          await finished(part.file);
          continue;
        }
        declared = { filename: part.filename, mimeType: part.mimetype };
        staged = await store.stage(part.file);
        if (part.file.truncated) truncated = true;
      }
    } catch (e) {
      if (codeOf(e) === 'FST_REQ_FILE_TOO_LARGE') truncated = true;
      else if (codeOf(e) === 'FST_FILES_LIMIT') extraFile ??= 'file';
      // busboy's parse errors (a body that is not the multipart it claims to be: no closing
      // boundary, a broken part header) carry no code; file-system errors do, and stay 500s.
      else if (e instanceof Error && codeOf(e) === undefined)
        throw new AppError(
          'validation_failed',
          '上传内容不是有效的 multipart/form-data',
          'The upload is not valid multipart/form-data',
        );
      else throw e;
    }
    if (truncated) throw tooLarge();
    if (extraFile !== null)
      throw new AppError('validation_failed', '每次只能上传一个文件', 'Upload one file per request', [
        {
          path: extraFile,
          message_zh: '每次只能上传一个文件，请分开上传',
          message_en: 'one file per request; upload the others separately',
        },
      ]);
    // Text fields of a multipart body pass no JSON parser: the same check as every other input.
    const unsafe = findUnsafeInput(fields);
    if (unsafe) throw validationError([unsafeInputIssue(unsafe)]);
    if (!staged || !declared)
      throw new AppError('validation_failed', '未收到文件', 'No file received', [
        { path: 'file', message_zh: '请选择文件', message_en: 'choose a file' },
      ]);
    return await fn({ ...declared, file: staged }, fields);
  } finally {
    if (staged) await store.discard(staged);
  }
}
