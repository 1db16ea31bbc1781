/**
 * Stable error codes for text features. Callers (HTTP layer, CLI) map them to messages or statuses,
 * so the codes are part of the public contract and must not change meaning.
 */
export type TextErrorCode =
  'text_empty' | 'text_binary' | 'text_invalid' | 'model_missing' | 'model_corrupt' | 'training_data_invalid';

/** An expected failure of the text pipeline: bad input or an unusable model, never a bug. */
export class TextError extends Error {
  readonly code: TextErrorCode;

  constructor(code: TextErrorCode, message: string) {
    super(message);
    this.name = 'TextError';
    this.code = code;
  }
}

/** True when `err` is a {@link TextError}, optionally with the given code. */
export function isTextError(err: unknown, code?: TextErrorCode): err is TextError {
  return err instanceof TextError && (code === undefined || err.code === code);
}
