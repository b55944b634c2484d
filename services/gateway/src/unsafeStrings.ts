import { GraphQLError, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { findUnsafeString, unsafeStringReason } from '@xianjie/http';

/** The first string literal of a document that no store can hold, with the argument path it sits at. */
const findUnsafeLiteral = (document: DocumentNode): { path: string; reason: string } | null => {
  const path: string[] = [];
  let found: { path: string; reason: string } | null = null;
  visit(document, {
    Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    StringValue(node) {
      const reason = unsafeStringReason(node.value);
      if (reason && !found) found = { path: path.join('.'), reason };
    },
  });
  return found;
};

/**
 * NUL (`\u0000`) and lone surrogates in any string input, literal or variable: BAD_USER_INPUT
 * naming the field, before anything runs (issue #12, hole 11). PostgreSQL's jsonb refuses NUL, so
 * without this the command failed deep in the store as a masked internal error.
 */
export const useUnsafeStringRefusal = (): Plugin => ({
  onExecute({ args, setResultAndStopExecution }) {
    const variable = findUnsafeString(args.variableValues ?? {});
    const found = variable ?? findUnsafeLiteral(args.document);
    if (!found) return;
    const issues = [{ path: found.path, message: found.reason }];
    setResultAndStopExecution({
      // `http`: a request error is a 400 (yoga answers 500 for a GraphQLError of graphql's other build), kept off the wire.
      errors: [new GraphQLError(`${found.path}: ${found.reason}`, { extensions: { code: 'BAD_USER_INPUT', field: found.path, issues, http: { status: 400 } } })],
    });
  },
});
