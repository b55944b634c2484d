import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.ts';
import './schema/scalars.ts';
import './schema/agency.ts';
import './schema/principal.ts';
import './schema/case.ts';
import './schema/auditTrail.ts';
import './schema/oversight.ts';
import './schema/transfer.ts';
import './schema/operation.ts';
import './schema/caseSupervision.ts';
import './schema/personalDataReads.ts';

builder.queryType({});
builder.mutationType({});

export const schema = builder.toSchema({ sortSchema: true });

/** The SDL committed in schemas/schema.graphql (sorted, so diffs are stable). */
export const printedSchema = (): string => `${printSchema(lexicographicSortSchema(schema))}\n`;
