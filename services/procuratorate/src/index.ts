export { createProcuratorateService, type ProcuratorateService, type ProcuratorateServiceOptions } from './procuratorateService.ts';
export { createTransferCopies, type TransferCopies, type TransferCopyItem, type TransferProgressStep } from './transferCopies.ts';
export {
  createFilingSupervision,
  createFilingSupervisionProjection,
  filingSupervisionCommandNames,
  type FilingSupervisionItem,
  type FilingSupervisionModule,
  type FilingSupervisionCommandResult,
} from './filingSupervision.ts';
export { createProcuratorateApi } from './procuratorateApi.ts';
