import pino from 'pino';
import { busContract } from '../src/testing/busContract.ts';
import { createMemoryBus } from '../src/memoryBus.ts';

busContract('memory', (registry) => createMemoryBus({ registry, logger: pino({ level: 'silent' }) }), { timeoutMs: 5_000 });
