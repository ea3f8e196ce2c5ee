/**
 * The week replay's workload (pure, from a fixed seed): a catalogue of recipes whose images
 * share base layers, the upstream events of the week (a tag re-pushed with new content, a
 * recipe moving to a new version tag), and the jobs, drawn with skewed popularity (a warm set
 * and a long tail).
 */

export interface ImageSpec {
  /** Repository in the replay registry, e.g. `recipes/r03-app`. */
  repo: string;
  tag: string;
  /** The local base image it is built FROM (layers shared with every image on that base). */
  base: string;
  /** Unique bytes on top of the base (random, so compressed = on disk). */
  bytes: number;
}

export interface Recipe { name: string; images: { service: string; repo: string }[] }

/**
 * `after`: how many of its day's jobs run before a re-push lands (absent or 0: at the day's start,
 * just after the previous night's warm; `jobsPerDay`: after the day's last job, before the night's
 * warm).
 */
export type UpstreamEvent =
  | { day: number; kind: 'repush'; repo: string; tag: string; staged: string; after?: number }
  | { day: number; kind: 'new-tag'; repo: string; tag: string };

export interface Job { n: number; day: number; slot: number; recipe: string; refs: string[]; build: boolean }

export interface Trace {
  bases: { name: string; bytes: number }[];
  /** Every image the registry holds from the start (staged re-pushes included). */
  images: ImageSpec[];
  recipes: Recipe[];
  events: UpstreamEvent[];
  jobs: Job[];
  days: number;
  jobsPerDay: number;
}

const MB = 1_000_000;

/** mulberry32: a small deterministic PRNG. */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * When in its day a re-push lands: `day-start` (every one just after the previous night's warm,
 * where the warm can never see it before a job does: the replay's entries until 2026-12-07), or
 * `any-gap` (in any of the day's gaps between jobs, each as likely, the night before the warm one
 * of them), drawn from a stream of its own so that the week's jobs and images stay the same.
 */
export type MoveTimes = 'day-start' | 'any-gap';

export function makeTrace(opts: { seed: number; days: number; jobsPerDay: number; recipes: number; moves?: MoveTimes }): Trace {
  const r = rng(opts.seed);
  const between = (lo: number, hi: number): number => Math.round((lo + r() * (hi - lo)) * MB);
  const bases = [{ name: 'base/alpine:3', bytes: 6 * MB }, { name: 'base/debian:12', bytes: 18 * MB }, { name: 'base/node:20', bytes: 12 * MB }];
  const images: ImageSpec[] = [
    { repo: 'infra/mariadb', tag: '10.11', base: 'base/debian:12', bytes: 22 * MB },
    { repo: 'infra/redis', tag: '7', base: 'base/alpine:3', bytes: 6 * MB },
  ];
  const recipes: Recipe[] = [];
  for (let i = 1; i <= opts.recipes; i++) {
    const name = `r${String(i).padStart(2, '0')}`;
    const base = bases[Math.floor(r() * bases.length)]!.name;
    const uses: Recipe['images'] = [{ service: 'app', repo: `recipes/${name}-app` }];
    images.push({ repo: `recipes/${name}-app`, tag: '1', base, bytes: between(18, 45) });
    if (r() < 0.5) {
      uses.push({ service: 'worker', repo: `recipes/${name}-worker` });
      images.push({ repo: `recipes/${name}-worker`, tag: '1', base, bytes: between(4, 12) });
    }
    uses.push(r() < 0.6 ? { service: 'db', repo: 'infra/mariadb' } : { service: 'cache', repo: 'infra/redis' });
    recipes.push({ name, images: uses });
  }
  // upstream moves during the week: re-pushes of a tag (the old local copy goes dangling on the
  // next pull) and new version tags (the old tag stops being used)
  const events: UpstreamEvent[] = [];
  for (let day = 1; day < opts.days; day++) {
    const recipe = recipes[Math.floor(r() * recipes.length)]!;
    const app = images.find((x) => x.repo === recipe.images[0]!.repo && x.tag === '1')!;
    if (day % 2 === 1) {
      images.push({ ...app, tag: `1-day${day}`, bytes: between(18, 45) });
      events.push({ day, kind: 'repush', repo: app.repo, tag: '1', staged: `1-day${day}` });
    } else {
      images.push({ ...app, tag: '2', bytes: between(18, 45) });
      events.push({ day, kind: 'new-tag', repo: app.repo, tag: '2' });
    }
  }
  if (opts.days > 2) {
    images.push({ repo: 'infra/mariadb', tag: '10.11-day2', base: 'base/debian:12', bytes: 22 * MB });
    events.push({ day: 2, kind: 'repush', repo: 'infra/mariadb', tag: '10.11', staged: '10.11-day2' });
  }
  // popularity: Zipf over a seeded order of the recipes (a warm set and a long tail)
  const order = [...recipes].sort(() => r() - 0.5);
  const weights = order.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const jobs: Job[] = [];
  for (let day = 0; day < opts.days; day++) {
    for (let slot = 0; slot < opts.jobsPerDay; slot++) {
      let x = r() * total;
      const recipe = order.find((_, i) => (x -= weights[i]!) <= 0) ?? order.at(-1)!;
      const refs = recipe.images.map(({ repo }) => {
        const moved = events.find((e) => e.kind === 'new-tag' && e.repo === repo && e.day <= day);
        return `${repo}:${moved ? moved.tag : repo.startsWith('infra/mariadb') ? '10.11' : repo.startsWith('infra/redis') ? '7' : '1'}`;
      });
      jobs.push({ n: jobs.length + 1, day, slot, recipe: recipe.name, refs, build: r() < 0.2 });
    }
  }
  if (opts.moves === 'any-gap') {
    const when = rng(opts.seed ^ 0x5bd1e995);
    for (const e of events) if (e.kind === 'repush') e.after = Math.floor(when() * (opts.jobsPerDay + 1));
  }
  return { bases, images, recipes, events, jobs, days: opts.days, jobsPerDay: opts.jobsPerDay };
}

/** Bytes of every distinct image version the week's jobs can pull (bases counted once). */
export function weekBytes(t: Trace): number {
  const used = new Set(t.images.map((i) => i.base));
  return t.images.reduce((n, i) => n + i.bytes, 0) + t.bases.filter((b) => used.has(b.name)).reduce((n, b) => n + b.bytes, 0);
}
