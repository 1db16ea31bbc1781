import { expect } from 'vitest';
import { AppError } from '../../src/errors/app-error.ts';

/** Awaits a promise that must fail with a domain error of the given code, and returns the error. */
export async function rejects(p: Promise<unknown>, code: string): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}
