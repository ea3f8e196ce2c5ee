/**
 * What the pre step hands to the post step: the images present before the job and the names
 * of swarm objects that existed. In Actions it travels as step state (GITHUB_STATE → STATE_*);
 * elsewhere as a file in state-dir keyed by the CI run (Drone, Woodpecker, or a given id).
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../runtime/atomic-file.js';
import { readRegularFile } from '../runtime/safe-read.js';
import type { Snapshot } from '../snapshot/types.js';
import { STATE_DIR_MODE, STATE_FILE_MODE } from '../runtime/state-dir.js';
import type { Output } from '../runtime/output.js';

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

/** A stable id for "this job" outside Actions. */
export function runId(env: Readonly<Record<string, string | undefined>>): string {
  const parts = env.CI_DOCKER_PRUNE_RUN_ID ? [env.CI_DOCKER_PRUNE_RUN_ID]
    : env.GITHUB_RUN_ID ? [env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT, env.GITHUB_JOB]
      : env.DRONE_BUILD_NUMBER ? [env.DRONE_REPO, env.DRONE_BUILD_NUMBER, env.DRONE_STAGE_NUMBER]
        : env.CI_PIPELINE_NUMBER ? [env.CI_REPO, env.CI_PIPELINE_NUMBER, env.CI_WORKFLOW_NAME]
          : ['default'];
  return parts.filter(Boolean).join('-').replace(/[^A-Za-z0-9_.-]/g, '_');
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
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const path = join(dir, name);
    const st = await stat(path).catch(() => undefined);
    if (st?.isFile() && nowMs - st.mtimeMs > JOB_STATE_MAX_AGE_MS) {
      await rm(path, { force: true });
      removed.push(name);
    }
  }
  return removed;
}

export async function loadJobStateFile(stateDir: string, id: string): Promise<JobState | undefined> {
  const path = stateFile(stateDir, id);
  const read = await readRegularFile(path, MAX_JOB_STATE_BYTES);
  if (read.kind !== 'ok') return undefined;
  try {
    const state = JSON.parse(read.text) as JobState;
    await rm(path, { force: true });
    return state;
  } catch {
    return undefined;
  }
}

/**
 * Where this job's state travels, chosen in one place: the Actions step state (saved through
 * the output, read back from the STATE_* variables main hands down), else a file in state-dir
 * keyed by the CI run.
 */
export interface JobStateStore {
  save(state: JobState): Promise<void>;
  /** The pre step's state, or undefined when it did not run (or left none). */
  load(): Promise<JobState | undefined>;
}

export function jobStateStore(ctx: { out: Pick<Output, 'kind' | 'saveState'>; env: Readonly<Record<string, string | undefined>>; config: { stateDir: string } }): JobStateStore {
  if (ctx.out.kind === 'actions') {
    return {
      save: (state) => {
        ctx.out.saveState(JOB_STATE_KEY, JSON.stringify(state));
        ctx.out.saveState(STATE_PHASE, 'pre');
        return Promise.resolve();
      },
      load: () => {
        const raw = ctx.env[`STATE_${JOB_STATE_KEY}`];
        return Promise.resolve(raw ? (JSON.parse(raw) as JobState) : undefined);
      },
    };
  }
  const id = runId(ctx.env);
  return { save: (state) => saveJobStateFile(ctx.config.stateDir, id, state), load: () => loadJobStateFile(ctx.config.stateDir, id) };
}
