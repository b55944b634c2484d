/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me {\n      userId\n      name\n      roles\n      agency {\n        id\n        name\n        kind\n        regionCode\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  query MyWork($asOf: DateTime) {\n    myWork(asOf: $asOf) {\n      key\n      kind\n      step\n      stepLabel\n      legalBasis\n      dueAt\n      status\n      title\n      transfer {\n        id\n        kind\n        fromAgency {\n          id\n          name\n        }\n        toAgency {\n          id\n          name\n        }\n      }\n      case {\n        id\n        number\n      }\n    }\n  }\n": typeof types.MyWorkDocument,
    "\n  query WorkCount {\n    myWork {\n      key\n      status\n    }\n  }\n": typeof types.WorkCountDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      userId\n      name\n      roles\n      agency {\n        id\n        name\n        kind\n        regionCode\n      }\n    }\n  }\n": types.MeDocument,
    "\n  query MyWork($asOf: DateTime) {\n    myWork(asOf: $asOf) {\n      key\n      kind\n      step\n      stepLabel\n      legalBasis\n      dueAt\n      status\n      title\n      transfer {\n        id\n        kind\n        fromAgency {\n          id\n          name\n        }\n        toAgency {\n          id\n          name\n        }\n      }\n      case {\n        id\n        number\n      }\n    }\n  }\n": types.MyWorkDocument,
    "\n  query WorkCount {\n    myWork {\n      key\n      status\n    }\n  }\n": types.WorkCountDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      userId\n      name\n      roles\n      agency {\n        id\n        name\n        kind\n        regionCode\n      }\n    }\n  }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyWork($asOf: DateTime) {\n    myWork(asOf: $asOf) {\n      key\n      kind\n      step\n      stepLabel\n      legalBasis\n      dueAt\n      status\n      title\n      transfer {\n        id\n        kind\n        fromAgency {\n          id\n          name\n        }\n        toAgency {\n          id\n          name\n        }\n      }\n      case {\n        id\n        number\n      }\n    }\n  }\n"): typeof import('./graphql').MyWorkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkCount {\n    myWork {\n      key\n      status\n    }\n  }\n"): typeof import('./graphql').WorkCountDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
