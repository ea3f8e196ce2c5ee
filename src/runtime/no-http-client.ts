/**
 * Stands in for `@actions/http-client` in the bundle (tsconfig `paths`). @actions/core imports
 * it for one thing, getIDToken (OIDC), which this tool never calls. Bundled, it brought undici
 * (once 1 MB of the chunk every GitHub job step loads) and then, through `tunnel`, node:https,
 * node:tls and node:assert into every step's start-up: BENCHMARKS.md. It is not shipped.
 */
const unavailable = (what: string): Error =>
  new Error(`ci-docker-prune does not bundle @actions/http-client: ${what} (OIDC tokens) is unavailable`);

export class HttpClient {
  constructor() { throw unavailable('HttpClient'); }
}

export class BearerCredentialHandler {
  constructor() { throw unavailable('BearerCredentialHandler'); }
}
