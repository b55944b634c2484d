import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '@xianjie/contracts';
import type { GatewayContext } from './context.ts';

/** The Pothos builder and its plugins; defines no types (those live in schema/*). */
export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  AuthScopes: { authenticated: boolean; supervisor: boolean; overseer: boolean; admin: boolean };
  Scalars: {
    DateTime: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin, ValidationPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({
      authenticated: ctx.principal !== null,
      supervisor: ctx.principal?.roles.includes('supervisor') ?? false,
      overseer: ctx.principal?.roles.includes('overseer') ?? false,
      admin: ctx.principal?.roles.includes('admin') ?? false,
    }),
    // No token → UNAUTHENTICATED; a token without the scope → FORBIDDEN.
    unauthorizedError: (_parent, ctx, _info, result) =>
      ctx.principal ? new ForbiddenError(result.message) : new UnauthenticatedError(),
  },
  validation: {
    validationError: (result) =>
      new ValidationError(
        result.issues.map((issue) => ({
          path: (issue.path ?? [])
            .map((p) => (typeof p === 'object' && p !== null && 'key' in p ? String(p.key) : String(p)))
            .join('.'),
          message: issue.message,
        })),
      ),
  },
  relay: {
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    clientMutationId: 'omit',
    cursorType: 'String',
  },
});
