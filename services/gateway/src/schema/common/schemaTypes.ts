import type { builder } from '../../builder.ts';

/** The builder's type parameters, for helpers that take Pothos field builders (shared input fields and the like). */
export type SchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
