/**
 * What the docker client config says about credentials, without ever holding them: we keep
 * only WHICH registries have an entry, never the `auth`/token values themselves.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { clientConfigDir } from './client-config.js';
import { readRegularFile } from '../runtime/safe-read.js';

export interface ClientAuth {
  path: string;
  exists: boolean;
  /** Group or others can read the file (the token would be exposed). */
  exposed: boolean;
  mode: string | undefined;
  /** Registries with a stored credential (auth or identity token). */
  stored: string[];
  credsStore: string | undefined;
  credHelpers: Record<string, string>;
}

export function clientConfigPath(env: NodeJS.ProcessEnv): string {
  return join(clientConfigDir(env), 'config.json');
}

export async function readClientAuth(env: NodeJS.ProcessEnv): Promise<ClientAuth> {
  const path = clientConfigPath(env);
  const empty: ClientAuth = { path, exists: false, exposed: false, mode: undefined, stored: [], credsStore: undefined, credHelpers: {} };
  let text: string;
  let mode: number;
  try {
    mode = (await stat(path)).mode & 0o777; // stat follows the link to the rendered secret
  } catch {
    return empty;
  }
  // followed (it is a link to the rendered secret), but never a FIFO or a device
  const read = await readRegularFile(path, 1 << 20, true);
  if (read.kind !== 'ok') return empty;
  text = read.text;
  let doc: { auths?: Record<string, { auth?: unknown; identitytoken?: unknown }>; credsStore?: unknown; credHelpers?: Record<string, unknown> };
  try { doc = JSON.parse(text) as typeof doc; } catch { return { ...empty, exists: true, mode: mode.toString(8) }; }
  const stored = Object.entries(doc.auths ?? {})
    .filter(([, v]) => (typeof v.auth === 'string' && v.auth !== '') || (typeof v.identitytoken === 'string' && v.identitytoken !== ''))
    .map(([k]) => k);
  return {
    path,
    exists: true,
    exposed: (mode & 0o077) !== 0,
    mode: mode.toString(8).padStart(4, '0'),
    stored,
    credsStore: typeof doc.credsStore === 'string' ? doc.credsStore : undefined,
    credHelpers: Object.fromEntries(Object.entries(doc.credHelpers ?? {}).filter(([, v]) => typeof v === 'string')) as Record<string, string>,
  };
}

const HUB_KEYS = ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];

/** How the client authenticates to `registry`: a stored credential, a helper, or not at all. */
export function credentialsFor(registry: string, auth: ClientAuth): string {
  const keys = registry === 'docker.io' ? HUB_KEYS : [registry, `https://${registry}`, `http://${registry}`];
  const helper = keys.map((k) => auth.credHelpers[k]).find(Boolean);
  if (helper) return `credential helper docker-credential-${helper}`;
  if (auth.stored.some((s) => keys.includes(s.replace(/\/+$/, '')) || keys.includes(s))) return `stored credential in ${auth.path}`;
  if (auth.credsStore) return `credential store docker-credential-${auth.credsStore}`;
  return 'no credentials (anonymous pulls)';
}
