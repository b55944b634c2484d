import { defineConfig } from 'vitest/config';

// Unit tests of the pure modules (dictionary, time): no DOM, no React.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], environment: 'node' } });
