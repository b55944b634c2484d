/**
 * One error type per failure kind. The gateway maps `code` to GraphQL `extensions.code` in one
 * place; the HTTP command API maps it to a status. A rejected command appends nothing.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'SERVICE_UNAVAILABLE';

export abstract class XianjieError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra fields for the API error (field path, versions, ...). */
  get details(): Record<string, unknown> {
    return {};
  }
}

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `subject.creditCode`. */
  path: string;
  message: string;
}

export class ValidationError extends XianjieError {
  readonly code = 'BAD_USER_INPUT' as const;
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super(issues.map((i) => `${i.path || '(input)'}: ${i.message}`).join('; '));
    this.issues = issues;
    this.name = 'ValidationError';
  }
  override get details() {
    return { field: this.issues[0]?.path ?? null, issues: this.issues };
  }
}

export class NotFoundError extends XianjieError {
  readonly code = 'NOT_FOUND' as const;
  readonly entity: string;
  readonly id: string;
  constructor(entity: string, id: string) {
    super(`${entity} ${id} not found`);
    this.entity = entity;
    this.id = id;
    this.name = 'NotFoundError';
  }
  override get details() {
    return { entity: this.entity, id: this.id };
  }
}

export class ConcurrencyError extends XianjieError {
  readonly code = 'CONFLICT' as const;
  readonly streamId: string;
  readonly expected: string | number;
  readonly actual: number;
  constructor(streamId: string, expected: string | number, actual: number) {
    super(`stream ${streamId} is at version ${actual}, expected ${expected}`);
    this.streamId = streamId;
    this.expected = expected;
    this.actual = actual;
    this.name = 'ConcurrencyError';
  }
  override get details() {
    return { streamId: this.streamId, expectedVersion: this.expected, actualVersion: this.actual };
  }
}

export class InvalidTransitionError extends XianjieError {
  readonly code = 'INVALID_TRANSITION' as const;
  readonly command: string;
  readonly reason: string;
  readonly state: string | undefined;
  constructor(command: string, reason: string, state?: string) {
    super(`${command}: ${reason}`);
    this.command = command;
    this.reason = reason;
    this.state = state;
    this.name = 'InvalidTransitionError';
  }
  override get details() {
    return { command: this.command, reason: this.reason, state: this.state ?? null };
  }
}

export class ForbiddenError extends XianjieError {
  readonly code = 'FORBIDDEN' as const;
  constructor(reason: string) {
    super(reason);
    this.name = 'ForbiddenError';
  }
}

export class UnauthenticatedError extends XianjieError {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(reason = 'a valid bearer token is required') {
    super(reason);
    this.name = 'UnauthenticatedError';
  }
}

/** Distributed mode: the service that owns the step did not answer; nothing was decided, retry later. */
export class ServiceUnavailableError extends XianjieError {
  readonly code = 'SERVICE_UNAVAILABLE' as const;
  readonly service: string;
  constructor(service: string, reason: string) {
    super(`${service} is unavailable: ${reason}`);
    this.service = service;
    this.name = 'ServiceUnavailableError';
  }
  override get details() {
    return { service: this.service };
  }
}

export const isXianjieError = (error: unknown): error is XianjieError => error instanceof XianjieError;

/**
 * Rebuilds an error of our kinds from its wire form (`{ code, message, ...details }`, as the HTTP
 * command APIs answer), so a remote service's refusal reaches the gateway as the same error.
 */
export const errorFromWire = (body: { code?: unknown; message?: unknown } & Record<string, unknown>): Error => {
  const message = typeof body.message === 'string' ? body.message : 'remote error';
  switch (body.code) {
    case 'BAD_USER_INPUT':
      return new ValidationError(Array.isArray(body.issues) ? (body.issues as FieldIssue[]) : [{ path: String(body.field ?? ''), message }]);
    case 'NOT_FOUND':
      return new NotFoundError(String(body.entity ?? 'Entity'), String(body.id ?? ''));
    case 'CONFLICT':
      return new ConcurrencyError(String(body.streamId ?? ''), body.expectedVersion as string | number, Number(body.actualVersion));
    case 'INVALID_TRANSITION':
      return new InvalidTransitionError(String(body.command ?? ''), String(body.reason ?? message), (body.state as string | null) ?? undefined);
    case 'FORBIDDEN':
      return new ForbiddenError(message);
    case 'UNAUTHENTICATED':
      return new UnauthenticatedError(message);
    case 'SERVICE_UNAVAILABLE':
      return new ServiceUnavailableError(String(body.service ?? 'a service'), message);
    default:
      return new Error(message);
  }
};

/** HTTP status of each error kind, for the services' HTTP APIs (GraphQL carries the code instead). */
export const httpStatusOf = (code: ErrorCode): number =>
  ({
    UNAUTHENTICATED: 401,
    FORBIDDEN: 403,
    BAD_USER_INPUT: 400,
    NOT_FOUND: 404,
    CONFLICT: 409,
    INVALID_TRANSITION: 422,
    SERVICE_UNAVAILABLE: 503,
  })[code];

/** The wire form of an error of our kinds, the inverse of `errorFromWire`. */
export const errorToWire = (error: XianjieError): Record<string, unknown> => ({
  code: error.code,
  message: error.message,
  ...error.details,
});
