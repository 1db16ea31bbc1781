import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (OWASP-level memory and time cost).
export const hashPassword = (password: string) => hash(password, { algorithm: 2 });

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
