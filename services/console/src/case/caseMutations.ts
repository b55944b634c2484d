import { graphql } from '../gql/index.ts';

/** The case commands; each answers the case's new version and status, then the page re-reads it. */

export const registerCase = graphql(`
  mutation RegisterCase($input: RegisterCaseInput!) {
    registerCase(input: $input) {
      id
      version
      status
    }
  }
`);
export const fileCase = graphql(`
  mutation FileCase($input: CaseStepInput!) {
    fileCase(input: $input) {
      id
      version
      status
    }
  }
`);
export const decideNotToFile = graphql(`
  mutation DecideNotToFile($input: CaseStepInput!) {
    decideNotToFile(input: $input) {
      id
      version
      status
    }
  }
`);
export const recordEvidence = graphql(`
  mutation RecordEvidence($input: RecordEvidenceInput!) {
    recordEvidence(input: $input) {
      id
      version
      status
    }
  }
`);
export const decidePenalty = graphql(`
  mutation DecidePenalty($input: DecidePenaltyInput!) {
    decidePenalty(input: $input) {
      id
      version
      status
    }
  }
`);
export const closeCase = graphql(`
  mutation CloseCase($input: CaseStepInput!) {
    closeCase(input: $input) {
      id
      version
      status
    }
  }
`);
