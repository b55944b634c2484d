import { graphql } from '../gql/index.ts';

/**
 * Every transfer command of the schema. Each answers the transfer's new version and status; the
 * page then re-reads the whole transfer.
 */

export const approveTransfer = graphql(`
  mutation ApproveTransfer($input: TransferStepInput!) {
    approveTransfer(input: $input) {
      id
      version
      status
    }
  }
`);
export const refuseTransfer = graphql(`
  mutation RefuseTransfer($input: TransferStepInput!) {
    refuseTransfer(input: $input) {
      id
      version
      status
    }
  }
`);
export const receiveTransfer = graphql(`
  mutation ReceiveTransfer($input: TransferStepInput!) {
    receiveTransfer(input: $input) {
      id
      version
      status
    }
  }
`);
export const acceptTransfer = graphql(`
  mutation AcceptTransfer($input: TransferStepInput!) {
    acceptTransfer(input: $input) {
      id
      version
      status
    }
  }
`);
export const declineTransfer = graphql(`
  mutation DeclineTransfer($input: TransferStepInput!) {
    declineTransfer(input: $input) {
      id
      version
      status
    }
  }
`);
export const requestReconsideration = graphql(`
  mutation RequestReconsideration($input: TransferStepInput!) {
    requestReconsideration(input: $input) {
      id
      version
      status
    }
  }
`);
export const returnTransfer = graphql(`
  mutation ReturnTransfer($input: TransferStepInput!) {
    returnTransfer(input: $input) {
      id
      version
      status
    }
  }
`);
export const suggestProcuratorateSupervision = graphql(`
  mutation SuggestProcuratorateSupervision($input: TransferStepInput!) {
    suggestProcuratorateSupervision(input: $input) {
      id
      version
      status
    }
  }
`);
export const closeTransfer = graphql(`
  mutation CloseTransfer($input: TransferStepInput!) {
    closeTransfer(input: $input) {
      id
      version
      status
    }
  }
`);
export const requestSupplement = graphql(`
  mutation RequestSupplement($input: RequestSupplementInput!) {
    requestSupplement(input: $input) {
      id
      version
      status
    }
  }
`);
export const supplyMaterials = graphql(`
  mutation SupplyMaterials($input: SupplementMaterialsInput!) {
    supplyMaterials(input: $input) {
      id
      version
      status
    }
  }
`);
export const decideReconsideration = graphql(`
  mutation DecideReconsideration($input: DecideReconsiderationInput!) {
    decideReconsideration(input: $input) {
      id
      version
      status
    }
  }
`);
export const forwardTransfer = graphql(`
  mutation ForwardTransfer($input: ForwardTransferInput!) {
    forwardTransfer(input: $input) {
      id
      version
      status
    }
  }
`);
export const extendDeadline = graphql(`
  mutation ExtendDeadline($input: ExtendDeadlineInput!) {
    extendDeadline(input: $input) {
      id
      version
      status
    }
  }
`);
export const handOverMaterials = graphql(`
  mutation HandOverMaterials($input: HandOverMaterialsInput!) {
    handOverMaterials(input: $input) {
      id
      version
      status
    }
  }
`);
export const recordTransferResult = graphql(`
  mutation RecordTransferResult($input: RecordTransferResultInput!) {
    recordTransferResult(input: $input) {
      id
      version
      status
    }
  }
`);
export const disposeClue = graphql(`
  mutation DisposeClue($input: DisposeClueInput!) {
    disposeClue(input: $input) {
      id
      version
      status
    }
  }
`);
export const recordProcuratorateInquiry = graphql(`
  mutation RecordProcuratorateInquiry($input: ProcuratorateNoticeInput!) {
    recordProcuratorateInquiry(input: $input) {
      id
      version
      status
    }
  }
`);
export const explainNonFiling = graphql(`
  mutation ExplainNonFiling($input: ExplainNonFilingInput!) {
    explainNonFiling(input: $input) {
      id
      version
      status
    }
  }
`);
export const recordProcuratorateFilingOrder = graphql(`
  mutation RecordProcuratorateFilingOrder($input: ProcuratorateNoticeInput!) {
    recordProcuratorateFilingOrder(input: $input) {
      id
      version
      status
    }
  }
`);
export const proposeTransfer = graphql(`
  mutation ProposeTransfer($input: ProposeTransferInput!) {
    proposeTransfer(input: $input) {
      id
      version
      status
    }
  }
`);

export const agenciesQuery = graphql(`
  query Agencies($kind: AgencyKind) {
    agencies(kind: $kind) {
      id
      name
      kind
      regionCode
    }
  }
`);
