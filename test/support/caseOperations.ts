/** GraphQL documents shared by the case scenarios. */
export const caseFields = `id streamId number status version summary violations amountInvolvedFen warnings
  agency { id name } subject { kind name creditCode idNumberMasked } source`;

export const registerCaseMutation = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { ${caseFields} } }`;

const inputTypeOf: Record<string, string> = {
  fileCase: 'CaseStepInput',
  decideNotToFile: 'CaseStepInput',
  closeCase: 'CaseStepInput',
  recordEvidence: 'RecordEvidenceInput',
  decidePenalty: 'DecidePenaltyInput',
};

export const caseStepMutation = (name: string) =>
  `mutation($input: ${inputTypeOf[name]}!) { ${name}(input: $input) { ${caseFields} } }`;
