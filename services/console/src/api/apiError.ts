import { errorMessage } from '../i18n/dictionary.ts';

/** One problem with one input field, as the gateway names it (`input.reason`, `input.subject.name`). */
export interface FieldIssue {
  path: string;
  message: string;
}

interface WireError {
  message?: string;
  extensions?: { code?: string; field?: string | null; issues?: FieldIssue[] } & Record<string, unknown>;
}

/** An error the API answered with (or the network failed with), by its `extensions.code`. */
export class ApiError extends Error {
  readonly code: string;
  readonly issues: FieldIssue[];
  /** The server's own (English) message, for the console log; `message` is the Chinese one. */
  readonly detail: string;

  constructor(code: string, detail: string, issues: FieldIssue[] = []) {
    super(errorMessage(code));
    this.name = 'ApiError';
    this.code = code;
    this.detail = detail;
    this.issues = issues;
  }

  static fromWire(errors: readonly WireError[]): ApiError {
    const first = errors[0] ?? {};
    const ext = first.extensions ?? {};
    const issues: FieldIssue[] = Array.isArray(ext.issues)
      ? ext.issues
      : typeof ext.field === 'string'
        ? [{ path: ext.field, message: first.message ?? '' }]
        : [];
    return new ApiError(ext.code ?? 'INTERNAL_SERVER_ERROR', first.message ?? '', issues);
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

export const errorCodeOf = (error: unknown): string | null => (isApiError(error) ? error.code : null);

/**
 * The form field an issue names: the path under `input` (`input.subject.name` → ['subject','name']),
 * numeric segments as numbers for list fields (`input.materials.0.title`).
 */
export const fieldPathOf = (path: string): Array<string | number> =>
  path
    .replace(/^input\.?/, '')
    .split('.')
    .filter((segment) => segment !== '')
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
