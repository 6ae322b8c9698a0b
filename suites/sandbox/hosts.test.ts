import { afterEach, describe, expect, it } from "vitest";
import { AMAZON_PAY_HOSTS, INCENTIVES_HOSTS } from "../../generated/handlers.js";
import { amazonPayModel, incentivesModel } from "../../generated/sandbox-model.js";
import { createSandbox } from "../../generated/sandbox.js";
import { incentivesBody, payHeaders, postIncentives } from "./test-support/requests.js";
import { serveThrough, TRANSPORTS } from "./test-support/transports.js";

/*
 * Every host of both APIs is served, each with its own region, whichever
 * transport a client goes through: the generated MSW handlers and the
 * certification's interceptor read the same hosts from the same model.
 */

// Requests made by hand, not signed: signatures are proven in suites/sandbox/*/signature.test.ts.
const sandbox = createSandbox({ config: { verifySignatures: false } });
afterEach(() => sandbox.reset());

const CURRENCY: Readonly<Record<string, string>> = { NA: "USD", EU: "EUR", FE: "JPY" };

it("the handlers' host tables are the model's hosts", () => {
  expect(INCENTIVES_HOSTS).toEqual(Object.fromEntries(incentivesModel.hosts.flatMap((h) => [[h.sandbox, h.region], [h.production, h.region]])));
  expect(AMAZON_PAY_HOSTS).toEqual(Object.fromEntries(amazonPayModel.hosts.map((h) => [h.host, h.region])));
});

describe.each(TRANSPORTS)("through $name", (transport) => {
  serveThrough(transport, sandbox);

  it.each(Object.entries(INCENTIVES_HOSTS))("%s answers GetAvailableFunds in the currency of its region (%s)", async (host, region) => {
    const response = await postIncentives({ operation: "GetAvailableFunds", body: incentivesBody("GetAvailableFunds"), format: "json", host });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ availableFunds: { currencyCode: CURRENCY[region] } });
  });

  it.each(Object.keys(AMAZON_PAY_HOSTS))("%s answers GET checkoutSessions/{id} for an unknown id with ResourceNotFound", async (host) => {
    const response = await fetch(`https://${host}/v2/checkoutSessions/S01-0000000-0000000`, { headers: payHeaders({ "x-amz-pay-host": host }) });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ reasonCode: "ResourceNotFound" });
  });
});
