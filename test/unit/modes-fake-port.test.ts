/**
 * Modes against an in-memory Engine port: the reads answer from a captured 20.10 host, the
 * docker CLI is never started (a run that needed it would fail: its binary does not exist), and
 * the disk is this machine's temp filesystem, proved as the daemon's by an `engine-id` file.
 * Fast checks of what each mode decides; what they do to a real engine is the integration
 * suite's.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerCli } from '../../src/docker/cli.js';
import type { Engine } from '../../src/docker/engine.js';
import type { EngineReader } from '../../src/docker/reader.js';
import type { EngineWriter } from '../../src/docker/writer.js';
import { daemonKey, engineKey, HostLocks, lockName, tryLock } from '../../src/execute/lock.js';
import { rememberDaemon, rememberedDaemon } from '../../src/execute/lock-memory.js';
import { parseConfig } from '../../src/inputs/config.js';
import { watermarks } from '../../src/plan/goal.js';
import { runCheck } from '../../src/modes/check.js';
import type { ModeContext } from '../../src/modes/context.js';
import { runPrune } from '../../src/modes/prune.js';
import { runPost } from '../../src/modes/post.js';
import { runPre } from '../../src/modes/pre.js';
import { Recorder } from '../../src/report/recorder.js';
import { shellOutput } from '../../src/runtime/output.js';
import { captured } from './helpers.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cdp-fake-'));
  writeFileSync(join(root, 'engine-id'), captured.info().ID); // the proof that root is this daemon's storage
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Where the fake port's requests go: the address a remembered lock name is filed under. */
const TARGET = 'fake://captured-20.10';

/** The port answering from the captured host; counts what is asked. */
function fakeReader(asked: string[], host: { services?: boolean } = {}): EngineReader {
  const ask = <T>(what: string, value: T): Promise<T> => { asked.push(what); return Promise.resolve(value); };
  const services = host.services === false ? [] : captured.services();
  return {
    target: TARGET,
    info: () => ask('info', { ...captured.info(), DockerRootDir: root }),
    images: () => ask('images', captured.images()),
    imageExists: (id) => ask('imageExists', captured.images().some((i) => i.id === id)),
    imageIdOf: (ref) => ask('imageIdOf', captured.images().find((i) => i.tags.includes(ref))?.id),
    lastTagTimes: () => ask('lastTagTimes', new Map()),
    containers: () => ask('containers', captured.containers()),
    services: () => ask('services', services),
    swarm: () => ask('swarm', { services, secrets: [], configs: [] }),
    knowsNode: () => ask('knowsNode', true),
    volumes: () => ask('volumes', ['warm_db']),
    networks: () => ask('networks', ['bridge', 'host', 'none']),
    buildCacheBytes: () => ask('buildCacheBytes', 0),
    uniqueImageBytes: () => ask('uniqueImageBytes', new Map()),
  };
}

/** The port's removals, recorded (the engine's state does not change). */
function fakeWriter(removals: string[], failing?: string): EngineWriter {
  return {
    prune: (kind, untilMs) => {
      removals.push(`prune ${kind} ${untilMs}`);
      return Promise.resolve({ deleted: [], reclaimedBytes: 0, error: kind === failing ? 'Error response from daemon: a prune operation is already running' : undefined });
    },
    removeImage: (id) => { removals.push(`removeImage ${id}`); return Promise.resolve(undefined); },
    removeImageRef: (ref) => { removals.push(`removeImageRef ${ref}`); return Promise.resolve(undefined); },
  };
}

function context(raw: Record<string, string>, mode: 'check' | 'prune' | 'pre' | 'post', host: { services?: boolean; failingPrune?: string } = {}):
  { ctx: ModeContext; asked: string[]; lines: string[]; removals: string[] } {
  const asked: string[] = [];
  const lines: string[] = [];
  const removals: string[] = [];
  const env = { PATH: '/nonexistent' }; // no docker, no timeout: a CLI process would fail the run
  const cli = new DockerCli({ bin: '/nonexistent/docker' }, env);
  const read = fakeReader(asked, host);
  // the engine a mode receives is a plain value: a fake one is a plain object
  const engine: Engine = { read, write: fakeWriter(removals, host.failingPrune), swarm: read, managerHost: undefined, storePaths: [], cli, limits: { timeoutMs: 120_000, stop: { signal: undefined } }, calls: () => cli.calls };
  const config = parseConfig({ mode, 'state-dir': join(root, 'state'), ...raw }, mode);
  const out = shellOutput((l) => lines.push(l), (l) => lines.push(l));
  const now = (): number => Date.parse('2026-11-22T14:00:00Z');
  const ctx: ModeContext = { config, engine, goal: watermarks(config), runner: 'cli', out, env, now, locks: new HostLocks(() => engine.read.info(), engineKey(`unix://${root}/docker.sock`, env)), rec: new Recorder(out, config, now()) };
  return { ctx, asked, lines, removals };
}

test('the nightly prune with the disk under its threshold: nothing to do, no image list, no disk-usage walk, no docker process', async () => {
  const { ctx, asked, lines } = context({ threshold: '100' }, 'prune');
  const { report, exitCode } = await runPrune(ctx);
  expect(exitCode).toBe(0);
  expect(report.gate).toBe('disk');
  expect(lines).toContainEqual(expect.stringMatching(/keeping local image cache, nothing to do/));
  // the gates need no image list: the daemon's own count stands in for it in the report
  expect(asked.sort()).toEqual(['containers', 'info', 'networks', 'swarm', 'volumes']);
  expect(report.inventory.before).toMatchObject({ images: captured.info().Images, danglingImages: undefined, imageBytes: undefined, buildCacheBytes: undefined });
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`images ${captured.info().Images} \\(counted, not listed\\)`)));
  expect(ctx.engine.cli.calls).toBe(0);
});

test('a closed gate refreshes "last used" of what containers use; it adds, drops and creates nothing in the ledger', async () => {
  const { ctx } = context({ threshold: '100', 'state-dir': join(root, 'state-touch') }, 'prune');
  await runPrune(ctx);
  expect(existsSync(join(root, 'state-touch', 'ledger.json'))).toBe(false); // no ledger yet: the next listing look builds it
  const used = captured.containers()[0]!.imageId;
  const unused = captured.images().map((i) => i.id).find((id) => !captured.containers().some((c) => c.imageId === id))!;
  const old = { firstSeenMs: ctx.now() - 9 * 86_400_000, lastUsedMs: ctx.now() - 8 * 86_400_000 };
  const ledger = { version: 1, images: { [used]: old, [unused]: old, 'sha256:gone': old }, marks: { expired: { refs: ['x'], untilMs: ctx.now() - 1 } } };
  mkdirSync(join(root, 'state-touch'), { recursive: true });
  writeFileSync(join(root, 'state-touch', 'ledger.json'), JSON.stringify(ledger));
  await runPrune(ctx);
  const after = JSON.parse(readFileSync(join(root, 'state-touch', 'ledger.json'), 'utf8')) as typeof ledger;
  expect(after.images).toEqual({ [used]: { firstSeenMs: old.firstSeenMs, lastUsedMs: ctx.now() }, [unused]: old, 'sha256:gone': old });
  expect(after.marks).toEqual({});
});

test('check: the captured live run-app stack closes the stacks gate; the build cache is asked, /info once, the CLI never', async () => {
  const { ctx, asked } = context({}, 'check');
  const { report, exitCode } = await runCheck(ctx);
  expect(exitCode).toBe(0);
  expect(report.gates.find((g) => g.name === 'stacks')!.open).toBe(false);
  expect(report.inventory.before).toMatchObject({ images: captured.images().length, volumes: 1, networks: 3, buildCacheBytes: 0 });
  expect(asked).toContain('buildCacheBytes');
  // the step lock is named from the look's /info: a second one would be a request in series
  expect(asked.filter((a) => a === 'info')).toHaveLength(1);
  expect(ctx.engine.cli.calls).toBe(0);
});

test('pre with warm images: one look, the job\'s mark in the ledger, its state kept for the post step; no docker process', async () => {
  const state = join(root, 'state-pre');
  const { ctx, asked } = context({ images: 'base:1\nbase:alias', 'state-dir': state }, 'pre');
  const { report, exitCode } = await runPre(ctx);
  expect(exitCode).toBe(0);
  expect(report.job!.images.map((i) => [i.ref, i.warm])).toEqual([['base:1', true], ['base:alias', true]]);
  expect(report.job!.cold).toEqual([]);
  expect(asked.filter((a) => a === 'images')).toHaveLength(1);
  expect(ctx.engine.cli.calls).toBe(0);
  const ledger = JSON.parse(readFileSync(join(state, 'ledger.json'), 'utf8')) as { marks: Record<string, { refs: string[] }> };
  const [markId, mark] = Object.entries(ledger.marks)[0]!;
  expect(mark.refs).toEqual(['base:1', 'base:alias']);
  const kept = JSON.parse(readFileSync(join(state, 'jobs', 'default.json'), 'utf8')) as { markId: string; images: string[][] };
  expect(kept.markId).toBe(markId);
  expect(kept.images).toHaveLength(captured.images().length);
});

/** Whether this daemon's step lock is held (by this process: the lock is a bound name). */
async function stepLockHeld(): Promise<boolean> {
  const probe = await tryLock(lockName(daemonKey({ ID: captured.info().ID, DockerRootDir: root }), 'step'));
  await probe?.release();
  return probe === undefined;
}

/** A pre step whose every /info records whether the step lock was held when it was asked. */
async function preRecordingLock(state: string): Promise<{ asked: string[]; lines: string[]; heldAtInfo: boolean[]; exitCode: number }> {
  const { ctx, asked, lines } = context({ images: 'base:1', 'state-dir': state }, 'pre');
  const heldAtInfo: boolean[] = [];
  const info = ctx.engine.read.info;
  ctx.engine.read.info = async () => { heldAtInfo.push(await stepLockHeld()); return info(); };
  const { exitCode } = await runPre(ctx);
  return { asked, lines, heldAtInfo, exitCode };
}

test('pre: the first step through an address asks /info alone, before the lock; the next asks it in the snapshot\'s wave, under the lock it names', async () => {
  const state = join(root, 'state-lock-memory');
  const first = await preRecordingLock(state);
  expect(first.exitCode).toBe(0);
  expect(first.heldAtInfo).toEqual([false]);
  expect(await rememberedDaemon(state, TARGET)).toBe(daemonKey({ ID: captured.info().ID, DockerRootDir: root }));
  const next = await preRecordingLock(state);
  expect(next.exitCode).toBe(0);
  expect(next.heldAtInfo).toEqual([true]);
  expect(next.asked.filter((a) => a === 'images')).toHaveLength(1);
});

test('pre: a remembered name that is another daemon\'s is never used: the look is taken again under this daemon\'s lock, and the name corrected', async () => {
  const state = join(root, 'state-lock-stale');
  const host = TARGET;
  await rememberDaemon(state, host, '0123456789abcdef');
  const r = await preRecordingLock(state);
  expect(r.exitCode).toBe(0);
  // the first look ran under the other daemon's lock (this one's free), the second under this one's
  expect(r.heldAtInfo).toEqual([false, true]);
  expect(r.asked.filter((a) => a === 'images')).toHaveLength(2);
  expect(r.lines).toContainEqual(expect.stringContaining(`the daemon at ${host} is not the one seen there before: looking again under its own lock`));
  expect(await rememberedDaemon(state, host)).toBe(daemonKey({ ID: captured.info().ID, DockerRootDir: root }));
  // a planted or garbled file is no name at all: /info is asked first again, never trusted
  for (const junk of ['not json', JSON.stringify({ daemon: '../../etc' }), JSON.stringify(['x'])]) {
    writeFileSync(join(state, 'locks', readdirSync(join(state, 'locks'))[0]!), junk);
    expect(await rememberedDaemon(state, host)).toBeUndefined();
  }
});

test('pre: a remembered name whose lock is held costs no wait (it may be another daemon\'s): /info is asked first, and this daemon\'s lock taken', async () => {
  const state = join(root, 'state-lock-busy');
  const other = '0123456789abcdef';
  await rememberDaemon(state, TARGET, other);
  const busy = await tryLock(lockName(other, 'step')); // another daemon's eviction, holding its lock for as long as it likes
  try {
    const started = Date.now();
    const r = await preRecordingLock(state);
    expect(r.exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000); // not 4 x docker-timeout on the wrong lock
    expect(r.heldAtInfo).toEqual([false]); // asked once, alone, before this daemon's lock; the look takes its answer
    expect(r.asked.filter((a) => a === 'images')).toHaveLength(1);
    expect(await rememberedDaemon(state, TARGET)).toBe(daemonKey({ ID: captured.info().ID, DockerRootDir: root }));
  } finally {
    await busy?.release();
  }
});

test('post without its pre step: one warning, logged and recorded once; the gated prune still decides', async () => {
  const { ctx, lines } = context({ threshold: '100' }, 'post');
  const { report, exitCode } = await runPost(ctx);
  expect(exitCode).toBe(0);
  const warning = 'no pre-job snapshot found (did the pre step run?): eviction check skipped';
  expect(report.warnings.filter((w) => w === warning)).toHaveLength(1);
  expect(lines.filter((l) => l.includes(warning))).toHaveLength(1);
  expect(ctx.engine.cli.calls).toBe(0);
});

test('the gated prune with every gate open removes through the port alone: its three prunes, in order, typed', async () => {
  // the captured host without its services (no live stack); this machine's temp disk is far
  // over 1%, and out of the eviction's reach (the images hold megabytes): the cache stays
  const { ctx, removals, lines, asked } = context({ threshold: '1', target: '0', until: '1h' }, 'prune', { services: false });
  const { report, exitCode } = await runPrune(ctx);
  expect(exitCode).toBe(0);
  expect(report.gate).toBe('open');
  expect(removals).toEqual(['prune container 3600000', 'prune image 3600000', 'prune builder 3600000']);
  expect(asked.filter((a) => a === 'images').length).toBeGreaterThan(0); // open gates: the images are listed
  expect(report.inventory.before.danglingImages).toBe(captured.images().filter((i) => i.dangling).length);
  expect(lines).toContainEqual(expect.stringMatching(/cannot be had even with every warm image evicted/));
  expect(ctx.engine.cli.calls).toBe(0);
});

test('a failed image prune is said to have failed, with what the run still did after it and why', async () => {
  const { ctx, removals, lines } = context({ threshold: '1', target: '0', until: '1h' }, 'prune', { services: false, failingPrune: 'image' });
  const { report, exitCode } = await runPrune(ctx);
  expect(exitCode).toBe(1);
  expect(report.errors).toEqual(['image prune failed: Error response from daemon: a prune operation is already running']);
  // never a success line for it
  expect(lines).not.toContainEqual(expect.stringMatching(/^image prune: /));
  expect(lines).toContainEqual(expect.stringMatching(/image prune FAILED after \d+ ms \(before it failed: 0 dangling images removed, 0 B reclaimed\); the builder prune still runs \(each prune stands alone, the gates re-checked before it\)/));
  expect(removals).toEqual(['prune container 3600000', 'prune image 3600000', 'prune builder 3600000']);
  expect(lines).toContainEqual(expect.stringMatching(/after the failed image prune, the disk still needs room: the LRU eviction runs/));
});

test('pre short of min-free runs the gated prune and takes no second full snapshot after it: the prune\'s own last look is the host after', async () => {
  const { ctx, asked, removals } = context({ 'min-free': '99%', 'state-dir': join(root, 'state-minfree') }, 'pre', { services: false });
  const { report } = await runPre(ctx);
  expect(removals.slice(0, 3)).toEqual(['prune container 86400000', 'prune image 86400000', 'prune builder 86400000']);
  // looks: the pre step's, the eviction's before it plans, the prune's after (a fourth was taken before)
  expect(asked.filter((a) => a === 'info')).toHaveLength(3);
  expect(report.disk.after).toBeDefined();
  expect(report.errors).toEqual([expect.stringMatching(/^not enough free space for the job: /)]);
});
