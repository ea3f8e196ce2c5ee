/**
 * Every input the tool accepts, in one table. action.yml, `--help`, `INPUT_*` (Actions),
 * `PLUGIN_*` (Drone/Woodpecker) and `--flag value` (CLI) all use these names; a unit test
 * keeps action.yml in step with this table.
 */
export interface InputDefinition {
  /** Kebab-case name, as in action.yml and as the CLI flag (`--stack-pattern`). */
  readonly name: string;
  /** Default as a raw string (what the user would type); '' means "unset". */
  readonly default: string;
  readonly description: string;
  /** Boolean inputs may be given as a bare CLI flag (`--dry-run`). */
  readonly flag?: boolean;
  /**
   * A list, one item per line: a repeated CLI flag adds lines (`--images a --images b`). A
   * single value given twice takes the last, as every CLI does (`--keep-warm 1d --keep-warm 2d`).
   */
  readonly list?: boolean;
}

export const INPUTS = [
  { name: 'mode', default: '', description: 'What to do: check (report only), prune (gated prune), pre (before a job), post (after a job), warm (nightly, after the prune: pull what jobs will ask for, within the room under the target; never removes anything), setup (once, as root, on a host outside NixOS: share state-dir with the runner users\' group). Empty: in an Action the main step runs pre and the post step runs post; elsewhere check.' },
  { name: 'threshold', default: '80', description: 'High watermark: disk used percent (bytes or inodes, whichever is higher) of the fullest filesystem holding the image store (DockerRootDir, and containerd\'s root when the daemon uses the system containerd with the containerd image store) at or above which pruning may happen.' },
  { name: 'target', default: '', description: 'Low watermark: LRU eviction of unused tagged images stops once disk used percent is at or below this. Default threshold - 10.' },
  { name: 'until', default: '24h', description: 'Only prune containers, dangling images and build cache older than this (90s, 30m, 24h, 7d).' },
  { name: 'stack-pattern', default: '^[a-z0-9]{1,4}-[0-9a-f]{6}_ci_commoninternet_net_', description: 'Regex for service names of live run-app stacks; while any such service exists nothing is pruned.' },
  { name: 'stuck-after', default: '30m', description: 'A service still below its desired tasks this long after its last spec change is stuck (warned about) rather than converging (which holds the prune). 0 = every unmet service holds the prune.' },
  { name: 'dry-run', default: 'false', description: 'Evaluate the gates and print exactly what would be removed, removing nothing.', flag: true },
  { name: 'images', default: '', description: 'Images the job needs, one per line (warmth check in pre mode).', list: true },
  { name: 'warm-images', default: '', description: 'warm mode: images always in the warm set (one per line), besides those jobs asked for (recorded by every pre step). With compose-files, their images too.', list: true },
  { name: 'compose-files', default: '', description: 'Compose files (globs, one per line, merged in order) whose images the job needs.', list: true },
  { name: 'pull', default: 'none', description: 'pre mode: none (report only), cold (pull only missing images), all (pull every image).' },
  { name: 'keep', default: '', description: 'Regexes (one per line) of image references never evicted by LRU.', list: true },
  { name: 'min-age', default: '24h', description: 'LRU keeps an image that arrived locally less than this long ago, unless the disk would stay at or above threshold (the bound comes first).' },
  { name: 'keep-warm', default: '7d', description: 'LRU keeps an image used within this long (the warm set), unless the disk would stay at or above threshold: then the least recently used yield first.' },
  { name: 'state-dir', default: '/var/lib/ci-docker-prune', description: 'Directory for the lock, the usage ledger and state between pre and post outside Actions.' },
  { name: 'fail-on-eviction', default: 'false', description: 'post mode: fail the step when an image present before the job is gone after it.', flag: true },
  { name: 'min-free', default: '', description: 'pre mode: free space the job needs on the Docker filesystem (5GiB, 500MB, 10%); if short, prune now, then fail if still short. warm mode: left free (warming stops short of it).' },
  { name: 'check-upstream', default: 'false', description: 'pre mode: for each warm (present locally) image, ask the registry, with the credentials a pull uses, whether its tag still points at the local copy (one manifest request per image): warm images are then reported current or moved upstream (a moved one downloads on its pull).', flag: true },
  { name: 'cold-headroom', default: '2', description: 'pre mode: free space kept for the cold images the job will pull, as a multiple of their download size (layers grow when extracted). If short, the gated prune runs first, warm images yielding least recently used first; a warning, not a failure, if still short. 0 turns it off.' },
  { name: 'report-file', default: '', description: 'Write the JSON report (schema version 1) to this path.' },
  { name: 'metrics-file', default: '', description: 'Write Prometheus textfile-collector metrics to this path (atomically).' },
  { name: 'docker-host', default: '', description: 'Docker daemon to talk to (like DOCKER_HOST); default: DOCKER_HOST or the local socket.' },
  { name: 'manager-host', default: '', description: 'On a swarm worker: a manager to read services, their specs and task states from (unix://, tcp:// with the usual DOCKER_TLS_VERIFY/DOCKER_CERT_PATH, ssh://). Images, containers, disk, build cache and the lock stay on the local engine. Without it a worker fails closed.' },
  { name: 'runner-group', default: '', description: 'setup mode: the group of the CI runner users who share state-dir with the timer (its job marks must be seen by every run). Default: the group of the Docker socket.' },
  { name: 'store-paths', default: '', description: 'Filesystems (absolute paths, one per line) that hold this engine\'s images besides DockerRootDir, for setups no probe can see (the tool in a container, /proc with hidepid): each is measured, the fullest gates. Default: found (containerd\'s root, from the containerd the daemon names).', list: true },
  { name: 'docker-timeout', default: '2m', description: 'Bound on every Docker request except pulls (1s to 1d). On expiry the run stops with an error naming the request (post: a warning), reports what it already removed and releases its locks.' },
  { name: 'pull-timeout', default: '15m', description: 'Bound on each image pull in pre mode (1s to 1d); a pull that takes longer fails.' },
] as const satisfies readonly InputDefinition[];

export type InputName = (typeof INPUTS)[number]['name'];

/** The outputs the action sets (documented in action.yml; a unit test keeps them in step). */
export const OUTPUTS = {
  mode: 'The mode that ran.',
  gate: 'open when every gate held, else the name of the first closed gate (swarm-role, disk, stacks, converging, lock); not-evaluated when the step needed no prune (pre with enough free space).',
  pruned: 'true when anything was removed.',
  'reclaimed-bytes': 'Bytes reclaimed (sum over containers, images, build cache and evicted images).',
  'disk-used-percent-before': 'Disk used percent of the Docker filesystem before the run.',
  'disk-used-percent-after': 'Disk used percent of the Docker filesystem after the run.',
  'images-total': 'Number of images on the host.',
  'cold-images': 'pre mode: the needed images not present locally, comma separated.',
  'evicted-images': 'post mode: images present before the job and gone after it, comma separated.',
  'report-file': 'Path of the JSON report, when written.',
} as const;

export type OutputName = keyof typeof OUTPUTS;
