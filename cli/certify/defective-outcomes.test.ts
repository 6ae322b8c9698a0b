import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { defectiveAdapters } from "../../integrations/defective/index.js";
import { describeDefects, OUTCOME_DEFECTS, projectFor, RETRY_DEFECTS } from "./test-support/defective-cases.js";
import { buildOnce, runFaultproof } from "./test-support/run-certify.js";

describeDefects("defective outcomes are caught by the rule they break", OUTCOME_DEFECTS);

it("certifies, as processes, a defect of each kind that exists in the family", () => {
  const chosen = [...RETRY_DEFECTS, ...OUTCOME_DEFECTS];
  expect(chosen.filter((name) => !defectiveAdapters[name])).toEqual([]);
  expect(new Set(chosen).size).toBe(chosen.length);
});

describe("a baseline of accepted gaps", () => {
  beforeAll(() => buildOnce(), 600_000);

  it("accepts a listed gap (exit 0, status accepted), and still fails on an unlisted one", () => {
    const cwd = projectFor("request-id-without-partner");
    const listed = "f2003-invalid-amount-input@CreateGiftCard";
    writeFileSync(join(cwd, "baseline.json"), JSON.stringify([listed]));
    const accepted = runFaultproof({ cwd, args: ["certify", "--only", listed, "--baseline", "baseline.json"] });
    expect(accepted.code, accepted.stdout).toBe(0);
    expect(accepted.report().results.find((r) => r.key === listed)).toMatchObject({ status: "accepted", rule: "normal-path" });
    expect(accepted.report().summary).toMatchObject({ accepted: 1, mishandled: 0 });

    const other = runFaultproof({ cwd, args: ["certify", "--only", `${listed},f3003-insufficient-funds@CreateGiftCard`, "--baseline", "baseline.json"] });
    expect(other.code).toBe(1);
    expect(other.report().summary).toMatchObject({ accepted: 1, mishandled: 1 });
  }, 600_000);

  it("fails a score under --min-score even when every gap is accepted", () => {
    const cwd = projectFor("request-id-without-partner");
    const listed = "f2003-invalid-amount-input@CreateGiftCard";
    writeFileSync(join(cwd, "baseline.json"), JSON.stringify({ accepted: [listed] }));
    const run = runFaultproof({ cwd, args: ["certify", "--only", `${listed},service-unavailable@CreateCharge`, "--baseline", "baseline.json", "--min-score", "0.9"] });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/not certified \(score below the minimum/);
  }, 600_000);
});
