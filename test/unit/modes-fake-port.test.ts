/**
 * Modes against an in-memory Engine port: the reads answer from a captured 20.10 host, the
 * docker CLI is never started (a run that needed it would fail: its binary does not exist), and
 * the disk is this machine's temp filesystem, proved as the daemon's by an `engine-id` file.
 * Fast checks of what each mode decides; what they do to a real engine is the integration
 * suite's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Docker } from '../../src/docker/cli.js';
import type { EngineReader } from '../../src/docker/reader.js';
import { engineKey } from '../../src/execute/lock.js';
import { parseConfig } from '../../src/inputs/config.js';
import { runCheck } from '../../src/modes/check.js';
import type { ModeContext } from '../../src/modes/context.js';
import { runPrune } from '../../src/modes/prune.js';
import { runPost } from '../../src/modes/post.js';
import { shellOutput } from '../../src/runtime/output.js';
import { captured } from './helpers.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cdp-fake-'));
  writeFileSync(join(root, 'engine-id'), captured.info().ID); // the proof that root is this daemon's storage
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The port answering from the captured host; counts what is asked. */
function fakeReader(asked: string[]): EngineReader {
  const ask = <T>(what: string, value: T): Promise<T> => { asked.push(what); return Promise.resolve(value); };
  return {
    target: 'fake://captured-20.10',
    info: () => ask('info', { ...captured.info(), DockerRootDir: root }),
    images: () => ask('images', captured.images()),
    lastTagTimes: () => ask('lastTagTimes', new Map()),
    containers: () => ask('containers', captured.containers()),
    services: () => ask('services', captured.services()),
    swarm: () => ask('swarm', { services: captured.services(), secrets: [], configs: [] }),
    volumes: () => ask('volumes', ['warm_db']),
    networks: () => ask('networks', ['bridge', 'host', 'none']),
    buildCacheBytes: () => ask('buildCacheBytes', 0),
    uniqueImageBytes: () => ask('uniqueImageBytes', new Map()),
  };
}

function context(raw: Record<string, string>, mode: 'check' | 'prune' | 'post'): { ctx: ModeContext; asked: string[]; lines: string[] } {
  const asked: string[] = [];
  const lines: string[] = [];
  const env = { PATH: '/nonexistent' }; // no docker, no timeout: a CLI process would fail the run
  const docker = new Docker({ bin: '/nonexistent/docker' }, env);
  docker.reader = fakeReader(asked);
  const config = parseConfig({ mode, 'state-dir': join(root, 'state'), ...raw }, mode);
  const ctx: ModeContext = { config, docker, out: shellOutput((l) => lines.push(l), (l) => lines.push(l)), env, now: () => Date.parse('2026-11-22T14:00:00Z'), lockKey: engineKey(`unix://${root}/docker.sock`, env), progress: {} };
  return { ctx, asked, lines };
}

test('the nightly prune with the disk under its threshold: nothing to do, no disk-usage walk, no docker process', async () => {
  const { ctx, asked, lines } = context({ threshold: '100' }, 'prune');
  const { report, exitCode } = await runPrune(ctx);
  expect(exitCode).toBe(0);
  expect(report.gate).toBe('disk');
  expect(lines).toContainEqual(expect.stringMatching(/keeping local image cache, nothing to do/));
  expect(asked.sort()).toEqual(['containers', 'images', 'info', 'networks', 'swarm', 'volumes']);
  expect(ctx.docker.calls).toBe(0);
  expect(report.inventory.before.buildCacheBytes).toBeUndefined();
});

test('check: the captured live run-app stack closes the stacks gate; the build cache is asked, the CLI never', async () => {
  const { ctx, asked } = context({}, 'check');
  const { report, exitCode } = await runCheck(ctx);
  expect(exitCode).toBe(0);
  expect(report.gates.find((g) => g.name === 'stacks')!.open).toBe(false);
  expect(report.inventory.before).toMatchObject({ images: captured.images().length, volumes: 1, networks: 3, buildCacheBytes: 0 });
  expect(asked).toContain('buildCacheBytes');
  expect(ctx.docker.calls).toBe(0);
});

test('post without its pre step: one warning, logged and recorded once; the gated prune still decides', async () => {
  const { ctx, lines } = context({ threshold: '100' }, 'post');
  const { report, exitCode } = await runPost(ctx);
  expect(exitCode).toBe(0);
  const warning = 'no pre-job snapshot found (did the pre step run?): eviction check skipped';
  expect(report.warnings.filter((w) => w === warning)).toHaveLength(1);
  expect(lines.filter((l) => l.includes(warning))).toHaveLength(1);
  expect(ctx.docker.calls).toBe(0);
});
