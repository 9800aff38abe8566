// Two projects: colocated unit specs and the e2e suites in test/ (real Redis, real models, real HTTP).
const libs = ['audio', 'features', 'inference', 'contracts', 'platform', 'itn'];
const moduleNameMapper = Object.fromEntries(
  libs.map((lib) => [`^@earshot/${lib}(|/.*)$`, `<rootDir>/libs/${lib}/src$1`]),
);
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] };
// onnxruntime-node checks typed arrays across realms; every suite gets the main realm's constructors.
const common = { rootDir: __dirname, testEnvironment: '<rootDir>/test/onnx-realm.environment.js', moduleFileExtensions: ['ts', 'js', 'json'], transform, moduleNameMapper };

module.exports = {
  rootDir: __dirname,
  reporters: ['default', '<rootDir>/test/summary-line.reporter.js'],
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/apps/', '<rootDir>/libs/'], testRegex: '\\.spec\\.ts$' },
    { ...common, displayName: 'e2e', roots: ['<rootDir>/test/'], testRegex: '\\.e2e-spec\\.ts$', setupFilesAfterEnv: ['<rootDir>/test/e2e-timeout.setup.js'] },
  ],
};
