import {
  GraphQLError,
  Kind,
  Lexer,
  Source,
  TokenKind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * What a GraphQL document may ask for (issue #12, hole 4; decision 0009): refused before it is
 * validated or executed, with `QUERY_TOO_COMPLEX` naming the limit and the measured value. One
 * cheap walk measures depth, aliases, directives and cost; tokens are counted before parsing.
 */
export interface QueryLimits {
  /** Nesting of fields (`{ a { b } }` is 2). */
  maxDepth: number;
  /** Aliased fields, fragments expanded where they are spread. */
  maxAliases: number;
  maxDirectives: number;
  /** Lexical tokens of the document, counted before it is parsed. */
  maxTokens: number;
  /** Every field costs 1 × the page sizes (`first`/`last`) of the connections around it. */
  maxCost: number;
}

export const defaultQueryLimits: QueryLimits = { maxDepth: 12, maxAliases: 30, maxDirectives: 50, maxTokens: 5000, maxCost: 20_000 };

/** A connection without `first`/`last` counts as a full page (Pothos's default largest page). */
export const assumedPageSize = 100;

export interface QueryMeasures {
  depth: number;
  aliases: number;
  directives: number;
  cost: number;
}

type Measure = keyof QueryMeasures | 'tokens';

const names: Record<Measure, string> = {
  depth: '深度 depth',
  aliases: '别名 aliases',
  directives: '指令 directives',
  cost: '成本 cost (fields × page sizes)',
  tokens: '词法单元 tokens',
};

export const queryTooComplex = (measure: Measure, measured: number, limit: number): GraphQLError =>
  new GraphQLError(`查询过于复杂 query too complex: ${names[measure]} ${measured} exceeds the limit of ${limit}`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', limit: measure, max: limit, measured },
  });

/** Lexical tokens of a document (a document that does not lex is left to the parser to report). */
export const countTokens = (source: string): number => {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) count += 1;
  } catch {
    // a syntax error: the parser names it
  }
  return count;
};

const pageSize = (field: FieldNode, variables: Record<string, unknown> | undefined): number | null => {
  const valueOf = (node: ValueNode): number | null => {
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.VARIABLE) {
      const value = variables?.[node.name.value];
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    }
    return null;
  };
  let size: number | null = null;
  for (const arg of field.arguments ?? []) {
    if (arg.name.value === 'first' || arg.name.value === 'last') {
      const value = valueOf(arg.value);
      if (value !== null) size = Math.max(size ?? 0, value);
    }
  }
  return size;
};

/**
 * Schema types are read by shape, not with graphql's `isObjectType`: the schema may come from
 * graphql's other build (CJS/ESM), and its realm check throws then (see errors.ts).
 */
type Composite = { getFields(): Record<string, GraphQLField<unknown, unknown>> };
type AnyType = { ofType?: unknown; getFields?: unknown } | null | undefined;

const composite = (type: AnyType): Composite | undefined => {
  let t = type;
  while (t && t.ofType) t = t.ofType as AnyType;
  return t && typeof t.getFields === 'function' ? (t as Composite) : undefined;
};

const fieldOf = (type: Composite | undefined, name: string): GraphQLField<unknown, unknown> | undefined => type?.getFields()[name];

const hasPageArguments = (field: GraphQLField<unknown, unknown> | undefined): boolean =>
  (field?.args ?? []).some((a) => a.name === 'first' || a.name === 'last');

/**
 * Measures every operation of a document (the largest of each measure). Fragments count where they
 * are spread (a fragment spread twice counts twice) and a fragment cycle stops the walk; the walk
 * gives up once every measure is past `stopAbove`, so a fragment bomb costs no more than that.
 * Page sizes come from literal `first`/`last`, from `variables` when given, else a full page.
 */
export const measureDocument = (
  document: DocumentNode,
  options: { schema?: GraphQLSchema; variables?: Record<string, unknown>; stopAbove?: number } = {},
): QueryMeasures => {
  const { schema, variables } = options;
  const stopAbove = options.stopAbove ?? Number.MAX_SAFE_INTEGER;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const totals: QueryMeasures = { depth: 0, aliases: 0, directives: 0, cost: 0 };
  let visited = 0;

  // Inside `__schema`/`__type` (GraphiQL's introspection query nests `ofType` deeper than any
  // query of ours), depth and cost are not counted: the schema is finite and the token limit
  // bounds the nesting. Aliases and directives still count.
  const walk = (
    set: SelectionSetNode,
    type: Composite | undefined,
    depth: number,
    multiplier: number,
    spread: Set<string>,
    introspection = false,
  ) => {
    for (const selection of set.selections) {
      if (visited > stopAbove) return;
      totals.directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        visited += 1;
        if (selection.alias) totals.aliases += 1;
        const inIntrospection = introspection || selection.name.value === '__schema' || selection.name.value === '__type';
        if (!inIntrospection) {
          totals.depth = Math.max(totals.depth, depth);
          totals.cost += multiplier;
        }
        if (!selection.selectionSet) continue;
        const field = fieldOf(type, selection.name.value);
        const connection = hasPageArguments(field) || pageSize(selection, variables) !== null;
        const size = connection ? (pageSize(selection, variables) ?? assumedPageSize) : 1;
        walk(selection.selectionSet, composite(field?.type as AnyType), depth + 1, multiplier * Math.max(size, 1), spread, inIntrospection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const narrowed = selection.typeCondition ? composite(schema?.getType(selection.typeCondition.name.value) as AnyType) : type;
        walk(selection.selectionSet, narrowed, depth, multiplier, spread, introspection);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || spread.has(name)) continue; // unknown or cyclic: validation reports it
        const narrowed = composite(schema?.getType(fragment.typeCondition.name.value) as AnyType);
        walk(fragment.selectionSet, narrowed, depth, multiplier, new Set(spread).add(name), introspection);
      }
    }
  };

  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    totals.directives += def.directives?.length ?? 0;
    const root =
      def.operation === 'query' ? schema?.getQueryType() : def.operation === 'mutation' ? schema?.getMutationType() : schema?.getSubscriptionType();
    walk(def.selectionSet, composite(root as AnyType), 1, 1, new Set());
  }
  return totals;
};

/** The first limit a document's measures break, as the error to answer; null within every limit. */
export const checkMeasures = (measures: Partial<QueryMeasures>, limits: QueryLimits): GraphQLError | null => {
  const checks: [keyof QueryMeasures, number][] = [
    ['depth', limits.maxDepth],
    ['aliases', limits.maxAliases],
    ['directives', limits.maxDirectives],
    ['cost', limits.maxCost],
  ];
  for (const [measure, limit] of checks) {
    const value = measures[measure];
    if (value !== undefined && value > limit) return queryTooComplex(measure, value, limit);
  }
  return null;
};

/**
 * The yoga plugin: tokens before parsing; depth, aliases and directives before validation (whose
 * overlapping-fields rule is quadratic in the aliases, the stall of the issue); cost before
 * execution, when the variables (`first: $n`) are known. Nothing is resolved for a refused query.
 */
export const useQueryLimits = (limits: QueryLimits): Plugin => {
  // The walk stops past every limit; beyond that the exact figure adds nothing but work.
  const stopAbove = Math.max(limits.maxCost, limits.maxAliases, limits.maxDirectives) * 4;
  return {
    onParse({ setParseFn, parseFn }) {
      setParseFn((source, options) => {
        const tokens = countTokens(typeof source === 'string' ? source : source.body);
        if (tokens > limits.maxTokens) throw queryTooComplex('tokens', tokens, limits.maxTokens);
        return parseFn(source, options);
      });
    },
    onValidate({ params, setResult }) {
      // The cost waits for the variables (onExecute): a cached validation result cannot depend on them.
      const { depth, aliases, directives } = measureDocument(params.documentAST, { schema: params.schema, stopAbove });
      const refused = checkMeasures({ depth, aliases, directives }, limits);
      if (refused) setResult([refused]);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const variables = (args.variableValues ?? undefined) as Record<string, unknown> | undefined;
      const { cost } = measureDocument(args.document, { schema: args.schema, variables, stopAbove });
      const refused = checkMeasures({ cost }, limits);
      if (refused) setResultAndStopExecution({ errors: [refused] });
    },
  };
};
