/**
 * faultproof benchmark. Every figure is measured side by side in this one process and reported as
 * a ratio against its baseline, with the target it is held to. Run with
 * `npx vitest run --config bench/vitest.bench.config.ts`; it writes bench/results.json and prints
 * a table. Nothing here tunes the product: it only measures.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { Duplex } from "node:stream";
import { join } from "node:path";
import { http, HttpResponse, type RequestHandler } from "msw";
import { setupServer } from "msw/node";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { createHandlers } from "../generated/handlers.js";
import { amazonPayModel, incentivesModel } from "../generated/sandbox-model.js";
import { generate } from "../generator/generate.js";
import { packageRoot, packageVersion } from "../generator/package-root.js";
import { loadSpec } from "../generator/spec/load-spec.js";
import { readSpecDir } from "../generator/spec/read-spec-dir.js";
import type { SpecFile } from "../generator/spec/spec-document.js";
import { VirtualTime } from "../suites/clock/virtual-time.js";
import { DEFAULT_RUNS } from "../suites/conformance/target.js";
import type { AmazonPayModel, IncentivesModel, SandboxError, SandboxOperation } from "../suites/sandbox/model.js";
import { createSandboxRuntime, type Sandbox } from "../suites/sandbox/sandbox.js";
import { startSandboxInterceptor } from "../suites/sandbox/server.js";
import { payHeaders } from "../suites/sandbox/test-support/requests.js";

interface Figure {
  readonly id: string;
  readonly what: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: { readonly what: string; readonly value: number; readonly unit: string };
  /** value / baseline, or the speed-up where the figure says so. */
  readonly ratio?: number;
  readonly target?: string;
  readonly met?: boolean;
  readonly note?: string;
}

const figures: Figure[] = [];
const startedAt = Date.now();
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (value: number, digits = 3): number => Number(value.toPrecision(digits + 2));

afterAll(() => {
  const results = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", platform: `${os.platform()} ${os.release()}`, arch: os.arch(), node: process.version, totalMemGB: round(os.totalmem() / 2 ** 30, 1) },
    benchSeconds: round((Date.now() - startedAt) / 1000),
    figures,
  };
  writeFileSync(join(packageRoot, "bench/results.json"), JSON.stringify(results, null, 2) + "\n");
  const rows = figures.map((f) => ({
    figure: f.id,
    value: `${round(f.value)} ${f.unit}`,
    baseline: f.baseline ? `${round(f.baseline.value)} ${f.baseline.unit} (${f.baseline.what})` : "",
    ratio: f.ratio === undefined ? "" : `${round(f.ratio)}x`,
    target: f.target ?? "",
    met: f.met === undefined ? "" : f.met ? "yes" : "NO",
  }));
  console.log(`\nfaultproof bench: node ${process.version}, ${os.cpus().length} cpus, ${round((Date.now() - startedAt) / 1000)} s`);
  console.table(rows);
});

// ---------------------------------------------------------------------------------------------
// a) and b): per-request cost
// ---------------------------------------------------------------------------------------------

interface Probe {
  readonly url: string;
  init(): RequestInit;
}

const AUTH = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/AGCODService/aws4_request, SignedHeaders=host, Signature=abc";
const incentivesHeaders = (operation: string) => ({
  accept: "application/json",
  "content-type": "application/json",
  "x-amz-date": "20260101T000000Z",
  "x-amz-target": `com.amazonaws.agcod.AGCODService.${operation}`,
  authorization: AUTH,
});

/** One request loop mixes a success, a mock-code error and an Amazon Pay route lookup. */
const PROBES: readonly Probe[] = [
  { url: "https://agcod-v2-gamma.amazon.com/GetAvailableFunds", init: () => ({ method: "POST", headers: incentivesHeaders("GetAvailableFunds"), body: JSON.stringify({ partnerId: "Fproo" }) }) },
  {
    url: "https://agcod-v2-gamma.amazon.com/CreateGiftCard",
    init: () => ({ method: "POST", headers: incentivesHeaders("CreateGiftCard"), body: JSON.stringify({ creationRequestId: "F2003", partnerId: "Fproo", value: { currencyCode: "USD", amount: 10 } }) }),
  },
  { url: "https://pay-api.amazon.com/sandbox/v2/checkoutSessions/S01-0000000-0000000", init: () => ({ method: "GET", headers: payHeaders() }) },
];

interface Captured {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** A catalogue ten times the generated one: every error and operation copied nine times with new ids. */
function tenfold<M extends IncentivesModel | AmazonPayModel>(model: M, rename: (operation: SandboxOperation, copy: number) => SandboxOperation): M {
  const copies = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const operations = [...model.operations, ...copies.flatMap((copy) => model.operations.map((operation) => rename(operation, copy)))];
  // Copies carry no mock code, so the answers the loop sees are the same as with the real catalogue.
  const errors: SandboxError[] = [
    ...model.errors,
    ...copies.flatMap((copy) =>
      model.errors.map(({ mockCode: _mockCode, ...error }) => ({
        ...error,
        id: `${error.id}-x${copy}`,
        code: `${error.code}X${copy}`,
        operations: [...error.operations, ...error.operations.map((operation) => `${operation}X${copy}`)],
      })),
    ),
  ];
  return { ...model, operations, errors };
}

const incentives10x = tenfold(incentivesModel, (operation, copy) => ({ ...operation, id: `${operation.id}X${copy}`, path: `${operation.path}X${copy}` }));
// Same segment count as the real paths, so the Amazon Pay router walks ten times the candidates.
const amazonPay10x = tenfold(amazonPayModel, (operation, copy) => {
  const [first, ...rest] = operation.path.split("/");
  return { ...operation, id: `${operation.id}X${copy}`, path: [`${first}X${copy}`, ...rest].join("/") };
});

const newSandbox = (models: { incentives: IncentivesModel; amazonPay: AmazonPayModel }): Sandbox =>
  // The requests measured here are made by hand, not signed: a signature check would refuse them all.
  createSandboxRuntime({ models, handlers: createHandlers, config: { verifySignatures: false, incentives: { throttling: false } } });

describe("per-request cost", () => {
  it("a) generated sandbox vs a hand-written msw handler vs no interception; b) 10x catalogue", async () => {
    const normal = newSandbox({ incentives: incentivesModel, amazonPay: amazonPayModel });
    const large = newSandbox({ incentives: incentives10x, amazonPay: amazonPay10x });
    expect(large.incentives.model.errors.length).toBe(incentivesModel.errors.length * 10);
    expect(large.amazonPay.model.operations.length).toBe(amazonPayModel.operations.length * 10);

    const server = setupServer(...normal.handlers);
    server.listen({ onUnhandledRequest: "error" });
    try {
      // What the generated sandbox answers, captured once: the other transports answer the same.
      const captured = new Map<string, Captured>();
      for (const probe of PROBES) {
        const response = await fetch(probe.url, probe.init());
        captured.set(probe.url, { status: response.status, contentType: response.headers.get("content-type") ?? "application/json", text: await response.text() });
      }
      const answer = (url: string): Response => {
        const c = captured.get(url)!;
        return new Response(c.text, { status: c.status, headers: { "content-type": c.contentType } });
      };
      const handWritten: RequestHandler[] = [
        http.post("https://agcod-v2-gamma.amazon.com/:operation", ({ request }) => {
          const c = captured.get(request.url)!;
          return new HttpResponse(c.text, { status: c.status, headers: { "content-type": c.contentType } });
        }),
        http.get("https://pay-api.amazon.com/sandbox/v2/checkoutSessions/:id", ({ request }) => {
          const c = captured.get(request.url)!;
          return new HttpResponse(c.text, { status: c.status, headers: { "content-type": c.contentType } });
        }),
      ];

      type Send = (url: string, init: RequestInit) => Promise<Response>;
      const stub: Send = async (url) => answer(url);
      const viaFetch: Send = (url, init) => fetch(url, init);
      // The certification's transport replaces the MSW server for its rounds: both patch fetch.
      let stopInterceptor = () => {};
      const variants: readonly { name: string; send: Send; before(): void; after?(): void; sandbox?: Sandbox }[] = [
        { name: "stub", send: stub, before: () => {} },
        { name: "hand-written msw", send: viaFetch, before: () => server.resetHandlers(...handWritten) },
        { name: "generated sandbox", send: viaFetch, before: () => server.resetHandlers(...normal.handlers), sandbox: normal },
        { name: "generated sandbox, 10x catalogue", send: viaFetch, before: () => server.resetHandlers(...large.handlers), sandbox: large },
        {
          name: "generated sandbox, certification interceptor",
          send: viaFetch,
          before: () => {
            server.close();
            const interceptor = startSandboxInterceptor(normal);
            stopInterceptor = () => interceptor.close();
          },
          after: () => {
            stopInterceptor();
            server.listen({ onUnhandledRequest: "error" });
          },
          sandbox: normal,
        },
      ];

      const PER_ROUND = 300;
      const ROUNDS = 15;
      const loop = async (variant: (typeof variants)[number]): Promise<number> => {
        variant.before();
        variant.sandbox?.reset();
        const start = performance.now();
        for (let i = 0; i < PER_ROUND; i += 1) {
          const probe = PROBES[i % PROBES.length]!;
          const response = await variant.send(probe.url, probe.init());
          const text = await response.text();
          if (response.status !== captured.get(probe.url)!.status || text.length === 0) throw new Error(`${variant.name}: unexpected answer ${response.status} for ${probe.url}`);
        }
        const us = ((performance.now() - start) * 1000) / PER_ROUND;
        variant.after?.();
        return us;
      };

      for (const variant of variants) await loop(variant); // warm-up
      const times = new Map<string, number[]>(variants.map((v) => [v.name, []]));
      for (let r = 0; r < ROUNDS; r += 1) {
        // Interleaved, with the order rotated every round so no variant always runs first.
        for (let k = 0; k < variants.length; k += 1) {
          const variant = variants[(r + k) % variants.length]!;
          times.get(variant.name)!.push(await loop(variant));
        }
      }
      const med = (name: string) => median(times.get(name)!);
      // This machine's speed drifts by 2x within a minute: compare within each round, where the
      // variants ran back to back, and take the median of those ratios.
      const paired = (name: string, baseline: string) => median(times.get(name)!.map((us, round) => us / times.get(baseline)![round]!));
      const stubUs = med("stub");
      const handUs = med("hand-written msw");
      const genUs = med("generated sandbox");
      const largeUs = med("generated sandbox, 10x catalogue");
      const handlerRatio = paired("generated sandbox", "hand-written msw");
      const catalogueRatio = paired("generated sandbox, 10x catalogue", "generated sandbox");
      const note = `${ROUNDS} rounds of ${PER_ROUND} requests (GetAvailableFunds, CreateGiftCard with mock F2003, GET checkoutSession), every variant in each round, order rotated; values are medians, the ratio the median of per-round ratios`;
      figures.push({ id: "a1 sandbox vs hand-written msw", what: "generated sandbox per request", value: genUs, unit: "us/req", baseline: { what: "hand-written msw", value: handUs, unit: "us/req" }, ratio: handlerRatio, target: "<= 1.25x", met: handlerRatio <= 1.25, note });
      figures.push({ id: "a2 sandbox vs no interception", what: "generated sandbox per request", value: genUs, unit: "us/req", baseline: { what: "stub transport", value: stubUs, unit: "us/req" }, ratio: paired("generated sandbox", "stub"), note });
      figures.push({ id: "a3 msw vs no interception", what: "hand-written msw per request", value: handUs, unit: "us/req", baseline: { what: "stub transport", value: stubUs, unit: "us/req" }, ratio: paired("hand-written msw", "stub"), note });
      const interceptedUs = med("generated sandbox, certification interceptor");
      figures.push({
        id: "a4 certification transport vs msw server",
        what: "generated sandbox behind MSW's interceptors alone (what certify runs on)",
        value: interceptedUs,
        unit: "us/req",
        baseline: { what: "generated sandbox through setupServer", value: genUs, unit: "us/req" },
        ratio: paired("generated sandbox, certification interceptor", "generated sandbox"),
        note,
      });
      figures.push({
        id: "b dispatch, 10x catalogue",
        what: "generated sandbox with 10x errors and operations",
        value: largeUs,
        unit: "us/req",
        baseline: { what: "generated sandbox", value: genUs, unit: "us/req" },
        ratio: catalogueRatio,
        target: "<= 1.1x",
        met: catalogueRatio <= 1.1,
        note,
      });
    } finally {
      server.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// c) virtual time
// ---------------------------------------------------------------------------------------------

describe("virtual time", () => {
  it("c) a 1-2-4-10-30 s backoff chain under VirtualTime.run", async () => {
    const chain = [1000, 2000, 4000, 10_000, 30_000];
    const represented = chain.reduce((a, b) => a + b, 0);
    const time = new VirtualTime();
    const walls: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      const startVirtual = time.now();
      const start = performance.now();
      await time.run(async () => {
        for (const ms of chain) await new Promise<void>((resolve) => setTimeout(resolve, ms));
      });
      walls.push(performance.now() - start);
      expect(time.now() - startVirtual).toBe(represented);
    }
    const wall = median(walls.slice(1));
    figures.push({
      id: "c virtual time",
      what: "wall time of the 47 s backoff chain",
      value: wall,
      unit: "ms",
      baseline: { what: "virtual time represented", value: represented, unit: "ms" },
      ratio: represented / wall,
      target: ">= 1000x faster",
      met: represented / wall >= 1000,
      note: "ratio is the speed-up (represented / wall); median of 20 runs after one warm-up",
    });
  });
});

// ---------------------------------------------------------------------------------------------
// d) generator
// ---------------------------------------------------------------------------------------------

/** The bundled spec with every error entry copied nine times under new ids and codes. */
function tenfoldSpec(files: readonly SpecFile[]): SpecFile[] {
  return files.map((file) => {
    if (!/\/[^/]*errors[^/]*\.yaml$/.test(file.path)) return file;
    const doc = parse(file.text) as { errors: Record<string, unknown>[] };
    const copies = [1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((copy) => doc.errors.map((error) => ({ ...error, id: `${String(error.id)}-x${copy}`, code: `${String(error.code)}X${copy}` })));
    return { path: file.path, text: `# yaml-language-server: $schema=../spec.schema.json\n${stringify({ ...doc, errors: [...doc.errors, ...copies] }, { aliasDuplicateObjects: false })}` };
  });
}

describe("generator", () => {
  it("d) load + generate, bundled catalogue vs 10x", () => {
    const spec = readSpecDir(join(packageRoot, "spec"));
    const large = tenfoldSpec(spec.files);
    const full = (files: readonly SpecFile[]) => {
      const start = performance.now();
      const loaded = loadSpec({ files, toolVersion: packageVersion });
      if (!loaded.ok) throw new Error(`spec rejected: ${JSON.stringify(loaded.diagnostics.slice(0, 3))}`);
      const out = generate({ catalogue: loaded.catalogue });
      return { ms: performance.now() - start, errors: loaded.catalogue.errors.length, bytes: out.reduce((n, f) => n + f.contents.length, 0) };
    };
    full(spec.files); // warm-up: template compilation, Ajv
    full(large);
    const small: number[] = [];
    const big: number[] = [];
    let sizes = { small: 0, big: 0, smallBytes: 0, bigBytes: 0 };
    for (let i = 0; i < 5; i += 1) {
      const a = full(spec.files);
      const b = full(large);
      small.push(a.ms);
      big.push(b.ms);
      sizes = { small: a.errors, big: b.errors, smallBytes: a.bytes, bigBytes: b.bytes };
    }
    expect(sizes.big).toBe(sizes.small * 10);
    const s = median(small);
    const b = median(big);
    figures.push({ id: "d1 generate, bundled", what: `loadSpec + generate, ${sizes.small} errors`, value: s, unit: "ms", target: "<= 2000 ms", met: s <= 2000, note: `${sizes.smallBytes} bytes generated; median of 5` });
    figures.push({
      id: "d2 generate, 10x",
      what: `loadSpec + generate, ${sizes.big} errors`,
      value: b,
      unit: "ms",
      baseline: { what: "bundled", value: s, unit: "ms" },
      ratio: b / s,
      target: "ratio <= 12x and <= 2000 ms",
      met: b / s <= 12 && b <= 2000,
      note: `${sizes.bigBytes} bytes generated; median of 5`,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// e) certification wall time, as a process
// ---------------------------------------------------------------------------------------------

const SUBSET = [
  "amount-mismatch@CompleteCheckoutSession",
  "f1000-request-error@ActivateGiftCard",
  "f2003-invalid-amount-input@CreateGiftCard",
  "f2011-invalid-card-status-for-activation@ActivateGiftCard",
  "f2019-wrong-activation-request-id@ActivateGiftCard",
  "f2024-invalid-gc-id-input@CancelGiftCard",
  "f2032-invalid-date-format@CreateGiftCard",
  "f3002-access-denied@CreateGiftCard",
  "f3007-bad-input@ActivateGiftCard",
  "invalid-api-version@CaptureCharge",
  "invalid-parameter-value@CloseChargePermission",
  "invalid-request-signature@CreateCharge",
  "load-f2002-invalid-partner-id-input@LoadAmazonBalance",
  "load-f2038-load-balance-request-id-already-used@LoadAmazonBalance",
  "load-f3002-access-denied@LoadAmazonBalance",
  "missing-header-value@CreateCheckoutSession",
  "request-not-supported@UpdateCheckoutSession",
  "throttled@LoadAmazonBalance",
  "unauthorized-access@CancelCharge",
  "service-unavailable@CreateCharge",
] as const;

function certify(args: readonly string[]): { seconds: number; cases: number; code: number; keys: Readonly<Record<string, string[]>> } {
  const out = mkdtempSync(join(os.tmpdir(), "faultproof-bench-"));
  const cwd = mkdtempSync(join(os.tmpdir(), "faultproof-bench-cwd-"));
  try {
    const start = performance.now();
    // --reference: the bench measures the bundled reference integrations, from a folder with no config.
    const run = spawnSync(process.execPath, [join(packageRoot, "bin/faultproof.js"), "certify", "--reference", ...args, "--out", out], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", GITHUB_STEP_SUMMARY: "" }, timeout: 300_000 });
    const seconds = (performance.now() - start) / 1000;
    if (run.status !== 0) throw new Error(`certify ${args.join(" ")} exited ${run.status}: ${run.stderr.slice(0, 2000)}`);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as { results: { key: string; api: string }[] };
    const keys: Record<string, string[]> = {};
    for (const result of report.results) (keys[result.api] ??= []).push(result.key);
    return { seconds, cases: report.results.length, code: run.status, keys };
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  }
}

describe("certification wall time", () => {
  it("e) certify --runs 10 and 100 on a fixed subset, and the full certification at 10 and 100 runs", () => {
    const buildStart = performance.now();
    execFileSync(process.execPath, [join(packageRoot, "node_modules/typescript/bin/tsc"), "-p", join(packageRoot, "tsconfig.build.json")], { stdio: "inherit" });
    const buildSeconds = (performance.now() - buildStart) / 1000;
    figures.push({ id: "e0 build", what: "npm run build (tsc -p tsconfig.build.json)", value: buildSeconds, unit: "s" });

    const only = ["--only", SUBSET.join(","), "--seed", "20261123"];
    const ten = certify([...only, "--runs", "10"]);
    const hundred = certify([...only, "--runs", "100"]);
    expect(ten.cases).toBe(SUBSET.length);
    expect(hundred.cases).toBe(SUBSET.length);
    const perRun = (hundred.seconds - ten.seconds) / 90;
    figures.push({ id: "e1 certify subset, runs 10", what: `${SUBSET.length} cases, --runs 10`, value: ten.seconds, unit: "s" });
    figures.push({
      id: "e2 certify subset, runs 100",
      what: `${SUBSET.length} cases, --runs 100`,
      value: hundred.seconds,
      unit: "s",
      baseline: { what: "runs 10", value: ten.seconds, unit: "s" },
      ratio: hundred.seconds / ten.seconds,
      note: `growth ${round(perRun * 1000)} ms per extra run (all ${SUBSET.length} cases), ${round((perRun * 1000) / SUBSET.length)} ms per run per case; fixed cost ~${round(ten.seconds - 10 * perRun)} s`,
    });
    // The whole certification, process start included, the median of three: the target of issue 14.
    const median = (runs: ReturnType<typeof certify>[]) => [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]!;
    const one = median([0, 1, 2].map(() => certify(["--only", SUBSET[0]!, "--runs", "1"])));
    figures.push({ id: "e3a certify, one case", what: `one case (${SUBSET[0]}), --runs 1: the fixed cost`, value: one.seconds, unit: "s", target: "<= 1.5 s", met: one.seconds <= 1.5, note: "median of 3" });
    const full = median([0, 1, 2].map(() => certify([])));
    figures.push({ id: "e3 certify, full, default runs", what: `${full.cases} cases, every schedule class, then the default random runs (${DEFAULT_RUNS})`, value: full.seconds, unit: "s", target: "<= 7 s", met: full.seconds <= 7, note: `median of 3; ${round(full.seconds / full.cases, 3)} s per case` });
    const fullTen = median([0, 1, 2].map(() => certify(["--runs", "10"])));
    figures.push({ id: "e3b certify, full, runs 10", what: `${fullTen.cases} cases, every schedule class, then 10 random runs`, value: fullTen.seconds, unit: "s", baseline: { what: `default runs (${DEFAULT_RUNS})`, value: full.seconds, unit: "s" }, ratio: fullTen.seconds / full.seconds, note: "median of 3" });
    const fullHundred = certify(["--runs", "100"]);
    figures.push({
      id: "e4 certify, full, runs 100",
      what: `${fullHundred.cases} cases, --runs 100`,
      value: fullHundred.seconds,
      unit: "s",
      baseline: { what: `full, default runs (${DEFAULT_RUNS})`, value: full.seconds, unit: "s" },
      ratio: fullHundred.seconds / full.seconds,
      target: "<= 30 s",
      met: fullHundred.seconds <= 30,
      note: "both cores: each suite split across one vitest worker per core",
    });
    // Where the time goes: each API's cases alone, on one worker (an --only run is not split), so the
    // figure is the core-seconds that API costs. Amazon Pay's reference drives the official SDK
    // (axios over node:https, an RSA signature per request), Incentives' a fetch client.
    for (const [id, api] of [["e5", "amazon-pay"], ["e6", "incentives"]] as const) {
      const keys = fullHundred.keys[api] ?? [];
      const alone = certify(["--only", keys.join(","), "--runs", "100"]);
      expect(alone.cases).toBe(keys.length);
      figures.push({
        id: `${id} certify, ${api} alone, runs 100`,
        what: `${keys.length} ${api} cases, --runs 100, one worker`,
        value: alone.seconds,
        unit: "s",
        baseline: { what: "full, runs 100, both cores", value: fullHundred.seconds, unit: "s" },
        ratio: alone.seconds / fullHundred.seconds,
        note: `${round((alone.seconds * 1000) / (keys.length * 100))} ms per run of one case, start-up included`,
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// f) power: what the schedule classes find that random runs alone do not
// ---------------------------------------------------------------------------------------------

describe("power", () => {
  it("f) cases caught per defective integration: the enumerated classes (alone, then 5 or 10 random) vs random runs alone (10 and 100)", async () => {
    const { conformanceModel } = await import("../generated/conformance-model.js");
    const { createSandbox } = await import("../generated/sandbox.js");
    const { certifyCase } = await import("../suites/conformance/run-case.js");
    const { startSandboxServer } = await import("../suites/sandbox/server.js");
    const { defectiveAdapters } = await import("../integrations/defective/index.js");
    // One documented failure of each kind the rules tell apart, on both APIs.
    const probes = [
      "service-unavailable@CreateCharge",
      "internal-server-error@CaptureCharge",
      "too-many-requests@CreateCheckoutSession",
      "invalid-parameter-value@CreateCheckoutSession",
      "unauthorized-access@CreateCharge",
      "invalid-checkout-session-status@CompleteCheckoutSession",
      "hard-declined@CreateCharge",
      "transaction-amount-exceeded@CreateCharge",
      "charge-authorization-pending@CreateCharge",
      "refund-pending@CreateRefund",
      "throttled@CreateGiftCard",
      "f4000-system-temporarily-unavailable@CreateGiftCard",
      "f1000-gc-locked@CreateGiftCard",
      "f2003-invalid-amount-input@CreateGiftCard",
      "f3003-insufficient-funds@CreateGiftCard",
      "f5000-general-error@CreateGiftCard",
    ];
    const time = new VirtualTime();
    // The defective integrations sign with the reference's test keys, as in the family's own tests.
    const { referenceTestCredentials } = await import("../integrations/reference/test-credentials.js");
    const sandbox = createSandbox({ clock: time, config: { incentives: { throttling: false }, credentials: referenceTestCredentials } });
    const server = startSandboxServer(sandbox);
    // The default (classes, then DEFAULT_RUNS random) first: the baseline of every other setting.
    const settings = [
      { name: `classes, then ${DEFAULT_RUNS} random (default)`, enumerate: true, runs: DEFAULT_RUNS },
      { name: "classes alone", enumerate: true, runs: 0 },
      { name: "classes, then 10 random", enumerate: true, runs: 10 },
      { name: "random 10", enumerate: false, runs: 10 },
      { name: "random 100", enumerate: false, runs: 100 },
    ] as const;
    const table: Record<string, Record<string, string>> = {};
    const totals = settings.map(() => 0);
    try {
      for (const [name, member] of Object.entries(defectiveAdapters)) {
        const row: Record<string, string> = { rule: member.breaks };
        for (const [i, setting] of settings.entries()) {
          let caught = 0;
          let applicable = 0;
          for (const key of probes) {
            const [failureId, operation] = key.split("@") as [string, string];
            const failure = conformanceModel.failures.find((f) => f.id === failureId)!;
            const result = await certifyCase({ model: conformanceModel, failure, operation, sandbox, time, enumerate: setting.enumerate, target: { adapter: member.adapter, adapterName: name, runs: setting.runs, seed: 20261123 } });
            if (result.status === "not-applicable") continue;
            applicable += 1;
            if (result.status === "mishandled" && result.rule === member.breaks) caught += 1;
          }
          row[setting.name] = `${caught}/${applicable}`;
          totals[i] = totals[i]! + (caught > 0 ? 1 : 0);
        }
        table[name] = row;
      }
    } finally {
      server.close();
    }
    console.log(`\npower: cases caught by the rule each integration breaks, on ${probes.length} probe cases`);
    console.table(table);
    const members = Object.keys(defectiveAdapters).length;
    for (const [i, setting] of settings.entries()) {
      figures.push({ id: `f${i + 1}`, what: `defective integrations caught on at least one probe case: ${setting.name}`, value: totals[i]!, unit: `of ${members}`, ...(i > 0 ? { baseline: { what: settings[0].name, value: totals[0]!, unit: `of ${members}` }, ratio: round(totals[i]! / totals[0]!) } : { target: "every one", met: totals[0] === members }) });
    }
    figures.push({ id: "f-table", what: `cases caught per integration (${settings.map((setting) => setting.name).join(" / ")})`, value: members, unit: "integrations", note: JSON.stringify(table) });
    expect(totals[0]).toBe(members);
  });
});

// ---------------------------------------------------------------------------------------------
// g) cost model: what a request costs through the certification, beside the integration alone
// ---------------------------------------------------------------------------------------------

/** Answers recorded from the sandbox, replayed in order by the stub transports. */
interface Recorded {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/**
 * A socket under node:https that answers every request it is written with the next recorded
 * answer: Node's http client, axios and the SDK run as they do against Amazon, nothing else does.
 */
class StubSocket extends Duplex {
  #buffer = "";
  constructor(private readonly next: () => Recorded) {
    super();
  }
  override _read(): void {}
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#buffer += typeof chunk === "string" ? chunk : chunk.toString("latin1");
    for (;;) {
      const end = this.#buffer.indexOf("\r\n\r\n");
      if (end < 0) break;
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(this.#buffer.slice(0, end))?.[1] ?? 0);
      if (this.#buffer.length < end + 4 + length) break;
      this.#buffer = this.#buffer.slice(end + 4 + length);
      const answer = this.next();
      const body = Buffer.from(answer.body, "utf8");
      this.push(`HTTP/1.1 ${answer.status} X\r\ncontent-type: ${answer.contentType}\r\ncontent-length: ${body.length}\r\nconnection: keep-alive\r\n\r\n`);
      this.push(body);
    }
    callback();
  }
  setKeepAlive(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setTimeout(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

/** This process's CPU time (user and system), in milliseconds. */
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

describe("cost model", () => {
  it("g) per API: runs, requests and ms per request through the certification vs the integration alone on a stub transport", async () => {
    const https = await import("node:https");
    const { conformanceModel } = await import("../generated/conformance-model.js");
    const { createSandbox } = await import("../generated/sandbox.js");
    const { certifyCase } = await import("../suites/conformance/run-case.js");
    const { callAdapter } = await import("../suites/conformance/call-adapter.js");
    const { adapterFunction, FIXTURES } = await import("../suites/conformance/fixtures.js");
    const { signingConfig } = await import("../suites/conformance/signing.js");
    const { DEFAULT_SEED } = await import("../suites/conformance/target.js");
    const { createReferenceAdapter, referenceTestCredentials } = await import("../integrations/reference/index.js");
    const time = new VirtualTime();
    const sandbox = createSandbox({ clock: time, config: { incentives: { throttling: false }, ...signingConfig({ credentials: referenceTestCredentials }) } });
    const casesOf = (api: string) =>
      [...readFileSync(join(packageRoot, `generated/conformance-${api}.test.ts`), "utf8").matchAll(/\{"failureId":"([^"]+)","operation":"([^"]+)"\}/g)].map((m) => ({ failureId: m[1]!, operation: m[2]! }));
    // Requests and runs, counted where every run starts: sandbox.reset() empties the journal.
    let runs = 0;
    let requests = 0;
    const reset = sandbox.reset.bind(sandbox);
    sandbox.reset = () => {
      runs += 1;
      requests += sandbox.journal.entries.length;
      reset();
    };
    const rows: Record<string, Record<string, string | number>> = {};
    for (const api of ["amazon-pay", "incentives"] as const) {
      const adapter = createReferenceAdapter();
      const cases = casesOf(api);
      // 1. The whole certification of the API's cases, in one process, through the certification transport.
      const server = startSandboxInterceptor(sandbox);
      let certifyMs: number;
      try {
        runs = 0;
        requests = 0;
        const start = cpuMs();
        for (const c of cases) {
          const failure = conformanceModel.failures.find((f) => f.id === c.failureId)!;
          const result = await certifyCase({ model: conformanceModel, failure, operation: c.operation, sandbox, time, target: { adapter, adapterName: "reference", runs: DEFAULT_RUNS, seed: DEFAULT_SEED } });
          expect(result.status, `${c.failureId}@${c.operation}`).toBe("handled");
        }
        certifyMs = cpuMs() - start;
        requests += sandbox.journal.entries.length;
      } finally {
        server.close();
      }
      const certified = { runs, requests };

      // 2. The integration alone: each operation's normal path, its answers recorded from the sandbox once, then
      // replayed by a stub transport (a socket under node:https for the SDK, fetch itself for the fetch client).
      const operations = [...new Set(cases.map((c) => c.operation))].filter((operation) => adapterFunction({ ...adapter, api, operation }) && FIXTURES[operation]);
      const recorded = new Map<string, Recorded[]>();
      const recorder = startSandboxInterceptor(sandbox);
      const answer = sandbox.answer.bind(sandbox);
      try {
        for (const operation of operations) {
          const answers: Recorded[] = [];
          sandbox.answer = (request: Request) => {
            const pending = answer(request);
            return pending?.then(async (response) => {
              answers.push({ status: response.status, contentType: response.headers.get("content-type") ?? "application/json", body: await response.clone().text() });
              return response;
            });
          };
          sandbox.reset();
          time.set(Date.UTC(2026, 0, 1));
          const { request } = FIXTURES[operation]!({ sandbox, amount: 25, reference: "r1", sessionState: "Open" });
          const outcome = await callAdapter({ time, work: () => adapterFunction({ ...adapter, api, operation })!(request as never) });
          expect(outcome.status, `${api} ${operation}`).not.toMatch(/threw|hung|invalid/);
          recorded.set(operation, answers);
        }
      } finally {
        sandbox.answer = answer;
        recorder.close();
      }
      let next: () => Recorded = () => {
        throw new Error("no answer recorded");
      };
      let stubRequests = 0;
      const agent = https.globalAgent as unknown as { createConnection: unknown };
      const createConnection = agent.createConnection;
      const realFetch = globalThis.fetch;
      agent.createConnection = () => {
        return new StubSocket(() => {
          stubRequests += 1;
          return next();
        });
      };
      globalThis.fetch = (async () => {
        stubRequests += 1;
        const a = next();
        return new Response(a.body, { status: a.status, headers: { "content-type": a.contentType } });
      }) as typeof fetch;
      let stubMs = 0;
      try {
        const ROUNDS = 40;
        for (let round = 0; round <= ROUNDS; round += 1) {
          for (const operation of operations) {
            const answers = recorded.get(operation)!;
            let i = 0;
            next = () => answers[i++ % answers.length]!;
            sandbox.reset();
            const { request } = FIXTURES[operation]!({ sandbox, amount: 25, reference: `s${round}`, sessionState: "Open" });
            const fn = adapterFunction({ ...adapter, api, operation })!;
            const before = stubRequests;
            // CPU time: the SDK waits a real setTimeout(0) before each request, which the certification's virtual clock skips.
            const start = cpuMs();
            await fn(request as never);
            // Round 0 warms up.
            if (round === 0) stubRequests = before;
            else stubMs += cpuMs() - start;
          }
        }
      } finally {
        agent.createConnection = createConnection;
        globalThis.fetch = realFetch;
      }
      const certifiedPerRequest = certifyMs / certified.requests;
      const stubPerRequest = stubMs / stubRequests;
      const share = 1 - stubPerRequest / certifiedPerRequest;
      rows[api] = {
        cases: cases.length,
        runs: certified.runs,
        requests: certified.requests,
        "runs/case": round(certified.runs / cases.length, 1),
        "requests/case": round(certified.requests / cases.length, 1),
        "certification CPU ms": round(certifyMs, 1),
        "ms/request, certification": round(certifiedPerRequest),
        "ms/request, integration alone": round(stubPerRequest),
        "faultproof share": `${Math.round(share * 100)} %`,
      };
      figures.push({
        id: `g ${api} ms per request`,
        what: `${cases.length} ${api} cases of the reference, --runs ${DEFAULT_RUNS}, one process: ${certified.runs} runs, ${certified.requests} requests (${round(certified.requests / cases.length, 1)} per case)`,
        value: certifiedPerRequest,
        unit: "ms/req",
        baseline: { what: "the reference integration alone, normal path, stub transport", value: stubPerRequest, unit: "ms/req" },
        ratio: certifiedPerRequest / stubPerRequest,
        note: `faultproof's share of a request (sandbox, interceptors, signature checks, virtual time, fixtures, judging, per-run work): ${Math.round(share * 100)} %; ${stubRequests} stub requests over ${operations.length} operations`,
      });
    }
    console.log("\ncost model: the reference integration, one process, CPU time");
    console.table(rows);
  });
});
