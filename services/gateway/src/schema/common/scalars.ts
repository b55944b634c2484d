import { GraphQLError, Kind } from 'graphql';
import { builder } from '../../builder.ts';

const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const parseDateTime = (value: unknown): string => {
  if (typeof value !== 'string' || !isoWithOffset.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(`DateTime must be ISO-8601 with an offset (e.g. 2026-05-01T09:00:00+08:00), got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return new Date(value).toISOString();
};

/** ISO-8601 instants; inputs must carry an offset, outputs are UTC (`Z`). */
builder.scalarType('DateTime', {
  description: 'ISO-8601 date-time with an offset, e.g. 2026-05-01T09:00:00+08:00',
  serialize: (value) => new Date(value as string).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('JSON', {
  description: 'Any JSON value',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: () => {
    throw new GraphQLError('JSON literals are not accepted; pass variables', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});
