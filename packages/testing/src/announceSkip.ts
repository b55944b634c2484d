/**
 * A skipped suite must be impossible to miss: a boxed banner on stderr naming the suite and why.
 * Pair it with `describe.skipIf(...)` so the skip also shows in the test report.
 */
export const announceSkip = (suite: string, reason: string): void => {
  const lines = [`SKIPPED: ${suite}`, `reason: ${reason}`];
  const width = Math.max(...lines.map((line) => line.length)) + 4;
  const bar = '!'.repeat(width);
  const body = lines.map((line) => `! ${line.padEnd(width - 4)} !`).join('\n');
  process.stderr.write(`\n${bar}\n${body}\n${bar}\n\n`);
};
