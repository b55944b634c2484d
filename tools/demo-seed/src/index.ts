// @xianjie/demo-seed: the demo data, told through the services' command ports.
export { seedDemo, type DemoSeedPorts } from './demoSeed.ts';
export { demoCases } from './demoCases.ts';
export { demoTransfers } from './demoTransfers.ts';
export { demoSupervision } from './demoSupervision.ts';
