/**
 * What the pre step hands to the post step: the images present before the job and the names
 * of swarm objects that existed, as a file in state-dir: in Actions under a key that travels as
 * step state (GITHUB_STATE → STATE_*), elsewhere named by the CI run (Drone, Woodpecker, or a
 * given id).
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../runtime/atomic-file.js';
import { readRegularFile } from '../runtime/safe-read.js';
import type { Snapshot } from '../snapshot/types.js';
import { STATE_DIR_MODE, STATE_FILE_MODE } from '../runtime/state-dir.js';
import type { Output } from '../runtime/output.js';
import { RUNNERS, runId, type RunnerName } from '../runtime/runner.js';
import { randomUuid } from '../runtime/random.js';

export const JOB_STATE_KEY = 'snapshot';
/** Saved by every Actions main step: the same bundle then knows it runs as the post step. */
export const STATE_IS_POST = 'isPost';
/** Saved as `pre` when the main step ran the pre-job phase: only then has the post step work. */
export const STATE_PHASE = 'phase';

export interface JobState {
  takenAtMs: number;
  /** [image id, ...tags] for each image present before the job. */
  images: [string, ...string[]][];
  services: string[];
  networks: string[];
  volumes: string[];
  secrets: string[];
  configs: string[];
  /** The id of the pre step's mark on the images the job needs: the post step releases it. */
  markId?: string;
}

export function jobStateOf(s: Snapshot, markId?: string): JobState {
  return {
    ...(markId ? { markId } : {}),
    takenAtMs: s.takenAtMs,
    images: s.images.map((i) => [i.id, ...i.tags]),
    services: (s.services ?? []).map((x) => x.name),
    networks: s.networks,
    volumes: s.volumes,
    secrets: s.secrets ?? [],
    configs: s.configs ?? [],
  };
}

export const stateFile = (stateDir: string, id: string): string => join(stateDir, 'jobs', `${id}.json`);

/** Far above a real job's state (10,000 images ≈ 1.5 MB): a bigger file is not ours. */
export const MAX_JOB_STATE_BYTES = 64 << 20;

/** A job's state older than this belongs to a pipeline that was cancelled before its post step. */
export const JOB_STATE_MAX_AGE_MS = 2 * 86_400_000;

export async function saveJobStateFile(stateDir: string, id: string, state: JobState, nowMs = Date.now()): Promise<void> {
  await writeAtomic(stateFile(stateDir, id), JSON.stringify(state), STATE_FILE_MODE, STATE_DIR_MODE);
  await removeStaleJobStates(join(stateDir, 'jobs'), nowMs);
}

/** Deletes job state files (and temp files) left by pipelines whose post step never ran. */
export async function removeStaleJobStates(dir: string, nowMs: number): Promise<string[]> {
  // side by side: a busy host's many job states are not stat'ed one after another on the job's path
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed = await Promise.all(names.map(async (name) => {
    const path = join(dir, name);
    const st = await stat(path).catch(() => undefined);
    if (!st?.isFile() || nowMs - st.mtimeMs <= JOB_STATE_MAX_AGE_MS) return undefined;
    await rm(path, { force: true });
    return name;
  }));
  return removed.filter((n): n is string => n !== undefined);
}

export async function loadJobStateFile(stateDir: string, id: string): Promise<JobState | undefined> {
  const path = stateFile(stateDir, id);
  const read = await readRegularFile(path, MAX_JOB_STATE_BYTES);
  if (read.kind !== 'ok') return undefined;
  // checked by a schema, as the ledger is: a file that is not a job's state is no baseline
  const state = (await import(/* webpackMode: "eager" */ './job-state-schema.js')).parseJobState(read.text);
  await rm(path, { force: true });
  return state;
}

/** The step-state key of an Actions pre step: a file name, never a path or a JSON document. */
const STEP_KEY = /^[A-Za-z0-9_.-]{1,200}$/;

/**
 * Where this job's state travels, chosen by the runner's profile (runtime/runner.ts). In Actions
 * only a key goes into the step state (an environment variable of the post step, which Linux
 * limits to 128 KiB: a host's whole snapshot outgrew it at about 1,000 images); the state itself
 * is a file in state-dir under that key. Elsewhere a file named by the CI run.
 */
export interface JobStateStore {
  save(state: JobState): Promise<void>;
  /** The pre step's state, or undefined when it did not run (or left none). */
  load(): Promise<JobState | undefined>;
}

export function jobStateStore(ctx: { out: Pick<Output, 'saveState'>; runner: RunnerName; env: Readonly<Record<string, string | undefined>>; config: { stateDir: string } }): JobStateStore {
  const { stateDir } = ctx.config;
  if (RUNNERS[ctx.runner].jobState === 'step-state') {
    return {
      save: async (state) => {
        // the run's own id and a random part: two jobs of one run, or a re-run, never share a file
        const key = `${runId(ctx.env, ctx.runner)}-${randomUuid()}`;
        await saveJobStateFile(stateDir, key, state);
        ctx.out.saveState(JOB_STATE_KEY, key);
        ctx.out.saveState(STATE_PHASE, 'pre');
      },
      load: () => {
        const key = ctx.env[`STATE_${JOB_STATE_KEY}`];
        return key && STEP_KEY.test(key) ? loadJobStateFile(stateDir, key) : Promise.resolve(undefined);
      },
    };
  }
  const id = runId(ctx.env, ctx.runner);
  return { save: (state) => saveJobStateFile(stateDir, id, state), load: () => loadJobStateFile(stateDir, id) };
}
