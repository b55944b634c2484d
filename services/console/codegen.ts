import type { CodegenConfig } from '@graphql-codegen/cli';

// CODEGEN_OUT lets `codegen:check` generate into a scratch directory and compare it with the
// committed src/gql/ (stale generated types would otherwise type-check against an old schema).
const out = process.env.CODEGEN_OUT ?? 'src/gql/';

const config: CodegenConfig = {
  schema: '../../schemas/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    [out]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Plain strings, not ASTs: the client posts the text as is, so `graphql` stays out of the bundle.
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
