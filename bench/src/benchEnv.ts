import type { Results } from './results.ts';

/** Where the bench runs and how long each slice lasts; overridable from the environment. */
export interface BenchEnv {
  databaseUrl: string;
  kafkaBrokers: string;
  /** A short id for this run's throwaway schemas. */
  runId: string;
  sliceMs: number;
  rounds: number;
  results: Results;
  progress(message: string): void;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';
