import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is served by the gateway (same origin). `pnpm dev` proxies the API to a running
// platform (`pnpm start` at the repo root: 127.0.0.1:4000).
const platform = process.env.XIANJIE_PLATFORM_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  // Absolute asset paths: deep links (/transfers/:id) are served index.html by the history fallback.
  base: '/',
  build: {
    outDir: 'dist',
    target: 'es2022',
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: Object.fromEntries(['/graphql', '/auth', '/exports'].map((path) => [path, { target: platform, changeOrigin: false }])),
  },
});
