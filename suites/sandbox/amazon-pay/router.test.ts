import { describe, expect, it } from "vitest";
import { amazonPayModel } from "../../../generated/sandbox-model.js";
import type { SandboxOperation } from "../model.js";
import { PayRouter } from "./router.js";

const router = new PayRouter(amazonPayModel.operations);
const pathOf = (operation: SandboxOperation) => operation.path.replace(/\{(\w+)\}/g, (_, name: string) => `id-of-${name}`);

describe("the Amazon Pay router", () => {
  it.each(amazonPayModel.operations.map((operation) => [operation.id, operation] as const))("routes %s, under /v2/, /sandbox/v2/ and /live/v2/", (_, operation) => {
    for (const prefix of ["/v2/", "/sandbox/v2/", "/live/v2/"]) {
      const route = router.route({ method: operation.method, pathname: `${prefix}${pathOf(operation)}` });
      expect(route).toMatchObject({ kind: "operation", operation: { id: operation.id } });
      const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
      expect(route.kind === "operation" ? route.params : {}).toEqual(Object.fromEntries(names.map((name) => [name, `id-of-${name}`])));
    }
  });

  it("answers wrong-method with the methods the path allows", () => {
    expect(router.route({ method: "PUT", pathname: "/v2/checkoutSessions/S01-1" })).toEqual({ kind: "wrong-method", allowed: expect.arrayContaining(["GET", "PATCH"]) as unknown });
  });

  it("knows no other resource, no other segment count, no path without a version", () => {
    for (const pathname of ["/v2/invoices/1", "/v2/checkoutSessions/S01-1/complete/again", "/v2/", "/checkoutSessions/S01-1", "/sandbox/checkoutSessions"]) {
      expect(router.route({ method: "GET", pathname }), pathname).toEqual({ kind: "unknown" });
    }
  });

  // Seed 000: InvalidAPIVersion, "You have either attempted to use an unsupported API version …".
  it.each<[string, { given: string; want: string }]>([
    ["/v1/ (environment keys)", { given: "/v1/checkoutSessions/S01-1", want: "v1" }],
    ["/sandbox/v1/ (legacy keys)", { given: "/sandbox/v1/checkoutSessions", want: "v1" }],
    ["/live/v3/", { given: "/live/v3/charges/C01-1", want: "v3" }],
    ["/v3/ on a path no version has", { given: "/v3/nothingHere", want: "v3" }],
  ])("tells another version %s apart from a path that names nothing", (_, { given, want }) => {
    expect(router.route({ method: "GET", pathname: given })).toEqual({ kind: "unsupported-version", version: want });
  });

  it("finds a path that starts with a parameter, beside the literal resources", () => {
    const byParameter: SandboxOperation = { id: "GetAnything", method: "GET", path: "{resource}/{id}", resource: "anything" } as SandboxOperation;
    const withParameter = new PayRouter([...amazonPayModel.operations, byParameter]);
    expect(withParameter.route({ method: "GET", pathname: "/v2/invoices/7" })).toMatchObject({ kind: "operation", operation: { id: "GetAnything" }, params: { resource: "invoices", id: "7" } });
    // A literal resource still wins over the parameter, as it is listed first.
    expect(withParameter.route({ method: "GET", pathname: "/v2/charges/C01-1" })).toMatchObject({ kind: "operation", operation: { id: "GetCharge" } });
  });

  it("decodes percent-escapes in ids and keeps a malformed one as sent", () => {
    expect(router.route({ method: "GET", pathname: "/v2/charges/C01%2D1" })).toMatchObject({ params: { chargeId: "C01-1" } });
    expect(router.route({ method: "GET", pathname: "/v2/charges/C01%E0%A4%A" })).toMatchObject({ params: { chargeId: "C01%E0%A4%A" } });
  });
});
