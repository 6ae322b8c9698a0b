/**
 * The member of the family named by FAULTPROOF_MEMBER, as a module exporting
 * `adapter`, so that one member can be certified on its own:
 *
 *   FAULTPROOF_MEMBER=no-backoff FAULTPROOF_ADAPTER=integrations/defective/selected.ts npx vitest run generated
 */
import type { Adapter } from "../../suites/adapter.js";
import { family } from "./index.js";

function selected(): Adapter {
  const name = process.env.FAULTPROOF_MEMBER ?? "";
  const member = family[name];
  if (!member) throw new Error(`FAULTPROOF_MEMBER must name a member of the family (${Object.keys(family).join(", ")}), got ${JSON.stringify(name)}`);
  return member.adapter;
}

export const adapter: Adapter = selected();
