import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Configuration is read once, validated, in libs/platform/src/config; nowhere else.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through ConfigService / loadConfig.' }],
    },
  },
  { files: ['libs/platform/src/config/**', 'bin/**', '**/*.spec.ts', '**/testing/**', 'test/**', 'bench/**', 'scripts/**', 'examples/**'], rules: { 'no-restricted-properties': 'off' } },
);
