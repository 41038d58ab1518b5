import type { z } from 'zod';

// The one error type the app throws on purpose. Its code decides the HTTP status and its message is
// written for the person who will read it; anything else is a bug, logged in full and shown as an apology.

export const ERROR_TYPES = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  precondition_required: 428,
  rate_limited: 429,
  unavailable: 503,
} as const;
export type ErrorType = keyof typeof ERROR_TYPES;

/** `type:surface`, e.g. `bad_request:param`, `not_found:trial`, `conflict:trial`. */
export type ErrorCode = `${ErrorType}:${string}`;

export type AppErrorOptions = {
  /** Overrides the status the code's type implies. */
  status?: number;
  /** The input field or URL parameter at fault, so a form or client can point at it. */
  field?: string;
  /** Extra facts that are safe to show (allowed values, the current version, ...). */
  details?: Record<string, unknown>;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field?: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? ERROR_TYPES[code.split(':')[0] as ErrorType] ?? 500;
    this.field = options.field;
    this.details = options.details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export type ErrorBody = { error: { code: string; message: string; field?: string; details?: Record<string, unknown> } };

const APOLOGY = 'Sorry, something went wrong on our side. Please try again in a moment.';

/** The JSON response for any thrown value: an AppError as itself, anything else as a logged 500. */
export function toResponse(error: unknown, init: { headers?: HeadersInit } = {}): Response {
  if (isAppError(error)) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.field !== undefined) body.error.field = error.field;
    if (error.details !== undefined) body.error.details = error.details;
    return Response.json(body, { status: error.status, headers: init.headers });
  }
  console.error('Unexpected error while handling a request:', error);
  const body: ErrorBody = { error: { code: 'internal', message: APOLOGY } };
  return Response.json(body, { status: 500, headers: init.headers });
}

/**
 * Parses input at a boundary, or throws a 400 naming the first field at fault with every field's message in
 * `details.fields` (so a form can show each beside its control). `fallbackField` names input without a path.
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, code: ErrorCode, fallbackField?: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || (fallbackField ?? ''), i.message]));
  const [field, message] = Object.entries(fields)[0]!;
  throw new AppError(code, `${field || 'The request'}: ${message}`, { field: field || undefined, details: { fields } });
}
