/**
 * Whether every job's mark can be seen here. A job's pre step marks the images it needs in the
 * state dir's ledger; a runner user who cannot write that dir keeps its marks in a ledger of its
 * own that no other run reads (the usual host outside NixOS: a root timer, runner users in the
 * docker group, a root-owned state dir). While any user who can reach the daemon's socket cannot
 * write the state dir, no eviction can know what a job was just told is warm, so none runs: it
 * fails closed, in one line that says how to share the dir (`ci-docker-prune setup`).
 */
import { readFile, stat } from 'node:fs/promises';

export interface Account { name: string; uid: number; gid: number }
export interface GroupEntry { name: string; gid: number; members: string[] }
export interface Owned { uid: number; gid: number; mode: number }

/** `/etc/passwd` lines → accounts (malformed lines skipped). */
export function parsePasswd(text: string): Account[] {
  return text.split('\n').flatMap((l) => {
    const [name, , uid, gid] = l.split(':');
    return name && /^\d+$/.test(uid ?? '') && /^\d+$/.test(gid ?? '') ? [{ name, uid: Number(uid), gid: Number(gid) }] : [];
  });
}

/** `/etc/group` lines → groups with their listed members. */
export function parseGroup(text: string): GroupEntry[] {
  return text.split('\n').flatMap((l) => {
    const [name, , gid, members] = l.split(':');
    return name && /^\d+$/.test(gid ?? '') ? [{ name, gid: Number(gid), members: (members ?? '').split(',').map((m) => m.trim()).filter(Boolean) }] : [];
  });
}

/**
 * Who can reach `socket` but cannot write `dir` (root aside: it can do both): `everyone` when
 * the socket is open to every local user, else the names of the socket group's users (listed
 * members and those whose primary group it is) who can write the dir neither as its owner nor
 * through its group.
 */
export function blindSpots(socket: Owned, dir: Owned, accounts: readonly Account[], groups: readonly GroupEntry[]): 'everyone' | string[] {
  if ((socket.mode & 0o002) !== 0) return (dir.mode & 0o002) !== 0 ? [] : 'everyone';
  if ((socket.mode & 0o020) === 0) return [];
  const group = groups.find((g) => g.gid === socket.gid);
  const users = accounts.filter((a) => a.uid !== 0 && a.uid !== socket.uid && (a.gid === socket.gid || group?.members.includes(a.name)));
  const groupsOf = (a: Account): Set<number> => new Set([a.gid, ...groups.filter((g) => g.members.includes(a.name)).map((g) => g.gid)]);
  const canWrite = (a: Account): boolean => (dir.uid === a.uid && (dir.mode & 0o300) === 0o300) || (groupsOf(a).has(dir.gid) && (dir.mode & 0o030) === 0o030);
  return users.filter((a) => !canWrite(a)).map((a) => a.name);
}

/**
 * One line saying why an eviction must not run now, or undefined when every job's mark can be
 * seen. Only a unix socket on this host tells who can reach the daemon; a remote one cannot
 * (its runner users' marks are that host's matter).
 */
export async function unseenMarks(target: string, stateDir: string, files = { passwd: '/etc/passwd', group: '/etc/group' }): Promise<string | undefined> {
  if (!target.startsWith('unix://')) return undefined;
  const path = target.slice('unix://'.length);
  const [sock, dir] = await Promise.all([stat(path).catch(() => undefined), stat(stateDir).catch(() => undefined)]);
  if (!sock || !dir) return undefined;
  const [passwd, group] = await Promise.all([readFile(files.passwd, 'utf8').catch(() => ''), readFile(files.group, 'utf8').catch(() => '')]);
  const groups = parseGroup(group);
  const blind = blindSpots(sock, dir, parsePasswd(passwd), groups);
  if (blind !== 'everyone' && blind.length === 0) return undefined;
  const socketGroup = groups.find((g) => g.gid === sock.gid)?.name ?? String(sock.gid);
  const dirGroup = groups.find((g) => g.gid === dir.gid)?.name ?? String(dir.gid);
  const who = blind === 'everyone' ? `every local user can use Docker at ${path} (mode ${(sock.mode & 0o777).toString(8)})`
    : `${blind.slice(0, 5).join(', ')}${blind.length > 5 ? ` and ${blind.length - 5} more` : ''} can use Docker at ${path} (group ${socketGroup})`;
  return `no eviction: ${who} but cannot write job marks in ${stateDir} (group ${dirGroup}, mode ${(dir.mode & 0o7777).toString(8).padStart(4, '0')}), so a job's warm images could be evicted under it; run \`ci-docker-prune setup --runner-group ${socketGroup}\` once as root to share the state dir`;
}
