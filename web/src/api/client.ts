/**
 * The JSON client for /api. Errors always come back as ApiError carrying the server's bilingual
 * message and field messages; a 401 tells the session layer that the session expired.
 */
import type { ErrorBody as ServerErrorBody } from '../../../src/shared/api.schema.ts';

export type FieldMessage = ServerErrorBody['error']['fields'][number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly fields: FieldMessage[] = [],
  ) {
    super(messageEn);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export const setCsrfToken = (t: string | null) => {
  csrfToken = t;
};
export const setUnauthorizedHandler = (fn: (() => void) | null) => {
  onUnauthorized = fn;
};

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, q?: Query): string {
  if (!q) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** The server's error body, read defensively: a proxy in between may answer with anything. */
interface ErrorBody {
  error?: Partial<ServerErrorBody['error']>;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: ErrorBody | null;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    body = null;
  }
  const e = body?.error;
  if (e?.message_zh || e?.message_en) {
    return new ApiError(
      res.status,
      e.code ?? 'error',
      e.message_zh ?? e.message_en ?? '',
      e.message_en ?? e.message_zh ?? '',
      e.fields ?? [],
    );
  }
  if (res.status === 404) return new ApiError(404, 'not_found', '未找到', 'Not found');
  return new ApiError(res.status, res.status >= 500 ? 'internal' : 'error', '', '');
}

export async function request<T>(
  method: string,
  path: string,
  opts: { body?: unknown; headers?: Record<string, string>; form?: FormData } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', '', '');
  }
  if (!res.ok) {
    const err = await toApiError(res);
    if (res.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized?.();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, q?: Query) => request<T>('GET', withQuery(path, q)),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, { body: body ?? {}, headers }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  del: <T>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<T>('POST', path, { form });
  },
};

/** One key per form submission, reused when the same submission is retried. */
export const newIdempotencyKey = (): string =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}-${Math.random().toString(16).slice(2)}`;
