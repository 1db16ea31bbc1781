import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Attachments live as files under the data directory, named by a random key, checked by SHA-256. */
export interface AttachmentStore {
  put(bytes: Buffer): Promise<{ storageKey: string; sha256: string; size: number }>;
  get(storageKey: string): Promise<Buffer>;
}

export function createFileAttachmentStore(root: string): AttachmentStore {
  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const storageKey = `${sha256.slice(0, 2)}/${randomUUID()}`;
      await mkdir(join(root, sha256.slice(0, 2)), { recursive: true });
      await writeFile(join(root, storageKey), bytes, { flag: 'wx' });
      return { storageKey, sha256, size: bytes.length };
    },
    async get(storageKey) {
      if (!/^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(storageKey)) throw new Error('bad storage key');
      return readFile(join(root, storageKey));
    },
  };
}
