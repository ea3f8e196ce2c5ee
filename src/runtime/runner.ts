/**
 * Every CI the one bundle runs under, described once: how it is recognised, the mode it runs
 * when none is given, how it prints (workflow commands or plain lines), where a job's state
 * lives between the pre and post steps, and which variables name "this job". A new runner is
 * one more entry here.
 */
import type { Mode } from '../inputs/config.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface RunnerProfile {
  /** For messages: who called. */
  readonly label: string;
  /** The mode when the inputs name none; `forced`: this runner runs only this mode. */
  readonly defaultMode: Mode;
  readonly forced?: boolean;
  /** `actions`: workflow commands, outputs, step state, job summary; `shell`: plain lines. */
  readonly output: 'actions' | 'shell';
  /**
   * Where the pre step's state waits for the post step: `step-state` (a small key in the runner's
   * step state, the state itself a file in state-dir), or `state-dir` (a file named by the run).
   */
  readonly jobState: 'step-state' | 'state-dir';
  /** The variables that together name one job of this runner (its state file's name). */
  readonly runIdVars: readonly string[];
}

export const RUNNERS = {
  // GitHub's runner, and Forgejo's/Gitea's (act), which set GITHUB_ACTIONS too
  'actions-main': { label: 'Actions main step', defaultMode: 'pre', output: 'actions', jobState: 'step-state', runIdVars: ['GITHUB_RUN_ID', 'GITHUB_RUN_ATTEMPT', 'GITHUB_JOB'] },
  'actions-post': { label: 'Actions post step', defaultMode: 'post', forced: true, output: 'actions', jobState: 'step-state', runIdVars: ['GITHUB_RUN_ID', 'GITHUB_RUN_ATTEMPT', 'GITHUB_JOB'] },
  drone: { label: 'Drone plugin step', defaultMode: 'check', output: 'shell', jobState: 'state-dir', runIdVars: ['DRONE_REPO', 'DRONE_BUILD_NUMBER', 'DRONE_STAGE_NUMBER'] },
  woodpecker: { label: 'Woodpecker plugin step', defaultMode: 'check', output: 'shell', jobState: 'state-dir', runIdVars: ['CI_REPO', 'CI_PIPELINE_NUMBER', 'CI_WORKFLOW_NAME'] },
  // a plugin step whose CI sets neither's variables: PLUGIN_* settings, a run id if one is given
  plugin: { label: 'plugin step', defaultMode: 'check', output: 'shell', jobState: 'state-dir', runIdVars: [] },
  // the NixOS unit (and any systemd unit): systemd sets INVOCATION_ID
  systemd: { label: 'systemd unit', defaultMode: 'check', output: 'shell', jobState: 'state-dir', runIdVars: [] },
  cli: { label: 'command line', defaultMode: 'check', output: 'shell', jobState: 'state-dir', runIdVars: [] },
} as const satisfies Record<string, RunnerProfile>;

export type RunnerName = keyof typeof RUNNERS;

/** Who called: argv given means a person or a unit; no argv, the CI's own variables say which. */
export function detectRunner(argv: readonly string[], env: Env, pluginSettings: boolean): RunnerName {
  if (argv.length === 0 && env.GITHUB_ACTIONS === 'true') return env.STATE_isPost === 'true' ? 'actions-post' : 'actions-main';
  if (argv.length === 0 && pluginSettings) return env.DRONE === 'true' ? 'drone' : env.CI === 'woodpecker' ? 'woodpecker' : 'plugin';
  return env.INVOCATION_ID ? 'systemd' : 'cli';
}

/**
 * A stable id for "this job": the operator's CI_DOCKER_PRUNE_RUN_ID, else the runner's own
 * variables, else those of any CI the environment shows (a CLI step inside a Drone pipeline),
 * else `default`. Only characters safe in a file name.
 */
export function runId(env: Env, runner: RunnerName = 'cli'): string {
  const known = Object.values(RUNNERS).map((r): readonly string[] => r.runIdVars).filter((vars) => vars.length > 1 && env[vars[0]!] && env[vars[1]!]);
  const vars = env.CI_DOCKER_PRUNE_RUN_ID ? ['CI_DOCKER_PRUNE_RUN_ID'] : RUNNERS[runner].runIdVars.length ? RUNNERS[runner].runIdVars : known[0] ?? [];
  const parts = vars.map((v) => env[v]).filter(Boolean);
  return (parts.length ? parts.join('-') : 'default').replace(/[^A-Za-z0-9_.-]/g, '_');
}
