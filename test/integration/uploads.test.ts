import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { safeFilename, sweepAttachmentStore } from '../../src/intake/attachments.ts';
import { LIMITS } from '../../src/shared/enums.ts';
import { registerTestMatter, seedOrg, TEST_PASSWORD, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

interface Part {
  field?: string;
  name: string;
  type: string;
  bytes: Buffer;
}

const multipart = (
  fields: Record<string, string>,
  files: Part[],
  fieldsAfter: Record<string, string> = {},
) => {
  const boundary = '----minsheng-upload-test';
  const parts: Buffer[] = [];
  const field = ([k, v]: [string, string]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  parts.push(...Object.entries(fields).map(field));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(...Object.entries(fieldsAfter).map(field), Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A PNG-looking file of exactly `size` bytes. */
const png = (size: number) => Buffer.concat([PNG_SIGNATURE, randomBytes(size - PNG_SIGNATURE.length)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// Issue 10, item 8: oversize is always 413, a refused upload leaves nothing behind, a second file
// is refused, and names lose control and bidirectional characters.
describeEachDb('Uploads', (env) => {
  let app: FastifyInstance;
  let org: Org;
  let auth: Record<string, string>;
  const root = () => join(env().ctx.config.dataDir, 'attachments');
  /** Every file under the attachment store, temporary ones included. */
  const filesOnDisk = (): string[] => {
    const walk = (dir: string): string[] =>
      existsSync(dir)
        ? readdirSync(dir).flatMap((n) => {
            const p = join(dir, n);
            return statSync(p).isDirectory() ? walk(p) : [p];
          })
        : [];
    return walk(root());
  };
  const rowCount = async () =>
    Number(
      (
        await env()
          .ctx.db.selectFrom('attachments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const upload = (matterId: number, files: Part[], fields: Record<string, string> = {}) => {
    const m = multipart(fields, files);
    return app.inject({
      method: 'POST',
      url: `/api/matters/${matterId}/attachments`,
      payload: m.payload,
      headers: { ...m.headers, ...auth },
    });
  };
  const publicUpload = (fields: Record<string, string>, files: Part[]) => {
    const m = multipart(fields, files);
    return app.inject({
      method: 'POST',
      url: '/api/public/attachments',
      payload: m.payload,
      headers: m.headers,
    });
  };
  /** Runs a refused request and checks that neither the store nor the table changed. */
  const expectNothingStored = async (request: () => Promise<LightMyRequestResponse>, status: number) => {
    const before = { files: filesOnDisk(), rows: await rowCount() };
    const res = await request();
    expect(res.statusCode).toBe(status);
    expect(filesOnDisk()).toEqual(before.files);
    expect(await rowCount()).toBe(before.rows);
    return res;
  };

  beforeAll(async () => {
    org = await seedOrg(env().ctx);
    app = await buildApp(env().ctx, { rateLimit: false });
    await app.ready();
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'registrar', password: TEST_PASSWORD },
    });
    auth = {
      cookie: String(res.headers['set-cookie']).split(';')[0]!,
      'x-csrf-token': res.json<{ csrfToken: string }>().csrfToken,
    };
  });
  afterAll(async () => {
    await app.close();
  });

  it('stores an upload of exactly the limit with its exact SHA-256', async () => {
    const m = await registerTestMatter(env().ctx, org);
    const bytes = png(LIMITS.attachmentMaxBytes);
    const res = await upload(m.id, [{ name: 'scan.png', type: 'image/png', bytes }]);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ sha256: sha256(bytes), size: bytes.length });
    const back = await app.inject({
      method: 'GET',
      url: `/api/matters/${m.id}/attachments/${res.json().id}`,
      headers: auth,
    });
    expect(sha256(back.rawPayload)).toBe(sha256(bytes));
    // Nothing is left in the tmp directory.
    expect(filesOnDisk().filter((f) => f.includes(`${join(root(), 'tmp')}`))).toEqual([]);
  });

  it('answers 413 for 10 MiB + 1 byte, every time, storing nothing', async () => {
    const m = await registerTestMatter(env().ctx, org);
    const bytes = png(LIMITS.attachmentMaxBytes + 1);
    for (let i = 0; i < 4; i++) {
      const res = await expectNothingStored(
        () => upload(m.id, [{ name: 'big.png', type: 'image/png', bytes }]),
        413,
      );
      expect(res.json().error.fields[0].path).toBe('file');
    }
  });

  // The defect seen from outside: busboy raises `truncated` only when the byte after the limit
  // arrives; if the limit falls at the end of a chunk, the old check (made per chunk while reading)
  // had already passed and the first 10 MiB were stored with 201. A raw socket makes that split.
  it('answers 413 when the request arrives split exactly at the limit', async () => {
    const m = await registerTestMatter(env().ctx, org);
    const url = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
    const body = multipart({}, [
      { name: 'big.png', type: 'image/png', bytes: png(LIMITS.attachmentMaxBytes + 1) },
    ]);
    const fileStart = body.payload.indexOf(PNG_SIGNATURE);
    const head = [
      `POST /api/matters/${m.id}/attachments HTTP/1.1`,
      `Host: ${url.host}`,
      `Content-Type: ${body.headers['content-type']}`,
      `Content-Length: ${body.payload.length}`,
      `Cookie: ${auth.cookie}`,
      `X-CSRF-Token: ${auth['x-csrf-token']}`,
      'Connection: close',
      '',
      '',
    ].join('\r\n');
    const before = { files: filesOnDisk(), rows: await rowCount() };
    const response = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname);
      let answer = '';
      socket.on('data', (d: Buffer) => (answer += d.toString()));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
      // Everything up to the last byte the limit allows, a pause, then the byte too many.
      socket.write(head);
      socket.write(body.payload.subarray(0, fileStart + LIMITS.attachmentMaxBytes));
      setTimeout(() => socket.write(body.payload.subarray(fileStart + LIMITS.attachmentMaxBytes)), 300);
    });
    expect(response.split(' ')[1]).toBe('413');
    expect(filesOnDisk()).toEqual(before.files);
    expect(await rowCount()).toBe(before.rows);
  });

  it('leaves nothing on disk when the matter is unknown (404) or full (409)', async () => {
    await expectNothingStored(
      () => upload(9_999_999, [{ name: 'a.png', type: 'image/png', bytes: png(2_000_000) }]),
      404,
    );
    const m = await registerTestMatter(env().ctx, org);
    for (let i = 0; i < LIMITS.attachmentsPerMatter; i++)
      expect(
        (await upload(m.id, [{ name: `p${i}.png`, type: 'image/png', bytes: png(100) }])).statusCode,
      ).toBe(201);
    await expectNothingStored(
      () => upload(m.id, [{ name: 'one-more.png', type: 'image/png', bytes: png(2_000_000) }]),
      409,
    );
    // A disguised file and a wrong type are refused before the store too.
    await expectNothingStored(
      () => upload(m.id, [{ name: 'x.png', type: 'image/png', bytes: Buffer.from('not a png') }]),
      400,
    );
  });

  it('refuses a second file in one request with a 400 naming its field', async () => {
    const m = await registerTestMatter(env().ctx, org);
    const res = await expectNothingStored(
      () =>
        upload(m.id, [
          { name: 'a.png', type: 'image/png', bytes: png(1000) },
          { field: 'second', name: 'b.png', type: 'image/png', bytes: png(1000) },
        ]),
      400,
    );
    expect(res.json().error.fields[0]).toMatchObject({ path: 'second' });
    expect(res.json().error.fields[0].message_zh).toContain('一个文件');
    // Three files (beyond busboy's own limit) are refused the same way.
    await expectNothingStored(
      () =>
        upload(
          m.id,
          [1, 2, 3].map((i) => ({ name: `${i}.png`, type: 'image/png', bytes: png(1000) })),
        ),
      400,
    );
  });

  it('answers 400, not 500, to a body that claims to be multipart and is not', async () => {
    const m = await registerTestMatter(env().ctx, org);
    const { headers } = multipart({}, []);
    const cut = multipart({}, [{ name: 'a.png', type: 'image/png', bytes: png(1000) }]).payload.subarray(
      0,
      300,
    );
    for (const payload of ['{"note":"x"}', cut]) {
      for (const url of [`/api/matters/${m.id}/attachments`, '/api/public/attachments']) {
        const res = await expectNothingStored(
          () => app.inject({ method: 'POST', url, payload, headers: { ...headers, ...auth } }),
          400,
        );
        expect(res.json().error).toMatchObject({
          code: 'validation_failed',
          message_en: 'The upload is not valid multipart/form-data',
        });
      }
    }
  });

  it('removes bidirectional and other control characters from file names', async () => {
    expect(safeFilename('evil\u202Efdp.exe')).toBe('evilfdp.exe');
    expect(safeFilename('a\u0000b\u0007c\u200Bd\u2066e\u0085f/g\\h.txt')).toBe('abcdef_g_h.txt');
    expect(safeFilename('\u202E\u200F')).toBe('attachment');
    const m = await registerTestMatter(env().ctx, org);
    const res = await upload(m.id, [{ name: 'evil\u202Egnp.exe', type: 'image/png', bytes: png(100) }]);
    expect(res.statusCode).toBe(201);
    expect(res.json().filename).toBe('evilgnp.exe');
    const row = await env()
      .ctx.db.selectFrom('attachments')
      .select('filename')
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(row.filename).toBe('evilgnp.exe');
  });

  it('applies the same rules to the portal', async () => {
    const m = await registerTestMatter(env().ctx, org);
    const auth = { caseNumber: m.caseNumber, queryCode: m.queryCode };
    await expectNothingStored(
      () =>
        publicUpload(auth, [
          { name: 'big.png', type: 'image/png', bytes: png(LIMITS.attachmentMaxBytes + 1) },
        ]),
      413,
    );
    await expectNothingStored(
      () =>
        publicUpload({ ...auth, queryCode: 'WRONGCODE234' }, [
          { name: 'a.png', type: 'image/png', bytes: png(5000) },
        ]),
      404,
    );
    await expectNothingStored(
      () =>
        publicUpload(auth, [
          { name: 'a.png', type: 'image/png', bytes: png(100) },
          { name: 'b.png', type: 'image/png', bytes: png(100) },
        ]),
      400,
    );
    // Fields may come after the file.
    const after = multipart({}, [{ name: 'ok\u202E.png', type: 'image/png', bytes: png(100) }], auth);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/public/attachments',
      payload: after.payload,
      headers: after.headers,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().filename).toBe('ok.png');
  });

  it('sweeps unfinished uploads and files without a row, keeping the attachments', async () => {
    const m = await registerTestMatter(env().ctx, org);
    const kept = await upload(m.id, [{ name: 'keep.png', type: 'image/png', bytes: png(100) }]);
    expect(kept.statusCode).toBe(201);
    mkdirSync(join(root(), 'tmp'), { recursive: true });
    mkdirSync(join(root(), 'ab'), { recursive: true });
    const temp = join(root(), 'tmp', 'crashed-upload.part');
    const orphan = join(root(), 'ab', '00000000-0000-4000-8000-000000000000');
    writeFileSync(temp, 'half an upload');
    writeFileSync(orphan, 'a file whose row never committed');
    // Old enough for the grace period PostgreSQL deployments (several instances) keep.
    const past = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(temp, past, past);
    utimesSync(orphan, past, past);
    const before = filesOnDisk().length;
    const swept = await sweepAttachmentStore(env().ctx);
    expect(swept).toEqual({ temporary: 1, orphans: 1 });
    expect(existsSync(temp) || existsSync(orphan)).toBe(false);
    expect(filesOnDisk().length).toBe(before - 2);
    const back = await app.inject({
      method: 'GET',
      url: `/api/matters/${m.id}/attachments/${kept.json().id}`,
      headers: auth,
    });
    expect(back.statusCode).toBe(200);
  });
});
