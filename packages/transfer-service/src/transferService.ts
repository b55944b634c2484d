import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  AcceptTransferInput,
  ApproveTransferInput,
  caseStreamId,
  ConcurrencyError,
  DecideReconsiderationInput,
  DeclineTransferInput,
  DisposeClueInput,
  ExplainNonFilingInput,
  ExtendDeadlineInput,
  ForbiddenError,
  ForwardTransferInput,
  HandOverMaterialsInput,
  InvalidTransitionError,
  NotFoundError,
  parseInput,
  ProposeTransferInput,
  RecordProcuratorateFilingOrderInput,
  RecordProcuratorateInquiryInput,
  RecordTransferResultInput,
  RefuseTransferInput,
  RequestReconsiderationInput,
  RequestSupplementInput,
  ReturnTransferInput,
  SuggestSupervisionInput,
  SupplementMaterialsInput,
  transferReceiverStreamId,
  transferStreamId,
  TransferStepInput,
  transferPolicies,
  ValidationError,
  commandTime,
  idForCommand
} from '@xianjie/contracts';
import type {
  Actor,
  AgencyDirectory,
  AgencyKind,
  AgencyRef,
  CaseEvent,
  ReceiverFactType,
  SenderFactType,
  TransferEvent,
} from '@xianjie/contracts';
import { createReceiverDecider, createSenderDecider, decisionCapacity, fold, foldCase } from '@xianjie/domain';
import type {
  ReceiverCommand,
  SenderCommand,
  TransferDeciderOptions,
  TransferSide,
  TransferState,
} from '@xianjie/domain';
import { assertAllowed, transferCommandRoles } from '@xianjie/auth';
import type { AccessRules, Principal, TransferCommand } from '@xianjie/auth';
import { appendDecided } from '@xianjie/event-store';
import type { EventStore, RecordedEvent, SqlClient } from '@xianjie/event-store';
import { createIncomingTransfers } from './incomingTransfers.ts';

/** The transfer commands by their API names (the keys of auth's `transferCommandRoles`). */
export type TransferCommandName = TransferCommand;
export const transferCommandNames = Object.keys(transferCommandRoles) as TransferCommandName[];

/** The input schema of each command (contracts); the service adds ids, agencies, actor and time. */
export const transferCommandInputs: Readonly<Record<TransferCommandName, z.ZodType>> = {
  proposeTransfer: ProposeTransferInput,
  approveTransfer: ApproveTransferInput,
  refuseTransfer: RefuseTransferInput,
  supplyMaterials: SupplementMaterialsInput,
  requestReconsideration: RequestReconsiderationInput,
  suggestProcuratorateSupervision: SuggestSupervisionInput,
  handOverMaterials: HandOverMaterialsInput,
  closeTransfer: TransferStepInput,
  receiveTransfer: TransferStepInput,
  forwardTransfer: ForwardTransferInput,
  returnTransfer: ReturnTransferInput,
  requestSupplement: RequestSupplementInput,
  acceptTransfer: AcceptTransferInput,
  declineTransfer: DeclineTransferInput,
  extendDeadline: ExtendDeadlineInput,
  decideReconsideration: DecideReconsiderationInput,
  disposeClue: DisposeClueInput,
  recordTransferResult: RecordTransferResultInput,
  recordProcuratorateInquiry: RecordProcuratorateInquiryInput,
  explainNonFiling: ExplainNonFilingInput,
  recordProcuratorateFilingOrder: RecordProcuratorateFilingOrderInput,
};

export interface TransferCommandResult {
  transferId: string;
  side: TransferSide;
  streamId: string;
  state: TransferState;
  version: number;
  /** Events appended by this command (the first attempt's, for a retried commandId). */
  events: RecordedEvent[];
  duplicate: boolean;
}

export interface TransferCommandContext {
  principal: Principal;
  correlationId?: string;
  /**
   * When the step happened (ISO-8601 with offset, not after now), for trusted in-process callers
   * that record the past (the demo seed, importers): the command's time instead of `now()`, so its
   * deadlines count from it. The HTTP command API never sets it.
   */
  occurredAt?: string;
}

/** What the consumer asks: note the other side's fact on this service's stream of the transfer. */
export interface NoteRequest {
  /** The stream to note on: SENDER notes a receiver fact, RECEIVER notes a sender fact. */
  side: TransferSide;
  transferId: string;
  fact: { type: SenderFactType | ReceiverFactType; data: unknown };
  /** The message id: the append's commandId, so a redelivery appends nothing. */
  messageId: string;
  correlationId?: string | null;
  /** Names the system actor (`system:<service>`). */
  serviceName: string;
}

export interface TransferServiceOptions {
  store: EventStore;
  /** The service's own SQL database and schema (incoming transfers). */
  sql: SqlClient;
  schema: string;
  directory: AgencyDirectory;
  rules: AccessRules;
  logger: Logger;
  /** The clock: ISO-8601 now. Injected so tests and seeds control time. */
  now: () => string;
  /** The agency kinds this service acts for (police: ['POLICE']); it owns their transfer streams. */
  agencyKinds: readonly AgencyKind[];
  /** Calendar and policies for the deciders (defaults: the built-in ones). */
  decider?: TransferDeciderOptions;
  /** Called after every append (wakes the outbox relay instead of waiting for its poll). */
  onAppended?: () => void;
}


const ref = (agency: AgencyRef): AgencyRef => ({ id: agency.id, kind: agency.kind, regionCode: agency.regionCode });

export const streamIdOf = (side: TransferSide, transferId: string): string =>
  side === 'SENDER' ? transferStreamId(transferId) : transferReceiverStreamId(transferId);

const toTransferEvent = (e: RecordedEvent): TransferEvent => ({ type: e.type, data: e.data }) as TransferEvent;

/**
 * Runs the transfer commands of both sides for the agencies of `agencyKinds`: validate → load the
 * side's stream → party and role (auth) → expected version → the side's decider → append with the
 * loaded version and the commandId. One handler for the HTTP command API and the in-process client.
 */
export const createTransferService = (options: TransferServiceOptions) => {
  const { store, directory, rules, logger, now } = options;
  const kinds = new Set<string>(options.agencyKinds);
  const sender = createSenderDecider(options.decider);
  const receiver = createReceiverDecider(options.decider);
  const incoming = createIncomingTransfers(options.sql, options.schema, options.decider ?? {});

  const load = async (side: TransferSide, transferId: string, asOf?: string) => {
    const events = await store.readStream(streamIdOf(side, transferId), asOf ? { until: asOf } : {});
    const decider = side === 'SENDER' ? sender : receiver;
    return {
      events,
      state: fold(decider, events.map(toTransferEvent)),
      version: events.length ? events.at(-1)!.version : 0,
    };
  };

  const append = async (
    side: TransferSide,
    transferId: string,
    loaded: Awaited<ReturnType<typeof load>>,
    decided: TransferEvent[],
    meta: { actor: Actor; at: string; correlationId: string; commandId?: string },
  ) => {
    const streamId = streamIdOf(side, transferId);
    const result = await appendDecided(store, streamId, loaded.version, decided, meta);
    if (!result.duplicate && result.events.length > 0) options.onAppended?.();
    const state = result.duplicate
      ? (await load(side, transferId)).state
      : fold(side === 'SENDER' ? sender : receiver, [...loaded.events, ...result.events].map(toTransferEvent));
    return { result, state };
  };

  /** The agency of the principal, which must be one this service acts for. */
  const ownAgency = (principal: Principal) => {
    const agency = directory.require(principal.agencyId);
    if (!kinds.has(agency.kind)) {
      throw new ForbiddenError(`this service acts for ${[...kinds].join(', ')} agencies, not ${agency.name} (${agency.kind})`);
    }
    return agency;
  };

  /** The agency named by an input field, as a ValidationError on that field when unknown. */
  const agencyAt = (path: string, id: string): AgencyRef => {
    const agency = directory.get(id);
    if (!agency) throw new ValidationError([{ path, message: `${id} is not an agency of the directory` }]);
    return ref(agency);
  };

  /**
   * The case a proposal is about: it must exist and belong to the proposing agency; or, for a
   * REVERSE transfer (反向衔接), be the case of a transfer the proposing agency received (police
   * hold no administrative case stream: they send back what was transferred to them).
   */
  const requireOwnCase = async (caseId: string, agencyId: string, kind: string) => {
    if (kind === 'REVERSE') {
      const { rows } = await options.sql.query(
        // incoming_transfers, not the read model: it is written before the receipt can be signed,
        // so a REVERSE right after the police's own steps never waits for a projection.
        `SELECT 1 FROM "${options.schema}".incoming_transfers WHERE to_agency_id = $1 AND sent->>'caseId' = $2 LIMIT 1`,
        [agencyId, caseId],
      );
      if (rows.length === 0) {
        throw new ValidationError([
          { path: 'caseId', message: `a REVERSE transfer sends back a case transferred to ${agencyId}; ${caseId} was not` },
        ]);
      }
      return;
    }
    const events = await store.readStream(caseStreamId(caseId));
    const state = foldCase(events.map((e) => ({ type: e.type, data: e.data }) as CaseEvent));
    if (state.status === 'NONE' || state.agencyId !== agencyId) throw new NotFoundError('Case', caseId);
  };

  const execute = async (
    name: TransferCommandName,
    rawInput: unknown,
    context: TransferCommandContext,
  ): Promise<TransferCommandResult> => {
    const started = performance.now();
    const rule = Object.hasOwn(transferCommandRoles, name) ? transferCommandRoles[name] : undefined;
    if (!rule) throw new ValidationError([{ path: 'command', message: `unknown transfer command "${String(name)}"` }]);
    const side: TransferSide = rule.side === 'sender' ? 'SENDER' : 'RECEIVER';
    const { principal } = context;
    const correlationId = context.correlationId ?? randomUUID();
    const input = parseInput(transferCommandInputs[name], rawInput) as Record<string, unknown> & {
      commandId?: string;
      transferId?: string;
      expectedVersion?: number;
    };
    const at = commandTime(context.occurredAt, now());
    const transferId = name === 'proposeTransfer' ? idForCommand('transfer', principal.agencyId, input.commandId) : String(input.transferId);
    const streamId = streamIdOf(side, transferId);
    const loaded = await load(side, transferId);
    const agency = ownAgency(principal);

    // The parties: from the stream when it exists, else from the proposal or the transfer as sent.
    let parties: { fromAgencyId: string; toAgencyId: string };
    let sent: unknown;
    let toAgency: AgencyRef | undefined;
    let awaitingReceipt = false;
    const arrived = side === 'RECEIVER' && loaded.state.status === 'NONE' ? await incoming.get(transferId) : null;
    if (loaded.state.status !== 'NONE') {
      parties = { fromAgencyId: loaded.state.fromAgency.id, toAgencyId: loaded.state.toAgency.id };
    } else if (name === 'proposeTransfer') {
      toAgency = agencyAt('toAgencyId', String(input.toAgencyId));
      parties = { fromAgencyId: agency.id, toAgencyId: toAgency.id };
    } else if (name === 'receiveTransfer') {
      if (!arrived) throw new NotFoundError('Transfer', transferId);
      sent = arrived.sent;
      parties = { fromAgencyId: arrived.fromAgencyId, toAgencyId: arrived.toAgencyId };
    } else if (arrived && arrived.toAgencyId === agency.id) {
      // In the addressee's inbox but not signed for: the step is not allowed yet (to anyone else
      // the transfer stays unknown, as in transfer(id)).
      parties = { fromAgencyId: arrived.fromAgencyId, toAgencyId: arrived.toAgencyId };
      awaitingReceipt = true;
    } else {
      throw new NotFoundError('Transfer', transferId);
    }
    // To anyone but its two parties a transfer does not exist (as in transfer(id)): NOT_FOUND, not
    // FORBIDDEN, whichever step they try. A party on the wrong side is told why (FORBIDDEN).
    if (agency.id !== parties.fromAgencyId && agency.id !== parties.toAgencyId) throw new NotFoundError('Transfer', transferId);
    assertAllowed(rules.canRunTransferCommand(principal, name, parties));
    const actor: Actor = {
      userId: principal.userId,
      name: principal.name,
      agencyId: principal.agencyId,
      roles: principal.roles,
      ...(principal.capacity ? { capacity: principal.capacity } : {}),
    };
    // Who decides on the report (Decree art. 5: the head, for a criminal transfer) is the sender
    // decider's rule; asked here too, before the expected version, so a plain supervisor hears why.
    if ((name === 'approveTransfer' || name === 'refuseTransfer') && loaded.state.status !== 'NONE') {
      decisionCapacity((options.decider?.policies ?? transferPolicies)[loaded.state.kind], actor, name);
    }
    if (awaitingReceipt) {
      throw new InvalidTransitionError(name, 'the receiver signs the receipt (receiveTransfer) before any other step; it is SENT', 'SENT');
    }

    // A retried command finds its own events on the stream: answer as the first time, append nothing.
    if (input.commandId) {
      const own = loaded.events.filter((e) => e.metadata.commandId === input.commandId);
      if (own.length > 0) {
        return { transferId, side, streamId, state: loaded.state, version: loaded.version, events: own, duplicate: true };
      }
    }
    if (input.expectedVersion !== undefined && input.expectedVersion !== loaded.version) {
      throw new ConcurrencyError(streamId, input.expectedVersion, loaded.version);
    }
    if (name === 'proposeTransfer' && loaded.state.status === 'NONE') {
      await requireOwnCase(String(input.caseId), agency.id, String(input.kind));
    }

    const { commandId: _c, expectedVersion: _v, transferId: _t, toAgencyId, ...fields } = input;
    const type = `${name[0]!.toUpperCase()}${name.slice(1)}`;
    const base = { ...fields, type, transferId, at, actor };
    let decided: TransferEvent[];
    if (side === 'SENDER') {
      const command = (
        name === 'proposeTransfer' ? { ...base, fromAgency: ref(agency), toAgency } : base
      ) as SenderCommand;
      decided = sender.decide(command, loaded.state);
    } else {
      const command = (
        name === 'receiveTransfer'
          ? { ...base, sent }
          : name === 'forwardTransfer'
            ? { ...base, toAgency: agencyAt('toAgencyId', String(toAgencyId)) }
            : base
      ) as ReceiverCommand;
      decided = receiver.decide(command, loaded.state);
    }

    const { result, state } = await append(side, transferId, loaded, decided, {
      actor,
      at,
      correlationId,
      ...(input.commandId ? { commandId: input.commandId } : {}),
    });
    logger.info(
      {
        command: name,
        transferId,
        side,
        correlationId,
        commandId: input.commandId ?? null,
        actor: principal.userId,
        version: result.nextExpectedVersion,
        events: result.events.map((e) => e.type),
        duplicate: result.duplicate,
        ms: Math.round(performance.now() - started),
      },
      'command handled',
    );
    return { transferId, side, streamId, state, version: result.nextExpectedVersion, events: result.events, duplicate: result.duplicate };
  };

  /**
   * Notes the other side's fact on this service's stream of the transfer, as a system actor of the
   * owning agency. Returns null when the stream is not this service's (absent, or owned by an
   * agency of another kind: several services may share one store).
   */
  const note = async (request: NoteRequest): Promise<TransferCommandResult | null> => {
    const { side, transferId } = request;
    const loaded = await load(side, transferId);
    if (loaded.state.status === 'NONE') return null;
    const owner = side === 'SENDER' ? loaded.state.fromAgency : loaded.state.toAgency;
    if (!kinds.has(owner.kind)) return null;
    const at = now();
    const actor: Actor = { userId: `system:${request.serviceName}`, name: request.serviceName, agencyId: owner.id, roles: [] };
    const base = { transferId, at, actor, fact: request.fact };
    const decided =
      side === 'SENDER'
        ? sender.decide({ ...base, type: 'NoteReceiverStep' } as SenderCommand, loaded.state)
        : receiver.decide({ ...base, type: 'NoteSenderStep' } as ReceiverCommand, loaded.state);
    const { result, state } = await append(side, transferId, loaded, decided, {
      actor,
      at,
      correlationId: request.correlationId ?? randomUUID(),
      commandId: request.messageId,
    });
    return {
      transferId,
      side,
      streamId: streamIdOf(side, transferId),
      state,
      version: result.nextExpectedVersion,
      events: result.events,
      duplicate: result.duplicate,
    };
  };

  /**
   * 立案监督 (DESIGN §3.6): the procuratorate's notice, from its own integration event, recorded on
   * the police's stream of the transfer as the police's receipt of it (公安规定第一百八十二条: the 7 and
   * 15 days run from the receipt), by a system actor of the receiving police agency, with the message
   * id as the commandId (a redelivery appends nothing). Null when the stream is not this service's,
   * or the notice is addressed to another police agency. A notice the police's state cannot take is
   * refused by the decider (INVALID_TRANSITION; the consumer's retries and dead-letter topic apply).
   */
  const recordProcuratorateNotice = async (request: {
    notice: 'INQUIRY' | 'FILING_ORDER';
    transferId: string;
    policeAgencyId: string;
    documentNumber: string;
    /** When the procuratorate issued it (its event's time). */
    issuedAt: string;
    messageId: string;
    correlationId?: string | null;
    serviceName: string;
  }): Promise<TransferCommandResult | null> => {
    const { transferId } = request;
    const loaded = await load('RECEIVER', transferId);
    if (loaded.state.status === 'NONE') return null;
    const owner = loaded.state.toAgency;
    if (!kinds.has(owner.kind) || owner.id !== request.policeAgencyId) return null;
    const own = loaded.events.filter((e) => e.metadata.commandId === request.messageId);
    if (own.length > 0) {
      return { transferId, side: 'RECEIVER', streamId: streamIdOf('RECEIVER', transferId), state: loaded.state, version: loaded.version, events: own, duplicate: true };
    }
    // The notice is delivered on the platform when the procuratorate issues it: its time is the
    // receipt (both streams then count the same 7 or 15 days), never a time after the service's now.
    const at = Date.parse(request.issuedAt) <= Date.parse(now()) ? request.issuedAt : now();
    const actor: Actor = { userId: `system:${request.serviceName}`, name: request.serviceName, agencyId: owner.id, roles: [] };
    const command = {
      type: request.notice === 'INQUIRY' ? 'RecordProcuratorateInquiry' : 'RecordProcuratorateFilingOrder',
      transferId,
      at,
      actor,
      documentNumber: request.documentNumber,
    } as ReceiverCommand;
    const decided = receiver.decide(command, loaded.state);
    const { result, state } = await append('RECEIVER', transferId, loaded, decided, {
      actor,
      at,
      correlationId: request.correlationId ?? randomUUID(),
      commandId: request.messageId,
    });
    return {
      transferId,
      side: 'RECEIVER',
      streamId: streamIdOf('RECEIVER', transferId),
      state,
      version: result.nextExpectedVersion,
      events: result.events,
      duplicate: result.duplicate,
    };
  };

  return {
    execute,
    note,
    recordProcuratorateNotice,
    incoming,
    /** The transfer as one side's stream says, optionally as of a time (time travel); null when absent. */
    async transferAsOf(
      transferId: string,
      side: TransferSide,
      asOf?: string,
    ): Promise<{ state: Exclude<TransferState, { status: 'NONE' }>; version: number } | null> {
      const loaded = await load(side, transferId, asOf);
      if (loaded.state.status === 'NONE') return null;
      return { state: loaded.state, version: loaded.version };
    },
  };
};

export type TransferService = ReturnType<typeof createTransferService>;
