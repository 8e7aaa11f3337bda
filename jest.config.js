/** Tests run TypeScript through ts-jest without type-checking (tsc --noEmit does that in CI). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  testTimeout: 30000,
  // Says once per run when Zoho's OpenAPI files are absent (contract checks skipped), or fails it under ZOHO_OAS_REQUIRED=1.
  globalSetup: "<rootDir>/test/contract/globalSetup.ts",
};
