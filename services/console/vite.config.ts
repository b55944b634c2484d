import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

/**
 * What the codegen client preset's babel/swc plugin does, for our one bundler: each
 * graphql(`query Name …`) call becomes an import of the generated `NameDocument`, so a page's
 * chunk carries only its own documents (the preset's gql.ts maps every document of the app), and
 * the generated documents are marked pure so the unused ones are dropped.
 */
const graphqlDocuments = (): Plugin => ({
  name: 'xianjie-graphql-documents',
  enforce: 'pre',
  transform(code, id) {
    const file = id.split('?')[0] ?? id;
    if (file.endsWith('/src/gql/graphql.ts')) {
      return { code: code.replace(/= new TypedDocumentString\(/g, '= /*#__PURE__*/ new TypedDocumentString('), map: null };
    }
    if (!/\/src\/.*\.tsx?$/.test(file) || file.includes('/src/gql/') || !code.includes('graphql(`')) return null;
    const names: string[] = [];
    const replaced = code.replace(/graphql\(`\s*(?:query|mutation|subscription|fragment)\s+(\w+)[\s\S]*?`\)/g, (_, name: string) => {
      names.push(name);
      return `__gql_${name}Document`;
    });
    if (names.length === 0) return null;
    const imports = names.map((name) => `${name}Document as __gql_${name}Document`).join(', ');
    return { code: `import { ${imports} } from '/src/gql/graphql.ts';\n${replaced}`, map: null };
  },
});

// The console is served by the gateway (same origin). `pnpm dev` proxies the API to a running
// platform (`pnpm start` at the repo root: 127.0.0.1:4000).
const platform = process.env.XIANJIE_PLATFORM_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [graphqlDocuments(), react()],
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
