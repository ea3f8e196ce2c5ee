/** The pre step's state for the post step: one store, chosen by the runner's profile (runtime/runner.ts). */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobStateStore, type JobState } from '../../src/modes/job-state.js';
import { detectRunner, RUNNERS, runId } from '../../src/runtime/runner.js';

const state: JobState = { takenAtMs: Date.parse('2026-11-22T14:00:00Z'), images: [['sha256:a', 'nginx:1.27']], services: [], networks: ['bridge'], volumes: [], secrets: [], configs: [], markId: 'm1' };

test('in Actions: only a key travels as step state (the phase too); the state is a file in state-dir the post step reads once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdp-jobstate-'));
  try {
    const saved: Record<string, string> = {};
    const out = { saveState: (k: string, v: string) => { saved[k] = v; } };
    const env = { GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'test' };
    await jobStateStore({ out, runner: 'actions-main', env, config: { stateDir: dir } }).save(state);
    expect(Object.keys(saved).sort()).toEqual(['phase', 'snapshot']);
    expect(saved.phase).toBe('pre');
    expect(saved.snapshot).toMatch(/^42-1-test-[0-9a-f-]{36}$/);
    const post = { ...env, ...Object.fromEntries(Object.entries(saved).map(([k, v]) => [`STATE_${k}`, v])) };
    expect(await jobStateStore({ out, runner: 'actions-post', env: post, config: { stateDir: dir } }).load()).toEqual(state);
    expect(await jobStateStore({ out, runner: 'actions-post', env: post, config: { stateDir: dir } }).load()).toBeUndefined(); // consumed
    expect(await jobStateStore({ out, runner: 'actions-post', env: {}, config: { stateDir: dir } }).load()).toBeUndefined();
    // a key is a file name, never a path or the JSON an older pre step saved
    for (const key of ['../../etc/passwd', JSON.stringify(state), '']) {
      expect(await jobStateStore({ out, runner: 'actions-post', env: { STATE_snapshot: key }, config: { stateDir: dir } }).load()).toBeUndefined();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a host of 5,000 images: the step state stays a key of a few dozen bytes (Linux allows one variable 128 KiB)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdp-jobstate-'));
  try {
    const big: JobState = { ...state, images: Array.from({ length: 5000 }, (_, i) => [`sha256:${i.toString(16).padStart(64, '0')}`, `registry.example.org/recipes/app-${i}:1.2.${i}`, `registry.example.org/recipes/app-${i}:latest`]) };
    const saved: Record<string, string> = {};
    const out = { saveState: (k: string, v: string) => { saved[k] = v; } };
    await jobStateStore({ out, runner: 'actions-main', env: { GITHUB_RUN_ID: '9', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'j' }, config: { stateDir: dir } }).save(big);
    expect(JSON.stringify(big).length).toBeGreaterThan(128 * 1024); // what used to travel as STATE_snapshot
    expect(Object.values(saved).reduce((n, v) => n + v.length, 0)).toBeLessThan(100);
    expect(await jobStateStore({ out, runner: 'actions-post', env: { STATE_snapshot: saved.snapshot }, config: { stateDir: dir } }).load()).toEqual(big);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a state file that is not a job\'s state is no baseline: checked by a schema', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdp-jobstate-'));
  try {
    mkdirSync(join(dir, 'jobs'));
    const out = { saveState: () => undefined };
    const run = () => jobStateStore({ out, runner: 'cli', env: { CI_DOCKER_PRUNE_RUN_ID: 'x' }, config: { stateDir: dir } });
    for (const text of ['{not json', '{"images": 5}', JSON.stringify({ ...state, images: [[]] }), JSON.stringify({ ...state, services: [1] })]) {
      writeFileSync(join(dir, 'jobs', 'x.json'), text);
      expect(await run().load()).toBeUndefined();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('each runner is described once: its default mode, its output, where its job state lives, its run id', () => {
  expect(detectRunner([], { GITHUB_ACTIONS: 'true' }, false)).toBe('actions-main');
  expect(detectRunner([], { GITHUB_ACTIONS: 'true', STATE_isPost: 'true' }, false)).toBe('actions-post');
  expect(detectRunner([], { DRONE: 'true' }, true)).toBe('drone');
  expect(detectRunner([], { CI: 'woodpecker' }, true)).toBe('woodpecker');
  expect(detectRunner([], {}, true)).toBe('plugin');
  expect(detectRunner(['prune'], { INVOCATION_ID: 'abc' }, false)).toBe('systemd');
  expect(detectRunner(['check'], { GITHUB_ACTIONS: 'true' }, false)).toBe('cli'); // argv: a person's command in a run step
  expect(Object.fromEntries(Object.entries(RUNNERS).map(([n, r]) => [n, `${r.defaultMode} ${r.output} ${r.jobState}`]))).toEqual({
    'actions-main': 'pre actions step-state', 'actions-post': 'post actions step-state', drone: 'check shell state-dir', woodpecker: 'check shell state-dir',
    plugin: 'check shell state-dir', systemd: 'check shell state-dir', cli: 'check shell state-dir',
  });
  expect(runId({ DRONE_REPO: 'coop/app', DRONE_BUILD_NUMBER: '12', DRONE_STAGE_NUMBER: '1' }, 'drone')).toBe('coop_app-12-1');
  expect(runId({ CI_REPO: 'coop/app', CI_PIPELINE_NUMBER: '7', CI_WORKFLOW_NAME: 'test' }, 'woodpecker')).toBe('coop_app-7-test');
  // a CLI step inside a Drone pipeline is named by the pipeline; an operator's id wins
  expect(runId({ DRONE_REPO: 'r', DRONE_BUILD_NUMBER: '3', DRONE_STAGE_NUMBER: '2' }, 'cli')).toBe('r-3-2');
  expect(runId({ CI_DOCKER_PRUNE_RUN_ID: 'mine/1', DRONE_REPO: 'r', DRONE_BUILD_NUMBER: '3' }, 'drone')).toBe('mine_1');
  expect(runId({}, 'cli')).toBe('default');
});

test('elsewhere: a file per CI run in state-dir, read once by the post step of the same run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdp-jobstate-'));
  try {
    const out = { saveState: () => { throw new Error('no step state outside Actions'); } };
    const run = (id: string) => jobStateStore({ out, runner: 'cli', env: { CI_DOCKER_PRUNE_RUN_ID: id }, config: { stateDir: dir } });
    await run('build-7').save(state);
    expect(await run('build-8').load()).toBeUndefined(); // another run's post step
    expect(await run('build-7').load()).toEqual(state);
    expect(await run('build-7').load()).toBeUndefined(); // consumed
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a state dir every local user may write is refused, unless sticky and ours; an unusable one is one line, never a stack trace', async () => {
  const { usableStateDir } = await import('../../src/runtime/state-dir.js');
  const dir = mkdtempSync(join(tmpdir(), 'cdp-statedir-'));
  try {
    const open = join(dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(await usableStateDir(open, {})).toEqual({ kind: 'unusable', why: expect.stringMatching(new RegExp(`^state-dir ${open} is writable by every local user \\(mode 0777\\): .*; chmod o-w ${open}`)) });
    chmodSync(open, 0o1777); // sticky and ours, as /tmp is for root
    expect(await usableStateDir(open, {})).toMatchObject({ kind: 'ok', dir: open });
    const shared = join(dir, 'shared');
    expect(await usableStateDir(shared, {})).toEqual({ kind: 'ok', dir: shared, note: undefined });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the dirs a state write makes are the group\'s whatever the umask (a second runner user writes jobs/ too), keeping a shared parent\'s setgid', async () => {
  const { writeAtomic } = await import('../../src/runtime/atomic-file.js');
  const { statSync: st, chmodSync: chmod } = await import('node:fs');
  const dir = mkdtempSync(join(tmpdir(), 'cdp-dirs-'));
  const old = process.umask(0o022); // a runner service's usual umask
  try {
    chmod(dir, 0o2770); // a shared state dir, as setup makes it
    await writeAtomic(join(dir, 'jobs', 'a.json'), '{}', 0o660, 0o770);
    expect(st(join(dir, 'jobs')).mode & 0o7777).toBe(0o2770);
    expect(st(join(dir, 'jobs', 'a.json')).mode & 0o777).toBe(0o660);
    // an existing dir is left as it is
    chmod(join(dir, 'jobs'), 0o2750);
    await writeAtomic(join(dir, 'jobs', 'b.json'), '{}', 0o660, 0o770);
    expect(st(join(dir, 'jobs')).mode & 0o7777).toBe(0o2750);
  } finally {
    process.umask(old);
    rmSync(dir, { recursive: true, force: true });
  }
});
