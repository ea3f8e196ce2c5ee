/**
 * Stands in for `@actions/exec` in the bundle (tsconfig `paths`) and loads the real module on the
 * first command it runs. @actions/core imports `@actions/exec` when it loads, for its `platform`
 * export, which this tool never calls; that import brought @actions/io, node:child_process and
 * node:assert into every action step's start-up (BENCHMARKS.md). The real module is reached by
 * its file, which the paths do not map; the bundle holds it once, in its own chunk. Only
 * `getExecOutput` is stood in for: it is all that core and docker/cli.ts call.
 */
import type * as RealExec from '../../node_modules/@actions/exec/lib/exec.js';

type Exec = typeof RealExec;
let real: Promise<Exec> | undefined;
const load = (): Promise<Exec> => (real ??= import('../../node_modules/@actions/exec/lib/exec.js'));

export const getExecOutput: Exec['getExecOutput'] = async (...args) => (await load()).getExecOutput(...args);
