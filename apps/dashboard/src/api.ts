// The tiny API client: the bearer token lives in sessionStorage (never in a URL); every call goes to the
// public HTTP API under /api/v1 of the server that served this page.
import { reactive } from 'vue';

export interface Session { token: string; sub: string; roles: string[] }
export interface Problem { status: number; code?: string; title?: string; detail?: string; [k: string]: unknown }

const KEY = 'groupcap.token';

function decode(token: string): Session | null {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(decodeURIComponent(escape(atob(part))));
    return { token, sub: String(claims.sub ?? ''), roles: Array.isArray(claims.roles) ? claims.roles : [] };
  } catch {
    return null;
  }
}

export const session = reactive<{ current: Session | null }>({ current: decode(sessionStorage.getItem(KEY) ?? '') });

export async function signIn(token: string): Promise<Problem | null> {
  const s = decode(token.trim());
  if (!s) return { status: 400, detail: 'not a JWT' };
  // Any read the token may make tells whether the server accepts it: 401 is a bad token, 403 a good one.
  const res = await fetch('/api/v1/capital', { headers: { authorization: `Bearer ${s.token}` } });
  if (res.status === 401) return problemOf(res);
  sessionStorage.setItem(KEY, s.token);
  session.current = s;
  return null;
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  session.current = null;
}

export const hasRole = (...roles: string[]): boolean => !!session.current && session.current.roles.some((r) => roles.includes(r));

async function problemOf(res: Response): Promise<Problem> {
  try {
    return { status: res.status, ...(await res.json()) };
  } catch {
    return { status: res.status, detail: res.statusText };
  }
}

export class ApiError extends Error {
  constructor(public problem: Problem) {
    super(`${problem.status} ${problem.code ?? ''} ${problem.detail ?? problem.title ?? ''}`.trim());
  }
}

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${session.current?.token ?? ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) signOut();
  if (!res.ok) throw new ApiError(await problemOf(res));
  return res;
}

export const get = async <T = any>(path: string): Promise<T> => (await call('GET', path)).json();
export const post = async <T = any>(path: string, body: unknown = {}): Promise<T> => (await call('POST', path, body)).json();

/** Every page of a cursor-paged list. */
export async function all<T = any>(path: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: { items: T[]; next: string | null } = await get(`${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out;
}

/** Downloads a file the API answers (csv, xlsx) with the bearer header, then saves it. */
export async function download(path: string, filename: string): Promise<void> {
  const blob = await (await call('GET', path)).blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const q = (params: Record<string, string | undefined | null>): string => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) s.set(k, v);
  const t = s.toString();
  return t ? `?${t}` : '';
};
