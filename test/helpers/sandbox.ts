/**
 * Every test starts the Zoho sandbox through here, so every request the connector sends and every answer
 * the sandbox gives is checked against Zoho's OpenAPI files (test/contract/oas.ts).
 */
import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { startSandbox, type Sandbox } from "../../sandbox";
import type { DataCenterKey, Exchange, SandboxOptions } from "../../sandbox/types";
import { contractsOrSkip } from "../contract/oas";

export interface TestSandbox extends Sandbox {
  /**
   * True when every exchange is checked against Zoho's OpenAPI files; false when the files are absent
   * (a fresh clone) or the test turned checks off. Assertions about violations apply only when true.
   */
  contractChecks: boolean;
  /** Contract violations seen since the last `assertContract()`. */
  violations: string[];
  /** Throws listing every violation seen so far, then forgets them. */
  assertContract(): void;
}

export type TestSandboxOptions = SandboxOptions & {
  /** Check exchanges against Zoho's OpenAPI files (default true); off only for tests that send invalid calls on purpose. */
  contract?: boolean;
};

export const startTestSandbox = async (options: TestSandboxOptions = {}): Promise<TestSandbox> => {
  const { contract = true, ...sandboxOptions } = options;
  const contracts = contract ? contractsOrSkip() : undefined;
  const violations: string[] = [];
  const onExchange = (exchange: Exchange) => {
    try {
      if (contracts) violations.push(...contracts.check(exchange));
    } catch (error) {
      violations.push(`contract check failed on ${exchange.method} ${exchange.path}: ${(error as Error).message}`);
    }
    sandboxOptions.onExchange?.(exchange);
  };
  const sandbox = await startSandbox({ ...sandboxOptions, onExchange });
  // The component reads this to send its calls for Zoho's real hosts to the sandbox.
  process.env.ZOHO_SANDBOX_URL = sandbox.url;
  const { stop, setOptions } = { stop: sandbox.stop.bind(sandbox), setOptions: sandbox.setOptions.bind(sandbox) };
  return Object.assign(sandbox, {
    contractChecks: contracts !== undefined,
    violations,
    assertContract() {
      if (violations.length === 0) return;
      const found = violations.splice(0);
      throw new Error(`${found.length} contract violation(s) against Zoho's OpenAPI files:\n- ${found.join("\n- ")}`);
    },
    // Keep the contract hook whatever options a test changes later.
    setOptions: (changes: Partial<SandboxOptions>) => setOptions({ ...changes, onExchange }),
    stop: async () => {
      if (process.env.ZOHO_SANDBOX_URL === sandbox.url) delete process.env.ZOHO_SANDBOX_URL;
      await stop();
    },
  });
};

/**
 * One sandbox for the test file: started before all tests, stopped after; a test that caused contract
 * violations fails in its own afterEach. Call the returned function inside tests to get the sandbox.
 */
export const useSandbox = (options: TestSandboxOptions = {}): (() => TestSandbox) => {
  let current: TestSandbox | undefined;
  beforeAll(async () => {
    current = await startTestSandbox(options);
  });
  afterEach(() => current?.assertContract());
  afterAll(async () => {
    await current?.stop();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error("useSandbox(): the sandbox is available inside tests and hooks only");
    return current;
  };
};

/**
 * A spectral test connection (templated OAuth 2.0) holding a token the sandbox issued at `dc`
 * (with every scope unless `scopes` narrows it), pointed at that data center's real hosts.
 */
export const connectionFor = (sandbox: Sandbox, { dc = "us", scopes }: { dc?: DataCenterKey; scopes?: string[] } = {}) => {
  const token = sandbox.issueToken({ dc, scopes, clientId: "test-client" });
  // createConnection reads only the definition's key, so the component's connection module is not needed here.
  const definition = { key: "zohoTemplatedConnection" } as Parameters<typeof createConnection>[0];
  return createConnection(
    definition,
    { zohoRegion: sandbox.accountsServer(dc), clientId: "test-client", clientSecret: "test-secret", scopes: token.scopes.join(" ") },
    { access_token: token.accessToken, refresh_token: token.refreshToken, api_domain: sandbox.apiDomain(dc), expires_in: 3600 },
  );
};
