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
    "\n  mutation RegisterCase($input: RegisterCaseInput!) {\n    registerCase(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.RegisterCaseDocument,
    "\n  mutation FileCase($input: CaseStepInput!) {\n    fileCase(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.FileCaseDocument,
    "\n  mutation DecideNotToFile($input: CaseStepInput!) {\n    decideNotToFile(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.DecideNotToFileDocument,
    "\n  mutation RecordEvidence($input: RecordEvidenceInput!) {\n    recordEvidence(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.RecordEvidenceDocument,
    "\n  mutation DecidePenalty($input: DecidePenaltyInput!) {\n    decidePenalty(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.DecidePenaltyDocument,
    "\n  mutation CloseCase($input: CaseStepInput!) {\n    closeCase(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.CloseCaseDocument,
    "\n  query AuditTrail($streamId: String!) {\n    auditTrail(streamId: $streamId) {\n      streamId\n      verification {\n        valid\n        checked\n        brokenAt\n        reason\n      }\n      events {\n        type\n        version\n        occurredAt\n        recordedAt\n        hash\n        hashAlgorithm\n        actor {\n          userId\n          name\n          roles\n        }\n      }\n    }\n  }\n": typeof types.AuditTrailDocument,
    "\n  query CaseDetail($id: ID!, $asOf: DateTime) {\n    case(id: $id, asOf: $asOf) {\n      id\n      number\n      status\n      source\n      summary\n      amountInvolvedFen\n      violations\n      warnings\n      version\n      streamId\n      agency {\n        id\n        name\n      }\n      subject {\n        kind\n        name\n        creditCode\n        idNumberMasked\n      }\n      evidence {\n        id\n        kind\n        title\n        description\n        recordedAt\n      }\n      penalty {\n        decidedAt\n        decisionNumber\n        reason\n        repeatOffender\n        priorViolationsInWindow\n        penalties {\n          kind\n          amountFen\n          description\n        }\n        personsResponsible {\n          name\n          role\n          idNumberMasked\n        }\n      }\n      supervision {\n        dueAt\n        overdue\n        reason\n        requirements\n        supervisedAt\n        liftedAt\n        liftReason\n        closedAt\n        commission {\n          name\n        }\n      }\n      transfers {\n        id\n        kind\n        status\n        sentAt\n        proposedAt\n        toAgency {\n          name\n        }\n      }\n      origin {\n        operationId\n        findingId\n      }\n    }\n  }\n": typeof types.CaseDetailDocument,
    "\n  query Cases($filter: CaseFilter, $first: Int, $after: String) {\n    cases(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          summary\n          violations\n          warnings\n          agency {\n            id\n            name\n          }\n          subject {\n            name\n          }\n          supervision {\n            dueAt\n            overdue\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.CasesDocument,
    "\n  query Operations {\n    operations {\n      id\n      title\n      status\n      startsOn\n      endsOn\n      leadAgency {\n        id\n        name\n      }\n      participants {\n        id\n      }\n    }\n  }\n": typeof types.OperationsDocument,
    "\n  query Oversight($asOf: DateTime) {\n    oversight {\n      overdueTransfers(asOf: $asOf) {\n        step\n        label\n        legalBasis\n        dueAt\n        party\n        agency {\n          name\n        }\n        transfer {\n          id\n          kind\n          fromAgency {\n            name\n          }\n          toAgency {\n            name\n          }\n        }\n      }\n      supervisedCases(asOf: $asOf) {\n        caseId\n        number\n        dueAt\n        overdue\n        status\n        reason\n        agency {\n          name\n        }\n      }\n      awaitingFeedback(asOf: $asOf) {\n        daysWaiting\n        sentAt\n        stageLabel\n        transfer {\n          id\n          kind\n          fromAgency {\n            name\n          }\n          toAgency {\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.OversightDocument,
    "\n  query TransferDetail($id: ID!, $asOf: DateTime) {\n    transfer(id: $id, asOf: $asOf) {\n      id\n      kind\n      status\n      reason\n      caseId\n      version\n      streamId\n      receiverStreamId\n      copiedToProcuratorate\n      approvalNote\n      approverCapacityLabel\n      seizedProperty\n      caseTeam {\n        userId\n        name\n      }\n      absentMaterials {\n        kind\n        label\n        reason\n      }\n      propertyHandOver {\n        inventory\n        handedOverAt\n      }\n      partyNotice {\n        notifiedAt\n        methodLabel\n        documentNumber\n      }\n      proposedAt\n      sentAt\n      receivedAt\n      handedOverAt\n      fromAgency {\n        id\n        name\n        kind\n      }\n      toAgency {\n        id\n        name\n        kind\n      }\n      materials {\n        kind\n        title\n      }\n      handedOver {\n        kind\n        title\n      }\n      deadlines {\n        step\n        label\n        legalBasis\n        dueAt\n        metAt\n        metLate\n        obligation\n        party\n        status\n        extension {\n          code\n          reason\n        }\n      }\n      official {\n        name\n        post\n        employer\n        managementLevel\n        allegations\n      }\n      refusal {\n        reason\n        refusedAt\n      }\n      supplementRequest {\n        reason\n        requested\n        requestedAt\n      }\n      acceptance {\n        acceptedAt\n        documentNumber\n        reason\n        propertyReceivedAt\n      }\n      decline {\n        declinedAt\n        reason\n        reasonCategory\n      }\n      reconsideration {\n        reason\n        requestedAt\n        decision {\n          accepted\n          decidedAt\n          reason\n        }\n      }\n      supervision {\n        afterReconsideration\n        reason\n        suggestedAt\n      }\n      procuratorateInquiry {\n        documentNumber\n        receivedAt\n      }\n      nonFilingExplanation {\n        explainedAt\n        explanation\n      }\n      filingOrder {\n        documentNumber\n        receivedAt\n      }\n      returned {\n        reason\n        returnedAt\n      }\n      forwards {\n        forwardedAt\n        reason\n        fromAgency {\n          name\n        }\n        toAgency {\n          name\n        }\n      }\n      extensions {\n        extendedAt\n        extension\n        reason\n        step\n      }\n      dispositions {\n        disposedAt\n        disposition\n        reason\n      }\n      result {\n        outcome\n        recordedAt\n        result\n      }\n      closed {\n        closedAt\n        reason\n      }\n    }\n  }\n": typeof types.TransferDetailDocument,
    "\n  query Transfers($filter: TransferFilter!, $first: Int, $after: String) {\n    transfers(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          kind\n          status\n          reason\n          sentAt\n          proposedAt\n          caseId\n          fromAgency {\n            id\n            name\n          }\n          toAgency {\n            id\n            name\n          }\n          deadlines {\n            step\n            status\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.TransfersDocument,
    "\n  query MyWork($asOf: DateTime) {\n    myWork(asOf: $asOf) {\n      key\n      kind\n      step\n      stepLabel\n      legalBasis\n      dueAt\n      status\n      title\n      transfer {\n        id\n        kind\n        fromAgency {\n          id\n          name\n        }\n        toAgency {\n          id\n          name\n        }\n      }\n      case {\n        id\n        number\n      }\n    }\n  }\n": typeof types.MyWorkDocument,
    "\n  query WorkCount {\n    myWork {\n      key\n      status\n    }\n  }\n": typeof types.WorkCountDocument,
    "\n  mutation ApproveTransfer($input: TransferStepInput!) {\n    approveTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.ApproveTransferDocument,
    "\n  mutation RefuseTransfer($input: TransferStepInput!) {\n    refuseTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.RefuseTransferDocument,
    "\n  mutation ReceiveTransfer($input: TransferStepInput!) {\n    receiveTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.ReceiveTransferDocument,
    "\n  mutation AcceptTransfer($input: TransferStepInput!) {\n    acceptTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.AcceptTransferDocument,
    "\n  mutation DeclineTransfer($input: TransferStepInput!) {\n    declineTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.DeclineTransferDocument,
    "\n  mutation RequestReconsideration($input: TransferStepInput!) {\n    requestReconsideration(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.RequestReconsiderationDocument,
    "\n  mutation ReturnTransfer($input: TransferStepInput!) {\n    returnTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.ReturnTransferDocument,
    "\n  mutation SuggestProcuratorateSupervision($input: TransferStepInput!) {\n    suggestProcuratorateSupervision(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.SuggestProcuratorateSupervisionDocument,
    "\n  mutation CloseTransfer($input: TransferStepInput!) {\n    closeTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.CloseTransferDocument,
    "\n  mutation RequestSupplement($input: RequestSupplementInput!) {\n    requestSupplement(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.RequestSupplementDocument,
    "\n  mutation SupplyMaterials($input: SupplementMaterialsInput!) {\n    supplyMaterials(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.SupplyMaterialsDocument,
    "\n  mutation DecideReconsideration($input: DecideReconsiderationInput!) {\n    decideReconsideration(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.DecideReconsiderationDocument,
    "\n  mutation ForwardTransfer($input: ForwardTransferInput!) {\n    forwardTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.ForwardTransferDocument,
    "\n  mutation ExtendDeadline($input: ExtendDeadlineInput!) {\n    extendDeadline(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.ExtendDeadlineDocument,
    "\n  mutation HandOverMaterials($input: HandOverMaterialsInput!) {\n    handOverMaterials(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.HandOverMaterialsDocument,
    "\n  mutation RecordTransferResult($input: RecordTransferResultInput!) {\n    recordTransferResult(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.RecordTransferResultDocument,
    "\n  mutation DisposeClue($input: DisposeClueInput!) {\n    disposeClue(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.DisposeClueDocument,
    "\n  mutation RecordProcuratorateInquiry($input: ProcuratorateNoticeInput!) {\n    recordProcuratorateInquiry(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.RecordProcuratorateInquiryDocument,
    "\n  mutation ExplainNonFiling($input: ExplainNonFilingInput!) {\n    explainNonFiling(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.ExplainNonFilingDocument,
    "\n  mutation RecordProcuratorateFilingOrder($input: ProcuratorateNoticeInput!) {\n    recordProcuratorateFilingOrder(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.RecordProcuratorateFilingOrderDocument,
    "\n  mutation ProposeTransfer($input: ProposeTransferInput!) {\n    proposeTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.ProposeTransferDocument,
    "\n  query Agencies($kind: AgencyKind) {\n    agencies(kind: $kind) {\n      id\n      name\n      kind\n      regionCode\n    }\n  }\n": typeof types.AgenciesDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      userId\n      name\n      roles\n      agency {\n        id\n        name\n        kind\n        regionCode\n      }\n    }\n  }\n": types.MeDocument,
    "\n  mutation RegisterCase($input: RegisterCaseInput!) {\n    registerCase(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.RegisterCaseDocument,
    "\n  mutation FileCase($input: CaseStepInput!) {\n    fileCase(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.FileCaseDocument,
    "\n  mutation DecideNotToFile($input: CaseStepInput!) {\n    decideNotToFile(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.DecideNotToFileDocument,
    "\n  mutation RecordEvidence($input: RecordEvidenceInput!) {\n    recordEvidence(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.RecordEvidenceDocument,
    "\n  mutation DecidePenalty($input: DecidePenaltyInput!) {\n    decidePenalty(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.DecidePenaltyDocument,
    "\n  mutation CloseCase($input: CaseStepInput!) {\n    closeCase(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.CloseCaseDocument,
    "\n  query AuditTrail($streamId: String!) {\n    auditTrail(streamId: $streamId) {\n      streamId\n      verification {\n        valid\n        checked\n        brokenAt\n        reason\n      }\n      events {\n        type\n        version\n        occurredAt\n        recordedAt\n        hash\n        hashAlgorithm\n        actor {\n          userId\n          name\n          roles\n        }\n      }\n    }\n  }\n": types.AuditTrailDocument,
    "\n  query CaseDetail($id: ID!, $asOf: DateTime) {\n    case(id: $id, asOf: $asOf) {\n      id\n      number\n      status\n      source\n      summary\n      amountInvolvedFen\n      violations\n      warnings\n      version\n      streamId\n      agency {\n        id\n        name\n      }\n      subject {\n        kind\n        name\n        creditCode\n        idNumberMasked\n      }\n      evidence {\n        id\n        kind\n        title\n        description\n        recordedAt\n      }\n      penalty {\n        decidedAt\n        decisionNumber\n        reason\n        repeatOffender\n        priorViolationsInWindow\n        penalties {\n          kind\n          amountFen\n          description\n        }\n        personsResponsible {\n          name\n          role\n          idNumberMasked\n        }\n      }\n      supervision {\n        dueAt\n        overdue\n        reason\n        requirements\n        supervisedAt\n        liftedAt\n        liftReason\n        closedAt\n        commission {\n          name\n        }\n      }\n      transfers {\n        id\n        kind\n        status\n        sentAt\n        proposedAt\n        toAgency {\n          name\n        }\n      }\n      origin {\n        operationId\n        findingId\n      }\n    }\n  }\n": types.CaseDetailDocument,
    "\n  query Cases($filter: CaseFilter, $first: Int, $after: String) {\n    cases(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          summary\n          violations\n          warnings\n          agency {\n            id\n            name\n          }\n          subject {\n            name\n          }\n          supervision {\n            dueAt\n            overdue\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.CasesDocument,
    "\n  query Operations {\n    operations {\n      id\n      title\n      status\n      startsOn\n      endsOn\n      leadAgency {\n        id\n        name\n      }\n      participants {\n        id\n      }\n    }\n  }\n": types.OperationsDocument,
    "\n  query Oversight($asOf: DateTime) {\n    oversight {\n      overdueTransfers(asOf: $asOf) {\n        step\n        label\n        legalBasis\n        dueAt\n        party\n        agency {\n          name\n        }\n        transfer {\n          id\n          kind\n          fromAgency {\n            name\n          }\n          toAgency {\n            name\n          }\n        }\n      }\n      supervisedCases(asOf: $asOf) {\n        caseId\n        number\n        dueAt\n        overdue\n        status\n        reason\n        agency {\n          name\n        }\n      }\n      awaitingFeedback(asOf: $asOf) {\n        daysWaiting\n        sentAt\n        stageLabel\n        transfer {\n          id\n          kind\n          fromAgency {\n            name\n          }\n          toAgency {\n            name\n          }\n        }\n      }\n    }\n  }\n": types.OversightDocument,
    "\n  query TransferDetail($id: ID!, $asOf: DateTime) {\n    transfer(id: $id, asOf: $asOf) {\n      id\n      kind\n      status\n      reason\n      caseId\n      version\n      streamId\n      receiverStreamId\n      copiedToProcuratorate\n      approvalNote\n      approverCapacityLabel\n      seizedProperty\n      caseTeam {\n        userId\n        name\n      }\n      absentMaterials {\n        kind\n        label\n        reason\n      }\n      propertyHandOver {\n        inventory\n        handedOverAt\n      }\n      partyNotice {\n        notifiedAt\n        methodLabel\n        documentNumber\n      }\n      proposedAt\n      sentAt\n      receivedAt\n      handedOverAt\n      fromAgency {\n        id\n        name\n        kind\n      }\n      toAgency {\n        id\n        name\n        kind\n      }\n      materials {\n        kind\n        title\n      }\n      handedOver {\n        kind\n        title\n      }\n      deadlines {\n        step\n        label\n        legalBasis\n        dueAt\n        metAt\n        metLate\n        obligation\n        party\n        status\n        extension {\n          code\n          reason\n        }\n      }\n      official {\n        name\n        post\n        employer\n        managementLevel\n        allegations\n      }\n      refusal {\n        reason\n        refusedAt\n      }\n      supplementRequest {\n        reason\n        requested\n        requestedAt\n      }\n      acceptance {\n        acceptedAt\n        documentNumber\n        reason\n        propertyReceivedAt\n      }\n      decline {\n        declinedAt\n        reason\n        reasonCategory\n      }\n      reconsideration {\n        reason\n        requestedAt\n        decision {\n          accepted\n          decidedAt\n          reason\n        }\n      }\n      supervision {\n        afterReconsideration\n        reason\n        suggestedAt\n      }\n      procuratorateInquiry {\n        documentNumber\n        receivedAt\n      }\n      nonFilingExplanation {\n        explainedAt\n        explanation\n      }\n      filingOrder {\n        documentNumber\n        receivedAt\n      }\n      returned {\n        reason\n        returnedAt\n      }\n      forwards {\n        forwardedAt\n        reason\n        fromAgency {\n          name\n        }\n        toAgency {\n          name\n        }\n      }\n      extensions {\n        extendedAt\n        extension\n        reason\n        step\n      }\n      dispositions {\n        disposedAt\n        disposition\n        reason\n      }\n      result {\n        outcome\n        recordedAt\n        result\n      }\n      closed {\n        closedAt\n        reason\n      }\n    }\n  }\n": types.TransferDetailDocument,
    "\n  query Transfers($filter: TransferFilter!, $first: Int, $after: String) {\n    transfers(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          kind\n          status\n          reason\n          sentAt\n          proposedAt\n          caseId\n          fromAgency {\n            id\n            name\n          }\n          toAgency {\n            id\n            name\n          }\n          deadlines {\n            step\n            status\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.TransfersDocument,
    "\n  query MyWork($asOf: DateTime) {\n    myWork(asOf: $asOf) {\n      key\n      kind\n      step\n      stepLabel\n      legalBasis\n      dueAt\n      status\n      title\n      transfer {\n        id\n        kind\n        fromAgency {\n          id\n          name\n        }\n        toAgency {\n          id\n          name\n        }\n      }\n      case {\n        id\n        number\n      }\n    }\n  }\n": types.MyWorkDocument,
    "\n  query WorkCount {\n    myWork {\n      key\n      status\n    }\n  }\n": types.WorkCountDocument,
    "\n  mutation ApproveTransfer($input: TransferStepInput!) {\n    approveTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.ApproveTransferDocument,
    "\n  mutation RefuseTransfer($input: TransferStepInput!) {\n    refuseTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.RefuseTransferDocument,
    "\n  mutation ReceiveTransfer($input: TransferStepInput!) {\n    receiveTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.ReceiveTransferDocument,
    "\n  mutation AcceptTransfer($input: TransferStepInput!) {\n    acceptTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.AcceptTransferDocument,
    "\n  mutation DeclineTransfer($input: TransferStepInput!) {\n    declineTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.DeclineTransferDocument,
    "\n  mutation RequestReconsideration($input: TransferStepInput!) {\n    requestReconsideration(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.RequestReconsiderationDocument,
    "\n  mutation ReturnTransfer($input: TransferStepInput!) {\n    returnTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.ReturnTransferDocument,
    "\n  mutation SuggestProcuratorateSupervision($input: TransferStepInput!) {\n    suggestProcuratorateSupervision(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.SuggestProcuratorateSupervisionDocument,
    "\n  mutation CloseTransfer($input: TransferStepInput!) {\n    closeTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.CloseTransferDocument,
    "\n  mutation RequestSupplement($input: RequestSupplementInput!) {\n    requestSupplement(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.RequestSupplementDocument,
    "\n  mutation SupplyMaterials($input: SupplementMaterialsInput!) {\n    supplyMaterials(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.SupplyMaterialsDocument,
    "\n  mutation DecideReconsideration($input: DecideReconsiderationInput!) {\n    decideReconsideration(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.DecideReconsiderationDocument,
    "\n  mutation ForwardTransfer($input: ForwardTransferInput!) {\n    forwardTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.ForwardTransferDocument,
    "\n  mutation ExtendDeadline($input: ExtendDeadlineInput!) {\n    extendDeadline(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.ExtendDeadlineDocument,
    "\n  mutation HandOverMaterials($input: HandOverMaterialsInput!) {\n    handOverMaterials(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.HandOverMaterialsDocument,
    "\n  mutation RecordTransferResult($input: RecordTransferResultInput!) {\n    recordTransferResult(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.RecordTransferResultDocument,
    "\n  mutation DisposeClue($input: DisposeClueInput!) {\n    disposeClue(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.DisposeClueDocument,
    "\n  mutation RecordProcuratorateInquiry($input: ProcuratorateNoticeInput!) {\n    recordProcuratorateInquiry(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.RecordProcuratorateInquiryDocument,
    "\n  mutation ExplainNonFiling($input: ExplainNonFilingInput!) {\n    explainNonFiling(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.ExplainNonFilingDocument,
    "\n  mutation RecordProcuratorateFilingOrder($input: ProcuratorateNoticeInput!) {\n    recordProcuratorateFilingOrder(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.RecordProcuratorateFilingOrderDocument,
    "\n  mutation ProposeTransfer($input: ProposeTransferInput!) {\n    proposeTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.ProposeTransferDocument,
    "\n  query Agencies($kind: AgencyKind) {\n    agencies(kind: $kind) {\n      id\n      name\n      kind\n      regionCode\n    }\n  }\n": types.AgenciesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      userId\n      name\n      roles\n      agency {\n        id\n        name\n        kind\n        regionCode\n      }\n    }\n  }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterCase($input: RegisterCaseInput!) {\n    registerCase(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').RegisterCaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FileCase($input: CaseStepInput!) {\n    fileCase(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').FileCaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideNotToFile($input: CaseStepInput!) {\n    decideNotToFile(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').DecideNotToFileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordEvidence($input: RecordEvidenceInput!) {\n    recordEvidence(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').RecordEvidenceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecidePenalty($input: DecidePenaltyInput!) {\n    decidePenalty(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').DecidePenaltyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseCase($input: CaseStepInput!) {\n    closeCase(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').CloseCaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrail($streamId: String!) {\n    auditTrail(streamId: $streamId) {\n      streamId\n      verification {\n        valid\n        checked\n        brokenAt\n        reason\n      }\n      events {\n        type\n        version\n        occurredAt\n        recordedAt\n        hash\n        hashAlgorithm\n        actor {\n          userId\n          name\n          roles\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AuditTrailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseDetail($id: ID!, $asOf: DateTime) {\n    case(id: $id, asOf: $asOf) {\n      id\n      number\n      status\n      source\n      summary\n      amountInvolvedFen\n      violations\n      warnings\n      version\n      streamId\n      agency {\n        id\n        name\n      }\n      subject {\n        kind\n        name\n        creditCode\n        idNumberMasked\n      }\n      evidence {\n        id\n        kind\n        title\n        description\n        recordedAt\n      }\n      penalty {\n        decidedAt\n        decisionNumber\n        reason\n        repeatOffender\n        priorViolationsInWindow\n        penalties {\n          kind\n          amountFen\n          description\n        }\n        personsResponsible {\n          name\n          role\n          idNumberMasked\n        }\n      }\n      supervision {\n        dueAt\n        overdue\n        reason\n        requirements\n        supervisedAt\n        liftedAt\n        liftReason\n        closedAt\n        commission {\n          name\n        }\n      }\n      transfers {\n        id\n        kind\n        status\n        sentAt\n        proposedAt\n        toAgency {\n          name\n        }\n      }\n      origin {\n        operationId\n        findingId\n      }\n    }\n  }\n"): typeof import('./graphql').CaseDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Cases($filter: CaseFilter, $first: Int, $after: String) {\n    cases(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          number\n          status\n          summary\n          violations\n          warnings\n          agency {\n            id\n            name\n          }\n          subject {\n            name\n          }\n          supervision {\n            dueAt\n            overdue\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').CasesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Operations {\n    operations {\n      id\n      title\n      status\n      startsOn\n      endsOn\n      leadAgency {\n        id\n        name\n      }\n      participants {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').OperationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Oversight($asOf: DateTime) {\n    oversight {\n      overdueTransfers(asOf: $asOf) {\n        step\n        label\n        legalBasis\n        dueAt\n        party\n        agency {\n          name\n        }\n        transfer {\n          id\n          kind\n          fromAgency {\n            name\n          }\n          toAgency {\n            name\n          }\n        }\n      }\n      supervisedCases(asOf: $asOf) {\n        caseId\n        number\n        dueAt\n        overdue\n        status\n        reason\n        agency {\n          name\n        }\n      }\n      awaitingFeedback(asOf: $asOf) {\n        daysWaiting\n        sentAt\n        stageLabel\n        transfer {\n          id\n          kind\n          fromAgency {\n            name\n          }\n          toAgency {\n            name\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').OversightDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TransferDetail($id: ID!, $asOf: DateTime) {\n    transfer(id: $id, asOf: $asOf) {\n      id\n      kind\n      status\n      reason\n      caseId\n      version\n      streamId\n      receiverStreamId\n      copiedToProcuratorate\n      approvalNote\n      approverCapacityLabel\n      seizedProperty\n      caseTeam {\n        userId\n        name\n      }\n      absentMaterials {\n        kind\n        label\n        reason\n      }\n      propertyHandOver {\n        inventory\n        handedOverAt\n      }\n      partyNotice {\n        notifiedAt\n        methodLabel\n        documentNumber\n      }\n      proposedAt\n      sentAt\n      receivedAt\n      handedOverAt\n      fromAgency {\n        id\n        name\n        kind\n      }\n      toAgency {\n        id\n        name\n        kind\n      }\n      materials {\n        kind\n        title\n      }\n      handedOver {\n        kind\n        title\n      }\n      deadlines {\n        step\n        label\n        legalBasis\n        dueAt\n        metAt\n        metLate\n        obligation\n        party\n        status\n        extension {\n          code\n          reason\n        }\n      }\n      official {\n        name\n        post\n        employer\n        managementLevel\n        allegations\n      }\n      refusal {\n        reason\n        refusedAt\n      }\n      supplementRequest {\n        reason\n        requested\n        requestedAt\n      }\n      acceptance {\n        acceptedAt\n        documentNumber\n        reason\n        propertyReceivedAt\n      }\n      decline {\n        declinedAt\n        reason\n        reasonCategory\n      }\n      reconsideration {\n        reason\n        requestedAt\n        decision {\n          accepted\n          decidedAt\n          reason\n        }\n      }\n      supervision {\n        afterReconsideration\n        reason\n        suggestedAt\n      }\n      procuratorateInquiry {\n        documentNumber\n        receivedAt\n      }\n      nonFilingExplanation {\n        explainedAt\n        explanation\n      }\n      filingOrder {\n        documentNumber\n        receivedAt\n      }\n      returned {\n        reason\n        returnedAt\n      }\n      forwards {\n        forwardedAt\n        reason\n        fromAgency {\n          name\n        }\n        toAgency {\n          name\n        }\n      }\n      extensions {\n        extendedAt\n        extension\n        reason\n        step\n      }\n      dispositions {\n        disposedAt\n        disposition\n        reason\n      }\n      result {\n        outcome\n        recordedAt\n        result\n      }\n      closed {\n        closedAt\n        reason\n      }\n    }\n  }\n"): typeof import('./graphql').TransferDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Transfers($filter: TransferFilter!, $first: Int, $after: String) {\n    transfers(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          kind\n          status\n          reason\n          sentAt\n          proposedAt\n          caseId\n          fromAgency {\n            id\n            name\n          }\n          toAgency {\n            id\n            name\n          }\n          deadlines {\n            step\n            status\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').TransfersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyWork($asOf: DateTime) {\n    myWork(asOf: $asOf) {\n      key\n      kind\n      step\n      stepLabel\n      legalBasis\n      dueAt\n      status\n      title\n      transfer {\n        id\n        kind\n        fromAgency {\n          id\n          name\n        }\n        toAgency {\n          id\n          name\n        }\n      }\n      case {\n        id\n        number\n      }\n    }\n  }\n"): typeof import('./graphql').MyWorkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkCount {\n    myWork {\n      key\n      status\n    }\n  }\n"): typeof import('./graphql').WorkCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveTransfer($input: TransferStepInput!) {\n    approveTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').ApproveTransferDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefuseTransfer($input: TransferStepInput!) {\n    refuseTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').RefuseTransferDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReceiveTransfer($input: TransferStepInput!) {\n    receiveTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').ReceiveTransferDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptTransfer($input: TransferStepInput!) {\n    acceptTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').AcceptTransferDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineTransfer($input: TransferStepInput!) {\n    declineTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').DeclineTransferDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestReconsideration($input: TransferStepInput!) {\n    requestReconsideration(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').RequestReconsiderationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReturnTransfer($input: TransferStepInput!) {\n    returnTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').ReturnTransferDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SuggestProcuratorateSupervision($input: TransferStepInput!) {\n    suggestProcuratorateSupervision(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').SuggestProcuratorateSupervisionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseTransfer($input: TransferStepInput!) {\n    closeTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').CloseTransferDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestSupplement($input: RequestSupplementInput!) {\n    requestSupplement(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').RequestSupplementDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SupplyMaterials($input: SupplementMaterialsInput!) {\n    supplyMaterials(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').SupplyMaterialsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideReconsideration($input: DecideReconsiderationInput!) {\n    decideReconsideration(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').DecideReconsiderationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ForwardTransfer($input: ForwardTransferInput!) {\n    forwardTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').ForwardTransferDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExtendDeadline($input: ExtendDeadlineInput!) {\n    extendDeadline(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').ExtendDeadlineDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HandOverMaterials($input: HandOverMaterialsInput!) {\n    handOverMaterials(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').HandOverMaterialsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordTransferResult($input: RecordTransferResultInput!) {\n    recordTransferResult(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').RecordTransferResultDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisposeClue($input: DisposeClueInput!) {\n    disposeClue(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').DisposeClueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordProcuratorateInquiry($input: ProcuratorateNoticeInput!) {\n    recordProcuratorateInquiry(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').RecordProcuratorateInquiryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExplainNonFiling($input: ExplainNonFilingInput!) {\n    explainNonFiling(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').ExplainNonFilingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordProcuratorateFilingOrder($input: ProcuratorateNoticeInput!) {\n    recordProcuratorateFilingOrder(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').RecordProcuratorateFilingOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProposeTransfer($input: ProposeTransferInput!) {\n    proposeTransfer(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').ProposeTransferDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Agencies($kind: AgencyKind) {\n    agencies(kind: $kind) {\n      id\n      name\n      kind\n      regionCode\n    }\n  }\n"): typeof import('./graphql').AgenciesDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
