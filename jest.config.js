// ESM + ts-jest, as the typescript-action template does (run with --experimental-vm-modules).
const tsJest = ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: ['TS151001'] } }];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
};
export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    // Integration tests each start their own engine; run them one at a time (2 cores).
    // They run a bundle freshly built from src/ (test/integration/fresh-bundle.ts).
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'], globalSetup: '<rootDir>/test/integration/fresh-bundle.ts' },
  ],
  maxWorkers: 1,
  testTimeout: 120000,
};
