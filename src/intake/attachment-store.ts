import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The first bytes of an upload kept in memory, for checking its type by content. */
const HEAD_BYTES = 512;

/**
 * An upload written to the store's tmp directory and not yet part of the store: it becomes an
 * attachment only by `place` (inside the transaction that writes its row), and is deleted by
 * `discard` on any failure.
 */
export interface StagedFile {
  readonly tempPath: string;
  readonly storageKey: string;
  readonly sha256: string;
  readonly size: number;
  /** The first bytes, for the content check. */
  readonly head: Buffer;
  readonly containsNul: boolean;
}

/** Attachments live as files under the data directory, named by a random key, checked by SHA-256. */
export interface AttachmentStore {
  /** Streams an upload into a temporary file, hashing it on the way. */
  stage(source: Readable | Buffer): Promise<StagedFile>;
  /** Moves a staged file to its storage key. */
  place(file: StagedFile): Promise<void>;
  /** Deletes a staged file if it is still temporary (safe to call more than once). */
  discard(file: StagedFile): Promise<void>;
  /** Deletes a placed file (its row did not commit). */
  remove(storageKey: string): Promise<void>;
  get(storageKey: string): Promise<Buffer>;
  /**
   * Deletes temporary files, and stored files whose key `isKnown` denies, last modified more than
   * `graceMs` ago: what a crash between writing a file and committing its row leaves behind.
   */
  sweep(
    isKnown: (storageKeys: string[]) => Promise<Set<string>>,
    graceMs: number,
  ): Promise<{ temporary: number; orphans: number }>;
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

const ignoreMissing = (e: unknown) => {
  if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
};

export function createFileAttachmentStore(root: string): AttachmentStore {
  const tmp = join(root, 'tmp');
  const pathOf = (storageKey: string) => {
    if (!KEY.test(storageKey)) throw new Error('bad storage key');
    return join(root, storageKey);
  };
  return {
    async stage(source) {
      await mkdir(tmp, { recursive: true });
      const tempPath = join(tmp, `${randomUUID()}.part`);
      const hash = createHash('sha256');
      const head: Buffer[] = [];
      let headSize = 0;
      let size = 0;
      let containsNul = false;
      const chunks = Buffer.isBuffer(source) ? Readable.from([source]) : source;
      const out = createWriteStream(tempPath, { flags: 'wx' });
      try {
        await pipeline(
          chunks,
          async function* (input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
            for await (const chunk of input) {
              hash.update(chunk);
              size += chunk.length;
              if (!containsNul && chunk.includes(0)) containsNul = true;
              if (headSize < HEAD_BYTES) {
                head.push(chunk.subarray(0, HEAD_BYTES - headSize));
                headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
              }
              yield chunk;
            }
          },
          out,
        );
      } catch (e) {
        // A source that fails at once can fail before the file is even open: the stream then opens
        // (creating the file) and closes after the pipeline has given up. Removing the file before
        // that left it behind (an upload test failed on a loaded machine), so wait for the close.
        if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
        await unlink(tempPath).catch(ignoreMissing);
        throw e;
      }
      const sha256 = hash.digest('hex');
      return {
        tempPath,
        storageKey: `${sha256.slice(0, 2)}/${randomUUID()}`,
        sha256,
        size,
        head: Buffer.concat(head),
        containsNul,
      };
    },
    async place(file) {
      const target = pathOf(file.storageKey);
      await mkdir(join(root, file.storageKey.slice(0, 2)), { recursive: true });
      await rename(file.tempPath, target);
    },
    async discard(file) {
      await unlink(file.tempPath).catch(ignoreMissing);
    },
    async remove(storageKey) {
      await unlink(pathOf(storageKey)).catch(ignoreMissing);
    },
    async get(storageKey) {
      return readFile(pathOf(storageKey));
    },
    async sweep(isKnown, graceMs) {
      const cutoff = Date.now() - graceMs;
      const old = async (path: string) => {
        try {
          return (await stat(path)).mtimeMs <= cutoff;
        } catch (e) {
          ignoreMissing(e);
          return false;
        }
      };
      const list = async (dir: string) => readdir(dir).catch((e: unknown) => (ignoreMissing(e), []));
      let temporary = 0;
      let orphans = 0;
      for (const name of await list(tmp)) {
        const path = join(tmp, name);
        if (await old(path)) {
          await unlink(path).catch(ignoreMissing);
          temporary += 1;
        }
      }
      for (const dir of await list(root)) {
        if (!/^[0-9a-f]{2}$/.test(dir)) continue;
        const keys = (await list(join(root, dir))).map((name) => `${dir}/${name}`).filter((k) => KEY.test(k));
        if (keys.length === 0) continue;
        const known = await isKnown(keys);
        for (const key of keys) {
          if (known.has(key) || !(await old(join(root, key)))) continue;
          await unlink(join(root, key)).catch(ignoreMissing);
          orphans += 1;
        }
      }
      return { temporary, orphans };
    },
  };
}
