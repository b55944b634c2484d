/**
 * The integration message: a CloudEvents 1.0 envelope around a public integration event, and the
 * registry of message types (CloudEvents `type` → zod schema of `data`) that both publish and
 * consume validate against.
 */
import { z } from 'zod';
import { ValidationError } from '@xianjie/contracts/errors';
import type { FieldIssue } from '@xianjie/contracts/errors';

/**
 * CloudEvents 1.0 attributes (lower-case, as the spec names them) plus `partitionKey`: the
 * aggregate id (case, transfer) that keeps one aggregate's messages in order on one partition.
 * `correlationid` and `causationid` are CloudEvents extension attributes.
 */
export interface IntegrationMessage<Type extends string = string, Data = unknown> {
  /** Unique per message; deterministic from its source event (`streamId:version:index`) so a redelivery is recognisable. */
  id: string;
  /** URI-reference of the producer, e.g. `/xianjie/market-regulation`. */
  source: string;
  /** Versioned public name, e.g. `xianjie.case.registered.v1`. */
  type: Type;
  specversion: '1.0';
  /** ISO-8601 with offset: when the fact happened. */
  time: string;
  /** The aggregate the message is about, e.g. `case-…`. */
  subject?: string;
  datacontenttype: 'application/json';
  data: Data;
  partitionKey: string;
  correlationid?: string;
  causationid?: string;
}

const nonEmpty = z.string().min(1);

/** The envelope without `data` (validated by the registry, per type). */
export const integrationMessageSchema = z.object({
  id: nonEmpty,
  source: nonEmpty,
  type: z.string().regex(/^[a-z0-9]+(\.[a-z0-9-]+)+$/, 'a dotted lower-case name such as xianjie.case.registered.v1'),
  specversion: z.literal('1.0'),
  time: z.iso.datetime({ offset: true }),
  subject: nonEmpty.optional(),
  datacontenttype: z.literal('application/json'),
  data: z.unknown(),
  partitionKey: nonEmpty,
  correlationid: nonEmpty.optional(),
  causationid: nonEmpty.optional(),
});

export type ValidationResult = { ok: true; message: IntegrationMessage } | { ok: false; issues: FieldIssue[] };

export interface MessageRegistry {
  readonly types: readonly string[];
  has(type: string): boolean;
  /** Checks the envelope and the data of its type; returns the parsed message (data as the schema outputs it). */
  validate(message: unknown): ValidationResult;
  /** Like validate, but throws a ValidationError naming every offending field. */
  parse(message: unknown): IntegrationMessage;
}

const issuesOf = (error: z.ZodError, prefix = ''): FieldIssue[] =>
  error.issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'), message: issue.message }));

/** `createMessageRegistry({ 'xianjie.case.registered.v1': CaseRegistered, … })`. */
export const createMessageRegistry = (schemas: Record<string, z.ZodType>): MessageRegistry => {
  const byType = new Map(Object.entries(schemas));
  const validate = (input: unknown): ValidationResult => {
    const envelope = integrationMessageSchema.safeParse(input);
    if (!envelope.success) return { ok: false, issues: issuesOf(envelope.error) };
    const schema = byType.get(envelope.data.type);
    if (!schema) return { ok: false, issues: [{ path: 'type', message: `unknown message type "${envelope.data.type}"` }] };
    const data = schema.safeParse(envelope.data.data);
    if (!data.success) return { ok: false, issues: issuesOf(data.error, 'data') };
    return { ok: true, message: { ...(envelope.data as IntegrationMessage), data: data.data } };
  };
  return {
    types: [...byType.keys()],
    has: (type) => byType.has(type),
    validate,
    parse(input) {
      const result = validate(input);
      if (!result.ok) throw new ValidationError(result.issues);
      return result.message;
    },
  };
};

export const describeIssues = (issues: FieldIssue[]): string =>
  issues.map((issue) => `${issue.path || '(message)'}: ${issue.message}`).join('; ');
