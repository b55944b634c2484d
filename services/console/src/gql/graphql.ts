/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AgencyKind =
  | 'DISCIPLINE_INSPECTION'
  | 'HEALTH'
  | 'MARKET_REGULATION'
  | 'MEDICAL_INSURANCE'
  | 'POLICE';

/** As of a time: MET, PENDING until due, then OVERDUE (a DUTY) or LAPSED (CONDITIONAL, RIGHT) */
export type DeadlineStatus =
  | 'LAPSED'
  | 'MET'
  | 'OVERDUE'
  | 'PENDING';

/** CRIMINAL 行刑衔接, DISCIPLINARY 行纪衔接, ADMINISTRATIVE 行行衔接, REVERSE 反向衔接 (刑→行) */
export type TransferKind =
  | 'ADMINISTRATIVE'
  | 'CRIMINAL'
  | 'DISCIPLINARY'
  | 'REVERSE';

/** APPROVAL: a proposal waiting for the head (负责人审批); TRANSFER_STEP: any other step of a transfer */
export type WorkItemKind =
  | 'APPROVAL'
  | 'TRANSFER_STEP';

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { userId: string, name: string, roles: Array<string>, agency: { id: string, name: string, kind: AgencyKind, regionCode: string } } };

export type MyWorkQueryVariables = Exact<{
  asOf?: string | null | undefined;
}>;


export type MyWorkQuery = { myWork: Array<{ key: string, kind: WorkItemKind, step: string, stepLabel: string, legalBasis: string, dueAt: string, status: DeadlineStatus, title: string, transfer: { id: string, kind: TransferKind, fromAgency: { id: string, name: string }, toAgency: { id: string, name: string } } | null, case: { id: string, number: string } | null }> };

export type WorkCountQueryVariables = Exact<{ [key: string]: never; }>;


export type WorkCountQuery = { myWork: Array<{ key: string, status: DeadlineStatus }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    userId
    name
    roles
    agency {
      id
      name
      kind
      regionCode
    }
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const MyWorkDocument = new TypedDocumentString(`
    query MyWork($asOf: DateTime) {
  myWork(asOf: $asOf) {
    key
    kind
    step
    stepLabel
    legalBasis
    dueAt
    status
    title
    transfer {
      id
      kind
      fromAgency {
        id
        name
      }
      toAgency {
        id
        name
      }
    }
    case {
      id
      number
    }
  }
}
    `) as unknown as TypedDocumentString<MyWorkQuery, MyWorkQueryVariables>;
export const WorkCountDocument = new TypedDocumentString(`
    query WorkCount {
  myWork {
    key
    status
  }
}
    `) as unknown as TypedDocumentString<WorkCountQuery, WorkCountQueryVariables>;