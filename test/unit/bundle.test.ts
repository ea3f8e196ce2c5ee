/**
 * What the committed bundle ships (CI checks that dist/ is a fresh bundle of src/):
 * @actions/http-client is replaced by a stand-in (src/runtime/no-http-client.ts, through
 * tsconfig `paths`), so loading @actions/core in a GitHub job step loads no HTTP client this
 * tool never uses (undici, tunnel, and with them node:https, node:tls and node:assert); and
 * @actions/exec by one that loads the real module on its first command
 * (src/runtime/lazy-exec.ts), so a step that runs no `docker` command loads no child_process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

test('an action step loads @actions/core without @actions/exec: no child_process until a command runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdp-bundle-'));
  try {
    // what the process loaded, read at its exit by a preloaded module
    const preload = join(dir, 'loaded.mjs');
    writeFileSync(preload, `process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(process.moduleLoadList) + '\\n'));\n`);
    const files = Object.fromEntries(['output', 'state', 'summary'].map((f) => [f, join(dir, f)]));
    for (const f of Object.values(files)) writeFileSync(f, '');
    // a bad input: core reports it (an ::error:: line) and the step runs nothing
    const r = spawnSync(process.execPath, ['--import', preload, join(dist, 'index.js')], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, GITHUB_ACTIONS: 'true', INPUT_MODE: 'bogus', GITHUB_OUTPUT: files.output, GITHUB_STATE: files.state, GITHUB_STEP_SUMMARY: files.summary },
    });
    expect(r.stdout).toContain("::error::invalid input 'mode'");
    const loaded: string[] = JSON.parse(/^LOADED (.*)$/m.exec(r.stderr)![1]!);
    expect(loaded).toContain('NativeModule fs');
    expect(loaded.filter((m) => /^NativeModule (child_process|assert)$/.test(m))).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
