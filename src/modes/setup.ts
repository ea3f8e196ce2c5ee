/**
 * `setup`: once, as root, on a host outside NixOS, what the NixOS module gives its hosts: the
 * state dir shared with the CI runner users' group (owner root, setgid, 2770; its files 0660),
 * so the timer and every runner's pre step keep one ledger and every job's mark is seen by every
 * run. Asks the daemon nothing; changes nothing but the state dir's owner group and modes.
 */
import { chmod, chown, lstat, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseGroup } from '../execute/mark-access.js';
import { InputError } from '../inputs/config.js';
import { finish, type ModeContext, type ModeResult } from './context.js';

const SHARED_DIR_MODE = 0o2770;
const SHARED_FILE_MODE = 0o660;

/** The group to share with: the input, else the Docker socket's group, else `docker`. */
async function runnerGroup(ctx: ModeContext): Promise<{ name: string; gid: number }> {
  const groups = parseGroup(await readFile('/etc/group', 'utf8').catch(() => ''));
  const wanted = ctx.config.runnerGroup;
  if (wanted) {
    const g = /^\d+$/.test(wanted) ? groups.find((x) => x.gid === Number(wanted)) ?? { name: wanted, gid: Number(wanted) } : groups.find((x) => x.name === wanted);
    if (!g) throw new InputError(`invalid input 'runner-group': no group named ${JSON.stringify(wanted)} on this host`);
    return g;
  }
  const target = ctx.engine.read.target;
  const sock = target.startsWith('unix://') ? await stat(target.slice(7)).catch(() => undefined) : undefined;
  const g = sock ? groups.find((x) => x.gid === sock.gid) ?? { name: String(sock.gid), gid: sock.gid } : groups.find((x) => x.name === 'docker');
  if (!g) throw new InputError("invalid input 'runner-group': the Docker socket cannot be seen from here and there is no docker group; name the runners' group");
  return g;
}

export async function runSetup(ctx: ModeContext): Promise<ModeResult> {
  const { out, config } = ctx;
  if (process.getuid?.() !== 0) throw new InputError(`setup must run as root: it gives ${config.stateDir} to the runners' group`);
  const group = await runnerGroup(ctx);
  const dir = config.stateDir;
  // jobs/ too: every runner's pre step writes its state there (locks/ it may, see execute/lock-memory.ts)
  await mkdir(join(dir, 'jobs'), { recursive: true, mode: 0o770 });
  if (!(await lstat(dir)).isDirectory()) throw new InputError(`invalid input 'state-dir': ${dir} is not a directory (a link is not followed)`);
  const shared: string[] = [];
  // the dir, its jobs/ dir and the files the tool keeps there: never a link, never another kind
  const share = async (path: string): Promise<void> => {
    const st = await lstat(path).catch(() => undefined);
    if (!st || !(st.isDirectory() || st.isFile())) return;
    await chown(path, st.uid === 0 ? 0 : st.uid, group.gid);
    await chmod(path, st.isDirectory() ? SHARED_DIR_MODE : SHARED_FILE_MODE);
    shared.push(path);
    if (st.isDirectory()) for (const name of await readdir(path)) if (path === dir ? ['jobs', 'locks', 'ledger.json'].includes(name) : name.endsWith('.json')) await share(join(path, name));
  };
  await share(dir);
  out.info(`state-dir ${dir}: group ${group.name} (gid ${group.gid}), mode 2770 (setgid: new files stay the group's); ${shared.length - 1} file(s) and dir(s) in it given to the group`);
  out.info(`the timer and every runner user in group ${group.name} now keep one ledger: every job's mark is seen by every run`);
  return finish(ctx);
}
