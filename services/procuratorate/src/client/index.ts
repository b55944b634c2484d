// @xianjie/procuratorate/client: how the gateway calls the procuratorate's service, in-process or over HTTP.
export {
  createHttpProcuratorateClient,
  createInProcessProcuratorateClient,
  type FilingSupervisionSnapshot,
  type ProcuratorateClient,
} from './procuratorateClient.ts';
export type { FilingSupervisionItem } from '../filingSupervision.ts';
export type { TransferCopyItem, TransferProgressStep } from '../transferCopies.ts';
