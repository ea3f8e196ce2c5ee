/**
 * The pre and post steps around a recipe job, on a hermetic engine with two real registries:
 * an htpasswd-protected upstream and a pull-through proxy in front of it.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine, type Engine } from '../bench/engine.js';
import { DAY_MS, clearFiller, importImage, makeDangling } from '../bench/fixtures.js';
import { cleanEnv, runTool } from '../bench/run.js';
import type { RunReport } from '../../src/report/types.js';

let e: Engine;
let tmp: string;
let redis: string; // on the upstream, reached through the proxy
let direct: string; // on the authenticated upstream itself

beforeAll(() => {
  e = startEngine(768);
  tmp = mkdtempSync(join(e.dir, 'job-'));
  e.docker(['login', '--username', e.registryUser, '--password-stdin', e.registry], { input: e.registryPassword });
  for (const [name, bytes] of [['ci/redis:7', 3_000_000], ['ci/mariadb:10.11', 2_000_000]] as const) {
    importImage(e, `${e.registry}/${name}`, bytes);
    e.docker(['push', `${e.registry}/${name}`]);
    e.docker(['image', 'rm', `${e.registry}/${name}`]);
  }
  redis = `${e.registryProxy}/ci/redis:7`;
  direct = `${e.registry}/ci/mariadb:10.11`;
});
afterAll(() => e?.stop());

let n = 0;
function step(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const file = join(tmp, `report-${++n}.json`);
  const r = runTool(e, [...args, '--state-dir', join(tmp, 'state'), '--report-file', file], { ...cleanEnv(e), CI_DOCKER_PRUNE_RUN_ID: 'job', ...extraEnv });
  let report: RunReport | undefined;
  try { report = JSON.parse(readFileSync(file, 'utf8')) as RunReport; } catch { report = undefined; }
  return { ...r, report };
}

test('cold image: pulled through the proxy, warm on the next job, the second pull measurably cheaper', () => {
  const job1 = step(['pre', '--images', redis, '--pull', 'cold']);
  expect(job1.code).toBe(0);
  const cold = job1.report!.job!.images[0]!;
  expect(cold).toMatchObject({ ref: redis, warm: false });
  expect(cold.downloadBytes).toBeGreaterThan(1_000_000); // from the registry's manifest
  expect(cold.pull!.layersDownloaded).toBeGreaterThanOrEqual(1);
  expect(cold.id).toMatch(/^sha256:/);
  expect(job1.stdout).toContain(`warm (present locally) 0/1, cold: ${redis}`);
  const job2Started = Date.now();
  const job2 = step(['pre', '--images', redis, '--pull', 'all']);
  expect(job2.code).toBe(0);
  const warm = job2.report!.job!.images[0]!;
  expect(warm).toMatchObject({ warm: true, id: cold.id });
  expect(warm.pull).toMatchObject({ layersDownloaded: 0, upToDate: true });
  expect(warm.pull!.ms).toBeLessThan(cold.pull!.ms);
  expect(job2.stdout).toContain('warm (present locally) 1/1');
  // the job's image counts as used now in the ledger, though no container of ours ever ran it
  const ledger = JSON.parse(readFileSync(join(tmp, 'state', 'ledger.json'), 'utf8')) as { images: Record<string, { lastUsedMs: number }> };
  expect(ledger.images[cold.id!]!.lastUsedMs).toBeGreaterThanOrEqual(job2Started);
  expect(job2.stdout).toMatch(/up to date \(manifest check only\) in \d+ ms/);
  process.stdout.write(`cold pull ${cold.pull!.ms} ms (${cold.pull!.layersDownloaded} layers, ${cold.downloadBytes} bytes); warm pull ${warm.pull!.ms} ms (manifest only)\n`);
});

test('a nonexistent tag fails the step, even with an older tag of the image present locally', () => {
  const r = step(['pre', '--images', `${e.registryProxy}/ci/redis:8`, '--pull', 'cold']);
  expect(r.code).toBe(1);
  // the registry's answer, as each image store words it: `manifest unknown` (classic), `not found` (containerd)
  expect(r.stderr).toMatch(/pull of .*ci\/redis:8 failed: .*(manifest unknown|ci\/redis:8: not found)/);
  // a local copy never hides a broken pull: local-only image, `pull: all`
  importImage(e, `${e.registryProxy}/ci/local-only:1`);
  const local = step(['pre', '--images', `${e.registryProxy}/ci/local-only:1`, '--pull', 'all']);
  expect(local.code).toBe(1);
  expect(local.report!.job!.images[0]!.warm).toBe(true);
  expect(local.stderr).toMatch(/pull of .*local-only:1 failed/);
});

test('an image removed during the job is reported as evicted; fail-on-eviction fails the step', () => {
  importImage(e, 'keycloak:24');
  expect(step(['pre']).code).toBe(0);
  e.docker(['image', 'rm', 'keycloak:24']); // the "job" evicts a warm image
  e.docker(['volume', 'create', 'abcd-1a2b3c_ci_commoninternet_net_db']); // and leaks a volume
  const post = step(['post']);
  expect(post.code).toBe(0);
  expect(post.stderr).toMatch(/warning: evicted during the job: keycloak:24 \(/);
  expect(post.stderr).toContain('teardown leak: 1 volumes created during the job still exist: abcd-1a2b3c_ci_commoninternet_net_db');
  expect(post.report!.job!.evicted.map((x) => x.tags)).toEqual([['keycloak:24']]);
  expect(e.docker(['volume', 'ls', '--quiet'])).toContain('abcd-1a2b3c_ci_commoninternet_net_db'); // reported, never removed
  importImage(e, 'keycloak:24');
  expect(step(['pre']).code).toBe(0);
  e.docker(['image', 'rm', 'keycloak:24']);
  const strict = step(['post', '--fail-on-eviction']);
  expect(strict.code).toBe(1);
  expect(strict.stderr).toMatch(/error: evicted during the job: keycloak:24/);
});

test("pre marks the images its job needs; that job's post releases the mark, another job's stays", () => {
  importImage(e, 'marked:1');
  // (earlier tests' pre steps without a post leave their own marks: only this test's are looked at)
  const marks = () => Object.values((JSON.parse(readFileSync(join(tmp, 'state', 'ledger.json'), 'utf8')) as { marks: Record<string, { refs: string[] }> }).marks)
    .filter((m) => m.refs.includes('marked:1'));
  expect(step(['pre', '--images', 'marked:1'], { CI_DOCKER_PRUNE_RUN_ID: 'job-a' }).code).toBe(0);
  expect(step(['pre', '--images', 'marked:1'], { CI_DOCKER_PRUNE_RUN_ID: 'job-b' }).code).toBe(0);
  expect(marks().map((m) => m.refs)).toEqual([['marked:1'], ['marked:1']]);
  expect(step(['post'], { CI_DOCKER_PRUNE_RUN_ID: 'job-a' }).code).toBe(0);
  expect(marks().map((m) => m.refs)).toEqual([['marked:1']]); // job-b still runs
  expect(step(['post'], { CI_DOCKER_PRUNE_RUN_ID: 'job-b' }).code).toBe(0);
  expect(marks()).toEqual([]);
});

test('min-free: short of space, the gated prune runs first; still short, the step fails before the job', () => {
  const big = makeDangling(e, 'recipe-app:1', 2 * DAY_MS, 40_000_000); // an old dangling image of ~40 MB
  const avail = () => Number(e.sh(`df -B1 --output=avail '${e.mount}' | tail -1`).trim());
  e.sh(`fallocate -l ${avail() - 20_000_000} '${e.mount}/filler-minfree'`); // ~20 MB free
  try {
    // until=1s: on the containerd store a dangling image's age runs from when its tag moved
    const ok = step(['pre', '--min-free', '50MB', '--until', '1s']);
    // (one expectation: a failure shows the step's stderr next to its exit code)
    expect(`exit ${ok.code}: ${ok.stderr}`).toMatch(/^exit 0: [^]*warning: only .* free on .*, the job needs 50.0 MB \(min-free 50.0 MB\): running the gated prune now/);
    expect(ok.report!.removed.map((r) => r.id)).toContain(big);
    expect(ok.report!.disk.after!.availBytes).toBeGreaterThanOrEqual(50_000_000);
    const short = step(['pre', '--min-free', '2GiB', '--until', '1s']);
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/error: not enough free space for the job: .* free on .* after the gated prune, .* short/);
  } finally { clearFiller(e); }
});

test('check-upstream: a warm image is current while its tag stays, moved once the tag is pushed anew', () => {
  const ref = `${e.registry}/ci/upd:1`;
  const a = importImage(e, ref, 1_000_000);
  e.docker(['push', ref]); // the local copy now records the digest it was pushed (pulled) as
  const current = step(['pre', '--images', ref, '--check-upstream']);
  expect(current.code).toBe(0);
  expect(current.stdout).toContain('upstream: 1 current, 0 moved, 0 not comparable');
  expect(current.report!.job!.images.map((i) => [i.warm, i.upstream])).toEqual([[true, 'current']]);
  expect(step(['post']).code).toBe(0);
  // someone pushes a new build under the same tag… (built under another name and tagged: an
  // import over the tag would delete `a` on the containerd store)
  e.docker(['tag', importImage(e, `${e.registry}/ci/upd-next:1`, 1_000_000), ref]);
  e.docker(['push', ref]);
  e.docker(['tag', a, ref]); // …while this host still holds the old one
  const moved = step(['pre', '--images', ref, '--check-upstream', '--pull', 'cold']);
  expect(moved.code).toBe(0);
  expect(moved.stdout).toContain(`upstream: 0 current, 1 moved (their pulls download: ${ref}), 0 not comparable`);
  expect(moved.report!.job!.images.map((i) => [i.warm, i.upstream])).toEqual([[true, 'moved']]);
  expect(step(['post']).code).toBe(0);
});

test('cold images get room before they are pulled: warm images yield least recently used first, only as far as needed', () => {
  const cold = `${e.registryProxy}/ci/redis:7`;
  e.docker(['image', 'rm', cold], { allowFail: true });
  const warm = ['warm-a:1', 'warm-b:1'].map((ref) => importImage(e, ref, 8_000_000));
  const avail = () => Number(e.sh(`df -B1 --output=avail '${e.mount}' | tail -1`).trim());
  e.sh(`fallocate -l ${avail() - 2_000_000} '${e.mount}/filler-room'`); // ~2 MB free, the cold image downloads ~3 MB
  let r;
  try { r = step(['pre', '--images', cold, '--pull', 'cold']); } finally { clearFiller(e); }
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/warning: only .* free on .*, the job needs [\d.]+ MB \(room for the cold images: 2 × [\d.]+ MB\): running the gated prune now/);
  // earlier tests' images go first (least recently used); warm-b, the newest, was not needed
  const evicted = r.report!.removed.filter((x) => x.kind === 'evict');
  expect(evicted.length).toBeGreaterThan(0);
  expect(evicted.every((x) => x.yielded)).toBe(true);
  expect(evicted.map((x) => x.id)).not.toContain(warm[1]);
  expect(r.stdout).toMatch(/✓ .*ci\/redis:7 cold: \d+ layer\(s\) downloaded/);
  expect(e.docker(['image', 'inspect', '--format', '{{.Id}}', 'warm-b:1']).trim()).toBe(warm[1]);
  expect(step(['post']).code).toBe(0);
});

/** Parses the file-command format @actions/core writes (`name<<delimiter\nvalue\ndelimiter`). */
function fileCommands(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^(.+?)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm;
  for (const m of readFileSync(path, 'utf8').matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

test('main and post run from the bundle as GitHub runs them, and the registry password never shows', () => {
  const files = { output: join(tmp, 'gh-output'), state: join(tmp, 'gh-state'), summary: join(tmp, 'gh-summary') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const report = join(tmp, 'gh-report.json');
  const gh = {
    ...cleanEnv(e), GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: files.output, GITHUB_STATE: files.state, GITHUB_STEP_SUMMARY: files.summary,
    INPUT_IMAGES: `${direct}\n${redis}`, INPUT_PULL: 'all', 'INPUT_STATE-DIR': join(tmp, 'gh-state-dir'), 'INPUT_REPORT-FILE': report,
  };
  const main = runTool(e, [], gh);
  expect(main.code).toBe(0);
  const state = fileCommands(files.state);
  expect(state.isPost).toBe('true');
  expect(state.phase).toBe('pre');
  // only a key travels as step state; the snapshot waits in state-dir
  expect(state.snapshot).toMatch(/^default-[0-9a-f-]{36}$/);
  expect(state.snapshot!.length).toBeLessThan(100);
  expect((JSON.parse(readFileSync(join(tmp, 'gh-state-dir', 'jobs', `${state.snapshot}.json`), 'utf8')) as { images: unknown[] }).images.length).toBeGreaterThan(0);
  const mainOutputs = fileCommands(files.output);
  expect(mainOutputs.mode).toBe('pre');
  expect(main.stdout).toMatch(new RegExp(`registry ${e.registry.replace(/\./g, '\\.')}: stored credential in .*config\\.json`));
  expect(main.stdout).toMatch(/✓ .*ci\/mariadb:10.11 cold: 1 layer\(s\) downloaded/);
  const mainReport = readFileSync(report, 'utf8');

  // the runner hands saved state to the post step as STATE_* variables
  const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]));
  e.docker(['image', 'rm', direct]);
  const post = runTool(e, [], { ...gh, ...stateEnv });
  expect(post.code).toBe(0);
  expect(fileCommands(files.output)['evicted-images']).toBe(direct);
  expect(post.stdout).toMatch(new RegExp(`::warning::evicted during the job: ${direct.replace(/[./]/g, '\\$&')}`));
  const summary = readFileSync(files.summary, 'utf8');
  expect(summary).toContain('### ci-docker-prune · pre');
  expect(summary).toContain('### ci-docker-prune · post');
  expect(summary).toMatch(/\| .*ci\/redis:7 \| 🔥 warm \|/);
  expect(summary).toContain('**Evicted during the job**');

  const secret = e.registryPassword;
  const forms = [secret, Buffer.from(secret).toString('base64'), Buffer.from(`${e.registryUser}:${secret}`).toString('base64')];
  // every stream, and every file any step of this suite wrote (reports, state, outputs, summary)
  const written = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => d.isDirectory() ? written(join(dir, d.name)) : [readFileSync(join(dir, d.name), 'utf8')]);
  const everything = [main.stdout, main.stderr, post.stdout, post.stderr, mainReport, ...written(tmp)];
  expect(everything).toContain(summary);
  expect(everything.join('').length).toBeGreaterThan(1000);
  for (const form of forms) for (const text of everything) expect(text.includes(form)).toBe(false);
  // the credential really was there to find: the engine's client config holds it (base64)
  expect(readFileSync(join(e.env.DOCKER_CONFIG!, 'config.json'), 'utf8')).toContain(forms[2]);
});
