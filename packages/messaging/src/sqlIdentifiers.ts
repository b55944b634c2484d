import { ValidationError } from '@xianjie/contracts/errors';

/** A schema name safe to splice into SQL (quoted): lower-case letters, digits and `_`. */
export const quoteSchema = (schema: string): string => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ValidationError([{ path: 'schema', message: `invalid schema name "${schema}"` }]);
  }
  return `"${schema}"`;
};
