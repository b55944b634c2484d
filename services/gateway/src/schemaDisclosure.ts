import { GraphQLError, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** `Did you mean "caseById"?` and the like: graphql-js's hints name fields and values of the schema. */
const suggestion = /\s*Did you mean [^?]*\?\s*$/;

// Validation errors are GraphQLErrors (duck-typed: yoga may load graphql's other build, see errors.ts).
const isGraphQLError = (error: Error): error is GraphQLError => 'extensions' in error && 'locations' in error;

const withoutSuggestion = (error: Error): Error =>
  isGraphQLError(error) && suggestion.test(error.message)
    ? new GraphQLError(error.message.replace(suggestion, ''), {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        originalError: error.originalError,
        extensions: error.extensions,
      })
    : error;

/**
 * graphql's NoSchemaIntrospectionCustomRule, by field name: its type checks throw when the schema
 * comes from graphql's other build (errors.ts). `__typename` stays allowed.
 */
const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(
        new GraphQLError(`GraphQL introspection is not allowed without a token, but the query contained the field "${node.name.value}".`, {
          nodes: node,
        }),
      );
    }
  },
});

/**
 * Distributed mode (decision 0009): a caller without a valid token learns nothing of the schema,
 * neither by introspection nor from "Did you mean …" hints in validation errors. `signedIn` tells
 * from the yoga context whether the request's token was verified (validation runs before the
 * GraphQL context is built, so a bad token would not have failed yet). The committed SDL is the
 * schema's documentation.
 */
export const useSchemaHiddenFromAnonymous = (signedIn: (context: unknown) => boolean): Plugin => ({
  onValidate({ context, addValidationRule }) {
    if (signedIn(context)) return;
    addValidationRule(noIntrospection);
    return ({ result, setResult }) => {
      if (result.length > 0) setResult(result.map(withoutSuggestion));
    };
  },
});
