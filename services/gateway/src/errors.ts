import { GraphQLError } from 'graphql';
import { isXianjieError } from '@xianjie/contracts';
import type { Logger } from 'pino';

interface GraphQLErrorLike {
  message: string;
  originalError?: unknown;
  nodes?: GraphQLError['nodes'];
  path?: GraphQLError['path'];
  extensions?: Record<string, unknown>;
}

// Duck-typed on purpose: graphql ships both ESM and CJS builds, and yoga's executor may load the
// other one, so `instanceof GraphQLError` is not reliable here.
const isGraphQLErrorLike = (value: unknown): value is GraphQLErrorLike =>
  value instanceof Error && 'extensions' in value && 'locations' in value;

/** The innermost cause of a GraphQL error (resolver errors come wrapped). */
const rootCause = (error: unknown): unknown => {
  let cause: unknown = error;
  while (isGraphQLErrorLike(cause) && cause.originalError) cause = cause.originalError;
  return cause;
};

/**
 * Whose fault an error is, for the log level (issue #12, hole 11): `client` (bad token, bad input,
 * forbidden, not found, too complex...: info), `unavailable` (a service did not answer: warn), or
 * `unexpected` (a bug: error, logged by the masker with its stack).
 */
export const errorKind = (error: unknown): 'client' | 'unavailable' | 'unexpected' => {
  const cause = rootCause(error);
  if (isXianjieError(cause)) return cause.code === 'SERVICE_UNAVAILABLE' ? 'unavailable' : 'client';
  return isGraphQLErrorLike(cause) ? 'client' : 'unexpected';
};

/**
 * The HTTP status of an error raised before execution (no `path`: the token in the context, variable
 * coercion), which yoga otherwise answers 500 when the error's GraphQLError class is not its own
 * (graphql's ESM and CJS builds): the caller's fault is a 4xx. Yoga keeps `http` off the wire.
 */
const requestStatus = (path: unknown, code: string): { http?: { status: number } } => {
  if (path) return {};
  const status = code === 'UNAUTHENTICATED' ? 401 : code === 'SERVICE_UNAVAILABLE' ? 503 : code === 'INTERNAL_SERVER_ERROR' ? 500 : 400;
  return { http: { status } };
};

/**
 * The one place where errors become GraphQL errors: our error kinds keep their code and details
 * (`extensions.code`, `field`, ...); GraphQL's own validation errors become BAD_USER_INPUT;
 * anything else is logged and masked.
 */
export const createErrorMasker =
  (logger: Logger) =>
  (error: unknown, message: string): Error => {
    const cause = rootCause(error);
    const located = isGraphQLErrorLike(error) ? { nodes: error.nodes, path: error.path } : {};
    if (isXianjieError(cause)) {
      return new GraphQLError(cause.message, {
        ...located,
        extensions: { code: cause.code, ...cause.details, ...requestStatus(located.path, cause.code) },
      });
    }
    if (isGraphQLErrorLike(cause)) {
      // Parse, validation and variable-coercion errors: the caller's input is at fault.
      const code = (cause.extensions?.code as string | undefined) ?? 'BAD_USER_INPUT';
      return new GraphQLError(cause.message, {
        ...located,
        extensions: { ...requestStatus(located.path, code), ...cause.extensions, code },
      });
    }
    logger.error({ err: cause }, 'unexpected error in resolver');
    return new GraphQLError(message, { ...located, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
