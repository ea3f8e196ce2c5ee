/**
 * What the committed bundle ships (CI checks that dist/ is a fresh bundle of src/):
 * @actions/http-client is replaced by a stand-in (src/runtime/no-http-client.ts, through
 * tsconfig `paths`), so loading @actions/core in a GitHub job step loads no HTTP client this
 * tool never uses (undici, tunnel, and with them node:https, node:tls and node:assert).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const chunks = readdirSync(dist).filter((f) => f.endsWith('.js')).map((f) => ({ f, text: readFileSync(join(dist, f), 'utf8') }));

test('dist/ holds no @actions/http-client, undici or tunnel: only the stand-in', () => {
  expect(chunks.filter((c) => /node_modules\/(undici|tunnel|@actions\/http-client)\//.test(c.text)).map((c) => c.f)).toEqual([]);
  expect(chunks.filter((c) => c.text.includes('ci-docker-prune does not bundle @actions/http-client'))).toHaveLength(1);
  // the real @actions/core is bundled, and it is what imports the stand-in
  expect(chunks.some((c) => c.text.includes('node_modules/@actions/core/lib/oidc-utils.js'))).toBe(true);
});

test('the chunk @actions/core loads in (every GitHub job step) stays small', () => {
  const core = chunks.filter((c) => c.text.includes('node_modules/@actions/core/'));
  expect(core.length).toBeGreaterThan(0);
  // with undici it was 1 MB; with @actions/http-client and tunnel, 80 KB
  for (const c of core) expect(c.text.length).toBeLessThan(60_000);
});
