/**
 * What the committed bundle ships (CI checks that dist/ is a fresh bundle of src/). An action
 * step writes the runner's commands through @actions/core's command.js and summary.js
 * (src/runtime/actions-commands.ts), not through core's index: that index loads node:crypto (for
 * one UUID), @actions/exec and @actions/http-client (undici, tunnel, node:https, node:tls) into
 * every step. @actions/exec is imported on the first `docker` command (src/docker/cli.ts), so a
 * step that runs none loads no child_process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const chunks = readdirSync(dist).filter((f) => f.endsWith('.js')).map((f) => ({ f, text: readFileSync(join(dist, f), 'utf8') }));

test("dist/ holds no @actions/http-client, undici or tunnel, nor @actions/core's index: only its command writer", () => {
  expect(chunks.filter((c) => /node_modules\/(undici|tunnel|@actions\/http-client)\//.test(c.text)).map((c) => c.f)).toEqual([]);
  expect(chunks.filter((c) => /node_modules\/@actions\/core\/lib\/(core|file-command|oidc-utils|platform)\.js/.test(c.text)).map((c) => c.f)).toEqual([]);
  expect(chunks.some((c) => c.text.includes('node_modules/@actions/core/lib/command.js'))).toBe(true);
});

test('the chunk the runner commands load in (every GitHub job step) stays small', () => {
  const core = chunks.filter((c) => c.text.includes('node_modules/@actions/core/'));
  expect(core.length).toBeGreaterThan(0);
  // with undici it was 1 MB; with @actions/http-client and tunnel, 80 KB; with core's index, 36 KB
  for (const c of core) expect(c.text.length).toBeLessThan(30_000);
});

test('an action step loads no child_process (until a command runs) and no crypto, and still writes its state', () => {
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
    expect(loaded.filter((m) => /^NativeModule (child_process|assert|crypto)$/.test(m))).toEqual([]);
    // the file command ran (its delimiter's UUID is what brought node:crypto with core's index)
    expect(readFileSync(files.state!, 'utf8')).toMatch(/^isPost<<(ghadelimiter_[0-9a-f-]{36})\ntrue\n\1\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
