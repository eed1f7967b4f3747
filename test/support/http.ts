/**
 * A browser-like HTTP client for a server running in another process: keeps cookies, carries the CSRF token
 * on unsafe requests, like the web app does.
 */
export function httpClient(base: string) {
  const jar = new Map<string, string>();
  let csrf = '';
  async function request(
    method: string,
    url: string,
    o: { json?: unknown; body?: Uint8Array; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; json: () => unknown }> {
    const headers: Record<string, string> = { ...o.headers };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    let body: string | Uint8Array | undefined;
    if (o.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.json);
    } else if (o.body) body = o.body;
    const res = await fetch(base + url, { method, headers, body });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (value === '') jar.delete(name);
      else jar.set(name, value);
    }
    const text = await res.text();
    const parsed: unknown =
      text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null;
    if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed && typeof parsed.csrfToken === 'string')
      csrf = parsed.csrfToken;
    return { status: res.status, json: () => parsed };
  }
  return {
    request,
    async login(username: string, password: string): Promise<void> {
      await request('GET', '/api/auth/session');
      const res = await request('POST', '/api/auth/login', { json: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    },
  };
}
