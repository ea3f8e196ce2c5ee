/** The pre step's state for the post step: one store, Actions step state or a state-dir file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobStateStore, type JobState } from '../../src/modes/job-state.js';

const state: JobState = { takenAtMs: 1, images: [['sha256:a', 'nginx:1.27']], services: [], networks: ['bridge'], volumes: [], secrets: [], configs: [], markId: 'm1' };

test('in Actions: saved as step state (the phase too), read back from the STATE_ variable the runner hands the post step', async () => {
  const saved: Record<string, string> = {};
  const out = { kind: 'actions' as const, saveState: (k: string, v: string) => { saved[k] = v; } };
  await jobStateStore({ out, env: {}, config: { stateDir: '/nonexistent' } }).save(state);
  expect(Object.keys(saved).sort()).toEqual(['phase', 'snapshot']);
  expect(saved.phase).toBe('pre');
  const env = Object.fromEntries(Object.entries(saved).map(([k, v]) => [`STATE_${k}`, v]));
  expect(await jobStateStore({ out, env, config: { stateDir: '/nonexistent' } }).load()).toEqual(state);
  expect(await jobStateStore({ out, env: {}, config: { stateDir: '/nonexistent' } }).load()).toBeUndefined();
});

test('elsewhere: a file per CI run in state-dir, read once by the post step of the same run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdp-jobstate-'));
  try {
    const out = { kind: 'shell' as const, saveState: () => { throw new Error('no step state outside Actions'); } };
    const run = (id: string) => jobStateStore({ out, env: { CI_DOCKER_PRUNE_RUN_ID: id }, config: { stateDir: dir } });
    await run('build-7').save(state);
    expect(await run('build-8').load()).toBeUndefined(); // another run's post step
    expect(await run('build-7').load()).toEqual(state);
    expect(await run('build-7').load()).toBeUndefined(); // consumed
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
