import { afterAll, afterEach } from "vitest";
import { createSandbox } from "../../../generated/sandbox.js";
import type { Sandbox, SandboxOptions } from "../sandbox.js";
import { startSandboxServer } from "../server.js";

/**
 * A sandbox behind the MSW server for one test file, reset after each test
 * (state and handlers a test added) and closed after the file. Signatures are
 * not verified unless the options say so: requests made by hand are not
 * signed, and signatures are proven in suites/sandbox/<api>/signature.test.ts.
 */
export function sandboxUnderTest(options: SandboxOptions = {}): { readonly sandbox: Sandbox; readonly server: ReturnType<typeof startSandboxServer> } {
  const sandbox = createSandbox({ ...options, config: { verifySignatures: false, ...options.config } });
  const server = startSandboxServer(sandbox);
  afterEach(() => {
    sandbox.reset();
    server.resetHandlers();
  });
  afterAll(() => server.close());
  return { sandbox, server };
}
