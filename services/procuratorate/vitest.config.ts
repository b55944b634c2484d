import { defineConfig } from 'vitest/config';

// Generous hook and test timeouts: service tests start PGlite and run migrations, which takes
// seconds on a loaded 2-core machine; a timeout there would fail the suite for the wrong reason.
export default defineConfig({
  test: { testTimeout: 30_000, hookTimeout: 60_000 },
});
