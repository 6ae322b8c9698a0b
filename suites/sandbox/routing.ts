/**
 * How the generated handlers match requests: by host alone, with a predicate,
 * so that MSW never decodes the path (a malformed percent-escape would throw
 * before the sandbox could answer it) and the engines do their own routing.
 */
export function onHost(host: string): (args: { request: Request }) => boolean {
  return ({ request }) => {
    const url = urlOf(request);
    return url.protocol === "https:" && url.host === host;
  };
}

/** The operation name of an Incentives request: the raw path without its leading slash. */
export function operationOf(request: Request): string {
  return urlOf(request).pathname.slice(1);
}

// MSW asks every host's predicate in turn: parse a request's URL once, not once per handler.
const parsed = new WeakMap<Request, URL>();

function urlOf(request: Request): URL {
  let url = parsed.get(request);
  if (!url) {
    url = new URL(request.url);
    parsed.set(request, url);
  }
  return url;
}
