/**
 * How the generated handlers match requests: by host alone, with a predicate,
 * so that MSW never decodes the path (a malformed percent-escape would throw
 * before the sandbox could answer it) and the engines do their own routing.
 */
export function onHost(host: string): (args: { request: Request }) => boolean {
  return ({ request }) => {
    const url = new URL(request.url);
    return url.protocol === "https:" && url.host === host;
  };
}

/** The operation name of an Incentives request: the raw path without its leading slash. */
export function operationOf(request: Request): string {
  return new URL(request.url).pathname.slice(1);
}
