/**
 * Stands in for `undici` in the bundle (tsconfig `paths`). @actions/http-client imports it for
 * one thing, a proxy dispatcher for its own HTTP requests; @actions/core makes those only for
 * getIDToken (OIDC), which this tool never calls. Bundled, undici was most of what loading
 * @actions/core cost a GitHub job step (the action's pre step: 1.84x the floor with it, 1.52x
 * without, about 65 ms; BENCHMARKS.md): it is not shipped.
 */
export class ProxyAgent {
  constructor() {
    throw new Error('ci-docker-prune does not bundle undici: @actions/http-client proxy dispatchers are unavailable');
  }
}
