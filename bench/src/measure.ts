/** Timing helpers shared by the cases. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
};

export type Writer = (writer: number, iteration: number) => Promise<void>;

/**
 * Runs `writers` loops of `write` for one slice after a short warm-up and returns operations per
 * second during the slice. Deadlines are read from the clock, not timers: an in-process database
 * (PGlite) can resolve every call in microtasks and would starve a timer forever.
 */
export const runSlice = async (writers: number, write: Writer, sliceMs: number, warmupMs = 200): Promise<number> => {
  const begin = performance.now();
  const countFrom = begin + warmupMs;
  const end = countFrom + sliceMs;
  let count = 0;
  let failure: unknown = null;
  let stop = false;
  const loops = Array.from({ length: writers }, async (_, w) => {
    try {
      for (let i = 0; !stop; i += 1) {
        await write(w, i);
        const now = performance.now();
        if (now >= end) break;
        if (now >= countFrom) count += 1;
        // Let timers and I/O callbacks run now and then.
        if (i % 64 === 63) await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      failure ??= error;
      stop = true;
    }
  });
  await Promise.all(loops);
  if (failure) throw failure;
  return count / (sliceMs / 1000);
};

/**
 * Measures several modes in alternating slices (the order rotates each round) so that background
 * load on a shared machine hits them alike; returns the median rate of each mode.
 */
export const alternate = async (
  modes: Record<string, (sliceId: string) => Writer>,
  options: { writers: number; rounds: number; sliceMs: number; label: string },
): Promise<Record<string, number>> => {
  const names = Object.keys(modes);
  const rates: Record<string, number[]> = {};
  for (let round = 0; round < options.rounds; round += 1) {
    const order = names.map((_, i) => names[(i + round) % names.length]!);
    for (const name of order) {
      const sliceId = `${options.label}-r${round}-${name}-${Math.random().toString(36).slice(2, 8)}`;
      (rates[name] ??= []).push(await runSlice(options.writers, modes[name]!(sliceId), options.sliceMs));
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(rates[name]!)]));
};

/** Calls `sample` until `count` samples or `budgetMs` have passed; returns the durations in ms. */
export const sampleLatencies = async (
  sample: (i: number) => Promise<number>,
  options: { count: number; budgetMs: number; warmup?: number },
): Promise<number[]> => {
  for (let i = 0; i < (options.warmup ?? 0); i += 1) await sample(-1 - i);
  const out: number[] = [];
  const deadline = performance.now() + options.budgetMs;
  for (let i = 0; i < options.count && performance.now() < deadline; i += 1) out.push(await sample(i));
  return out;
};

/** Runs `fn` with a deadline: rejects with a clear message when the case overruns its budget. */
export const withTimeout = async <T>(what: string, ms: number, fn: () => Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      fn(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took more than ${Math.round(ms / 1000)} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};
