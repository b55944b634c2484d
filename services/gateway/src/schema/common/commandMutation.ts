import { ValidationError } from '@xianjie/contracts';
import { z } from 'zod';
import type { CallerAuth } from '@xianjie/http/client';
import type { GatewayContext } from '../../context.ts';
import { authOf } from './callerAuth.ts';

/**
 * What every command mutation does around its service call: the caller's auth from the context,
 * the input without GraphQL nulls, and the service's BAD_USER_INPUT paths named under `input`.
 */

/** GraphQL sends null for an omitted optional in some clients; the contracts treat both as absent. */
export const withoutNulls = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
};

/** The `validate` of a command's `input` argument: its contract schema, after the nulls are dropped. */
export const commandInput = (schema: z.ZodType): z.ZodType => z.preprocess(withoutNulls, schema);

/**
 * Runs a command through its client (`run` makes the call) with the input stripped of nulls and
 * the caller's auth; a ValidationError of the service is rethrown with its paths under `input`.
 */
export const runCommand = <T>(
  ctx: GatewayContext,
  input: unknown,
  run: (input: unknown, auth: CallerAuth) => Promise<T>,
): Promise<T> =>
  run(withoutNulls(input), authOf(ctx)).catch((error: unknown) => {
    // The service names fields relative to its input; GraphQL callers see them under `input`.
    if (error instanceof ValidationError) {
      throw new ValidationError(error.issues.map((i) => ({ ...i, path: i.path ? `input.${i.path}` : 'input' })));
    }
    throw error;
  });
