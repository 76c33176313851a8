// One Jest run covers unit specs beside the code (libs/, apps/) and end-to-end specs in test/.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test', '<rootDir>/bench'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleNameMapper: {
    '^@app/contracts-domain(|/.*)$': '<rootDir>/libs/contracts-domain/src$1',
    '^@app/event-store(|/.*)$': '<rootDir>/libs/event-store/src$1',
    '^@app/read-models(|/.*)$': '<rootDir>/libs/read-models/src$1',
    '^@app/contract-store(|/.*)$': '<rootDir>/libs/contract-store/src$1',
    '^@app/audit(|/.*)$': '<rootDir>/libs/audit/src$1',
    '^@app/integration(|/.*)$': '<rootDir>/libs/integration/src$1',
    '^@app/webhooks(|/.*)$': '<rootDir>/libs/webhooks/src$1',
    '^@app/access(|/.*)$': '<rootDir>/libs/access/src$1',
    '^@app/confidential(|/.*)$': '<rootDir>/libs/confidential/src$1',
  },
  testEnvironment: 'node',
  testTimeout: 30000,
};
