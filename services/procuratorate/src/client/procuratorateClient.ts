import { NotFoundError } from '@xianjie/contracts';
import type { FilingSupervisionCommandName } from '@xianjie/auth';
import { remoteCall, type CallerAuth } from '@xianjie/http/client';
import type { FilingSupervisionItem } from '../filingSupervision.ts';
import type { ProcuratorateService } from '../procuratorateService.ts';
import type { TransferCopyItem } from '../transferCopies.ts';

/** A supervision after a 立案监督 command, as the procuratorate's service answered it. */
export interface FilingSupervisionSnapshot {
  item: FilingSupervisionItem;
  version: number;
  duplicate: boolean;
}

/** What the gateway needs from the procuratorate's service. Embedded: in-process; distributed: HTTP. */
export interface ProcuratorateClient {
  /** 抄送: the copies the caller's procuratorate may read (FORBIDDEN to anyone else). */
  transferCopies(auth: CallerAuth): Promise<TransferCopyItem[]>;
  /** One copy; null when it is not there or not the caller's to read. */
  transferCopy(transferId: string, auth: CallerAuth): Promise<TransferCopyItem | null>;
  executeFilingSupervision(name: FilingSupervisionCommandName, input: unknown, auth: CallerAuth): Promise<FilingSupervisionSnapshot>;
  /** The procuratorate's supervisions, the police's open duties first (judged at `asOf`, default now). */
  filingSupervisions(asOf: string | undefined, auth: CallerAuth): Promise<FilingSupervisionItem[]>;
  /** One transfer's supervision, if the caller may see it (parties, procuratorates, overseers of the region). */
  filingSupervision(transferId: string, asOf: string | undefined, auth: CallerAuth): Promise<FilingSupervisionItem | null>;
}

export const createInProcessProcuratorateClient = (service: ProcuratorateService): ProcuratorateClient => ({
  transferCopies: (auth) => service.copies.list(auth.principal),
  transferCopy: (transferId, auth) => service.copies.get(auth.principal, transferId),
  async executeFilingSupervision(name, input, auth) {
    const result = await service.supervision.execute(name, input, {
      principal: auth.principal,
      correlationId: auth.correlationId,
      ...(auth.occurredAt ? { occurredAt: auth.occurredAt } : {}),
    });
    return { item: result.item, version: result.version, duplicate: result.duplicate };
  },
  filingSupervisions: (asOf, auth) => service.supervision.list(auth.principal, asOf),
  filingSupervision: (transferId, asOf, auth) => service.supervision.ofTransfer(auth.principal, transferId, asOf),
});

const asOfQuery = (asOf: string | undefined) => (asOf ? `?${new URLSearchParams({ asOf })}` : '');

export const createHttpProcuratorateClient = (baseUrl: string): ProcuratorateClient => ({
  transferCopies: async (auth) => (await remoteCall<{ items: TransferCopyItem[] }>(baseUrl, '/transfer-copies', auth)).items,
  async transferCopy(transferId, auth) {
    try {
      return (await remoteCall<{ copy: TransferCopyItem }>(baseUrl, `/transfer-copies/${encodeURIComponent(transferId)}`, auth)).copy;
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  },
  executeFilingSupervision: (name, input, auth) =>
    remoteCall<FilingSupervisionSnapshot>(baseUrl, `/filing-supervision-commands/${name}`, auth, { method: 'POST', body: input }),
  filingSupervisions: async (asOf, auth) =>
    (await remoteCall<{ items: FilingSupervisionItem[] }>(baseUrl, `/filing-supervisions${asOfQuery(asOf)}`, auth)).items,
  filingSupervision: async (transferId, asOf, auth) =>
    (await remoteCall<{ supervision: FilingSupervisionItem | null }>(baseUrl, `/filing-supervisions/${encodeURIComponent(transferId)}${asOfQuery(asOf)}`, auth))
      .supervision,
});
