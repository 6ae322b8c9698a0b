/**
 * How the generated handlers match requests: by host alone, with a predicate,
 * so that MSW never decodes the path (a malformed percent-escape would throw
 * before the sandbox could answer it) and the engines do their own routing.
 */
export function onHostIn(hosts: Readonly<Record<string, string>>): (args: { request: Request }) => boolean {
  return ({ request }) => {
    const url = urlOf(request);
    return url.protocol === "https:" && Object.hasOwn(hosts, url.host);
  };
}

/** The region of the host a request went to, from a table the predicate above has matched. */
export function regionOf(request: Request, hosts: Readonly<Record<string, string>>): string {
  return hosts[urlOf(request).host]!;
}

/** The operation name of an Incentives request: the raw path without its leading slash. */
export function operationOf(request: Request): string {
  return urlOf(request).pathname.slice(1);
}

// MSW asks each handler's predicate in turn, and the resolver reads the URL again: parse it once.
const parsed = new WeakMap<Request, URL>();

/** A request's URL, parsed once however many times it is asked for. */
export function urlOf(request: Request): URL {
  let url = parsed.get(request);
  if (!url) {
    url = new URL(request.url);
    parsed.set(request, url);
  }
  return url;
}
