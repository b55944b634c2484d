import type { BenchResult } from './results.ts';

/** The aims, checked against this run's figures (missing figures are reported as such). */
const aims: { what: string; name: string; test: (r: BenchResult) => boolean; show: (r: BenchResult) => string }[] = [
  ...['w01.e001', 'w16.e001', 'w01.e100', 'w16.e100'].flatMap((shape) => [
    {
      what: `append ${shape}: ≥ 0.85× the raw insert limit`,
      name: `append.postgres.${shape}.xianjie`,
      test: (r: BenchResult) => (r.ratio ?? 0) >= 0.85,
      show: (r: BenchResult) => `${r.ratio?.toFixed(2)}×`,
    },
    {
      what: `append ${shape}: ≥ 1.5× Emmett`,
      name: `append.postgres.${shape}.xianjieOverEmmett`,
      test: (r: BenchResult) => r.value >= 1.5,
      show: (r: BenchResult) => `${r.value.toFixed(2)}×`,
    },
  ]),
  {
    what: 'command p99 on PostgreSQL < 10 ms',
    name: 'command.postgres.recordEvidence.p99',
    test: (r) => r.value < 10,
    show: (r) => `${r.value} ms`,
  },
  { what: 'catch-up ≥ 30,000 events/s', name: 'catchup.caseProjection.postgres', test: (r) => r.value >= 30_000, show: (r) => `${r.value} events/s` },
  { what: 'console: sign-in page initial JS ≤ 300 KB gzip', name: 'console.initialJs.signIn.gzip', test: (r) => r.value <= 300, show: (r) => `${r.value} KB` },
  { what: 'console: 待办 page initial JS ≤ 300 KB gzip', name: 'console.initialJs.work.gzip', test: (r) => r.value <= 300, show: (r) => `${r.value} KB` },
  { what: 'console: 待办 first render (police, 1M events) ≤ 1 s', name: 'console.work.firstRender.police1m.max', test: (r) => r.value <= 1000, show: (r) => `${r.value} ms` },
  { what: 'end to end (transfer step) via Kafka p99 < 250 ms', name: 'e2e.transferStep.kafka.p99', test: (r) => r.value < 250, show: (r) => `${r.value} ms` },
];

export const checkAims = (results: BenchResult[]): string[] => [
  'aims:',
  ...aims.map((aim) => {
    const r = results.find((x) => x.name === aim.name);
    if (!r) return `  ?      ${aim.what} (not measured)`;
    return `  ${aim.test(r) ? 'met   ' : 'MISSED'} ${aim.what}: ${aim.show(r)}`;
  }),
];
