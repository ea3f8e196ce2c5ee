/**
 * What the committed bundle ships (CI checks that dist/ is a fresh bundle of src/): undici is
 * replaced by a stand-in (src/runtime/no-undici.ts, through tsconfig `paths`), so loading
 * @actions/core in a GitHub job step does not load a whole HTTP client this tool never uses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const chunks = readdirSync(dist).filter((f) => f.endsWith('.js')).map((f) => ({ f, text: readFileSync(join(dist, f), 'utf8') }));

test('dist/ holds no undici, only the stand-in; @actions/http-client, which imports it, is still the real one', () => {
  expect(chunks.filter((c) => /node_modules\/undici\//.test(c.text)).map((c) => c.f)).toEqual([]);
  expect(chunks.filter((c) => c.text.includes('ci-docker-prune does not bundle undici'))).toHaveLength(1);
  expect(chunks.some((c) => c.text.includes('node_modules/@actions/http-client/'))).toBe(true);
});

test('the chunk @actions/core loads in (every GitHub job step) stays small', () => {
  const core = chunks.filter((c) => c.text.includes('node_modules/@actions/core/'));
  expect(core.length).toBeGreaterThan(0);
  // with undici it was 1 MB; without, about 80 KB
  for (const c of core) expect(c.text.length).toBeLessThan(200_000);
});
