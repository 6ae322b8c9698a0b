import { describeDefects, RETRY_DEFECTS } from "./test-support/defective-cases.js";

describeDefects("defective retrying is caught by the rule it breaks", RETRY_DEFECTS);
