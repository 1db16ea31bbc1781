import { AppError } from './app-error.ts';

/** Translates the SQLSTATEs a bad request can cause into domain errors; anything else stays unknown. */
export function translateDatabaseError(err: unknown): AppError | null {
  if (typeof err !== 'object' || err === null || !('code' in err)) return null;
  const code = String((err).code);
  const raw = (err as { constraint?: unknown }).constraint;
  const constraint = typeof raw === 'string' ? raw : '';
  switch (code) {
    case '23505':
      return new AppError('conflict', '记录已存在', 'The record already exists', [], { constraint });
    case '23503':
      return new AppError('validation_failed', '引用的记录不存在', 'A referenced record does not exist', [], {
        constraint,
      });
    case '23514':
    case '22001':
    case '22P02':
    case '22007':
    case '22008':
      return new AppError('validation_failed', '输入值不符合要求', 'An input value is out of range', [], {
        constraint,
      });
    case '40001':
    case '40P01':
      return new AppError('conflict', '并发冲突，请重试', 'Concurrent update, please retry');
    default:
      return null;
  }
}
