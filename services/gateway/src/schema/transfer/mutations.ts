import { authOf } from '../common/callerAuth.ts';
import { transferCommandRoles } from '@xianjie/auth';
import type { Transfer } from '@xianjie/domain';
import { transferCommandInputs } from '@xianjie/transfer-service';
import type { TransferCommandName } from '@xianjie/transfer-service';
import { z } from 'zod';
import { builder } from '../../builder.ts';
import { mergeTransferSides } from '@xianjie/domain';
import { viewOfMerged } from '../../transferView.ts';
import { runCommand, withoutNulls } from '../common/commandMutation.ts';
import { clientFor } from './clientFor.ts';
import {
  DecideReconsiderationInputType,
  DisposeClueInputType,
  ExplainNonFilingInputType,
  ExtendDeadlineInputType,
  ForwardTransferInputType,
  HandOverMaterialsInputType,
  ProcuratorateNoticeInputType,
  ProposeTransferInputType,
  RecordTransferResultInputType,
  RequestSupplementInputType,
  SupplementMaterialsInputType,
  TransferStepInputType,
} from './inputs.ts';
import { TransferType } from './transferType.ts';

/**
 * The command's contract schema, refusing fields it does not take: TransferStepInput is shared by
 * several commands, and a field meant for another one must not be dropped silently.
 */
const inputSchemaOf = (name: TransferCommandName): z.ZodType => {
  const schema = transferCommandInputs[name];
  const known = schema instanceof z.ZodObject ? new Set(Object.keys(schema.shape)) : null;
  return z.preprocess((raw, ctx) => {
    const value = withoutNulls(raw);
    if (known && value && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        if (!known.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: `${name} does not take ${key}` });
      }
    }
    return value;
  }, schema);
};

type AnyTransferInput =
  | typeof ProposeTransferInputType
  | typeof TransferStepInputType
  | typeof DecideReconsiderationInputType
  | typeof SupplementMaterialsInputType
  | typeof ForwardTransferInputType
  | typeof RequestSupplementInputType
  | typeof ExtendDeadlineInputType
  | typeof DisposeClueInputType
  | typeof RecordTransferResultInputType
  | typeof ProcuratorateNoticeInputType
  | typeof ExplainNonFilingInputType;

const transferMutation = (name: TransferCommandName, input: AnyTransferInput, description: string, deprecationReason?: string) => {
  const roles: readonly string[] = transferCommandRoles[name].roles;
  const side = transferCommandRoles[name].side === 'sender' ? '发送方' : '接收方';
  const needs = roles.includes('officer') ? '' : ', supervisor';
  return builder.mutationField(name, (t) =>
    t.field({
      type: TransferType,
      description: `${description} (${side}${needs})`,
      ...(deprecationReason ? { deprecationReason } : {}),
      // The service checks side and role (auth's transferCommandRoles) and says which is missing.
      authScopes: { authenticated: true },
      args: { input: t.arg({ type: input as typeof TransferStepInputType, required: true, validate: inputSchemaOf(name) }) },
      resolve: async (_root, args, ctx) => {
        const client = clientFor(ctx, ctx.principal!.agencyId);
        const snapshot = await runCommand(ctx, args.input, (input, auth) => client.execute(name, input, auth));
        // The caller acted as one side (the service checked it): it sees the transfer as its own
        // service knows it, even when the step made it no party any more (a forward).
        const merged =
          (await client.transferView(snapshot.transferId, undefined, authOf(ctx))) ??
          mergeTransferSides(
            snapshot.side === 'SENDER' ? fromSnapshot(snapshot) : null,
            snapshot.side === 'RECEIVER' ? fromSnapshot(snapshot) : null,
            {
              ...(ctx.platform.calendar ? { calendar: ctx.platform.calendar } : {}),
              ...(ctx.platform.policies ? { policies: ctx.platform.policies } : {}),
            },
          )!;
        return viewOfMerged(merged, snapshot.side);
      },
    }),
  );
};

/** A command's own result as a folded side, when the store has nothing to read back. */
const fromSnapshot = (snapshot: { state: Transfer; version: number }) => ({
  state: snapshot.state,
  version: snapshot.version,
  events: [],
  lastEventAt: new Date().toISOString(),
  lastPosition: null,
});

// The sender's steps
transferMutation('proposeTransfer', ProposeTransferInputType, '专案组提出移送: propose a transfer of your case with its materials');
transferMutation(
  'approveTransfer',
  TransferStepInputType,
  '负责人批准移送: approve; it is sent at once (CRIMINAL: the head or acting head only; declared seized property: propertyHandOver and partyNotice)',
);
transferMutation('refuseTransfer', TransferStepInputType, '负责人不批准移送: refuse (reason required; CRIMINAL: the head or acting head only)');
transferMutation('supplyMaterials', SupplementMaterialsInputType, '补正材料: supply the materials the receiver asked for');
transferMutation('requestReconsideration', TransferStepInputType, '提请复议: ask the receiver to reconsider its decline (reason required)');
transferMutation(
  'suggestProcuratorateSupervision',
  TransferStepInputType,
  '建议检察院立案监督: suggest procuratorate supervision (reason required)',
);
transferMutation('handOverMaterials', HandOverMaterialsInputType, '移交涉案物品及有关材料: hand over after acceptance');
transferMutation('closeTransfer', TransferStepInputType, '办结: close your follow-up of the transfer');
// The receiver's steps
transferMutation('receiveTransfer', TransferStepInputType, '签收: sign the receipt of a transfer sent to your agency');
transferMutation('forwardTransfer', ForwardTransferInputType, '转送: forward to the competent agency (reason required)');
transferMutation('returnTransfer', TransferStepInputType, '退回: return as outside your jurisdiction (reason required)');
transferMutation('requestSupplement', RequestSupplementInputType, '通知补正材料: ask the sender for missing materials');
transferMutation(
  'acceptTransfer',
  TransferStepInputType,
  '立案/受理: accept (documentNumber optional; required when filing under the procuratorate’s supervision; propertyReceivedAt when seized property came with the case)',
);
transferMutation('declineTransfer', TransferStepInputType, '不予立案/不予受理: decline (reason required; reasonCategory defaults to OTHER)');
transferMutation('extendDeadline', ExtendDeadlineInputType, '延长期限: extend the decision window for a complex case');
transferMutation('decideReconsideration', DecideReconsiderationInputType, '复议决定: accept on reconsideration or uphold the decline');
transferMutation('disposeClue', DisposeClueInputType, '线索处置: dispose of a clue (commission)');
transferMutation('recordTransferResult', RecordTransferResultInputType, '结果反馈: feed the result back to the sender');
// 立案监督 (公安机关办理刑事案件程序规定第一百八十二条): the procuratorate issues its notices itself (requestNonFilingExplanation,
// decideNonFilingReasons) and they reach the police's stream from the bus; the police's own record of them stays for a
// procuratorate that is not on the platform (a notice on paper), and the audit trail shows who recorded it.
const recordedByPolice =
  'The procuratorate issues its notices on the platform (requestNonFilingExplanation, decideNonFilingReasons); they reach the police’s transfer by themselves. ' +
  'Use this only for a notice on paper from a procuratorate not on the platform: the record is the police’s word, not the procuratorate’s.';
transferMutation(
  'recordProcuratorateInquiry',
  ProcuratorateNoticeInputType,
  '记录检察院要求说明不立案理由通知书: record its receipt; the written explanation is due within 7 days',
  recordedByPolice,
);
transferMutation('explainNonFiling', ExplainNonFilingInputType, '说明不立案理由: answer the procuratorate’s inquiry in writing');
transferMutation(
  'recordProcuratorateFilingOrder',
  ProcuratorateNoticeInputType,
  '记录检察院通知立案书: record its receipt; file (acceptTransfer) within 15 days',
  recordedByPolice,
);
