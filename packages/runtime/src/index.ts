// @xianjie/runtime: what every process of the platform is made of — config, storage, bus,
// identity, calendar, the service registry and the process runner.
export { ConfigSchema, ConfigError, EMBEDDED_DEV_SECRET, isLoopback, loadConfig, platformKeyProblems, serviceAddress, type Config } from './config.ts';
export { resolveDataDir } from './dataDir.ts';
export { loadCheckpointKey } from './checkpointKey.ts';
export { openStorage, type Storage } from './storage.ts';
export { httpPersonalDataReadRecorder, subjectRefKeyFile, subjectRefOfConfig } from './platformKeys.ts';
export { createBus } from './bus.ts';
export { createIdentity, loadDirectory, type Identity } from './identity.ts';
export { calendarWarnings, loadWorkingCalendar } from './calendar.ts';
export { loadTransferPolicies, type TransferPolicies } from './localRules.ts';
export { listen, runProcess, type RunningProcess } from './processRunner.ts';
export { serviceSchema, type ServiceDeps, type ServiceFactory, type ServiceInstance } from './service.ts';
export { runServiceMain } from './serviceMain.ts';
export { createServiceApp, type ServiceAppOptions } from './serviceApp.ts';
export {
  gatewayEntry,
  serviceEntry,
  serviceNames,
  serviceRegistry,
  type ServiceEntry,
  type ServiceName,
  type ServicePort,
} from './serviceRegistry.ts';
