// ESM project: Jest runs with --experimental-vm-modules and @swc/jest compiles TS with decorator metadata.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'es6' },
      },
    ],
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  // On MySQL only the suites that touch the database: unit tests and the browser suite do not
  // depend on the engine and already run on SQLite.
  testPathIgnorePatterns:
    process.env.TEST_DB === 'mysql' ? ['/node_modules/', '<rootDir>/src/', '<rootDir>/test/browser/'] : ['/node_modules/'],
  testTimeout: 60000,
  // Every suite's log lines and error texts go through the ID detector (test/support/leak-check.ts).
  setupFilesAfterEnv: ['<rootDir>/test/support/leak-check.ts'],
};
