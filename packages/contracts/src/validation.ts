import type { z } from 'zod';
import { ValidationError } from './errors.ts';
import type { FieldIssue } from './errors.ts';

/** Zod issues as API field issues: dotted path (`penalties.0.amountFen`) and message. */
export const fieldIssues = (error: z.ZodError): FieldIssue[] =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));

/** Parses `input` or throws a ValidationError naming every offending field. */
export const parseInput = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldIssues(result.error));
  return result.data;
};
