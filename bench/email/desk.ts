import WebSocket from 'ws';

/**
 * The desk's side: signed in as the demo admin (all clients), listening on `/api/v1/ws` as the desk
 * does. Every `message.created` is timestamped on arrival; every `apiEvery`-th one is also fetched
 * (`GET /api/v1/conversations/:id`, what the desk does on the event) and timestamped when the thread
 * returned by the API contains the message.
 */
export type DeskWatcher = {
  /** messageId → arrival time (performance.now()) of its message.created event. */
  events: Map<string, number>;
  /** messageId → time the API returned a thread containing it. */
  apiVisible: Map<string, number>;
  apiErrors: number;
  close: () => Promise<void>;
};

function cookiesOf(response: Response, jar: Map<string, string>) {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const eq = pair!.indexOf('=');
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

export async function signIn(httpUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${httpUrl}/api/v1/auth/csrf`);
  cookiesOf(csrf, jar);
  const { token } = (await csrf.json()) as { token: string };
  const login = await fetch(`${httpUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookieHeader(jar) },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  cookiesOf(login, jar);
  return cookieHeader(jar);
}

export async function watchDesk(httpUrl: string, cookie: string, options: { apiEvery: number }): Promise<DeskWatcher> {
  const events = new Map<string, number>();
  const apiVisible = new Map<string, number>();
  let seen = 0;
  let inFlight = 0;
  const watcher: DeskWatcher = { events, apiVisible, apiErrors: 0, close: async () => {} };
  const fetchThread = async (conversationId: string, messageId: string) => {
    inFlight++;
    try {
      // Retry a few times in case the thread read raced the commit (it should not: the event follows it).
      for (let attempt = 0; attempt < 5; attempt++) {
        const response = await fetch(`${httpUrl}/api/v1/conversations/${conversationId}`, { headers: { cookie } });
        if (!response.ok) {
          watcher.apiErrors++;
          return;
        }
        const body = (await response.json()) as { messages?: { id: string }[] };
        if (body.messages?.some((m) => m.id === messageId)) {
          apiVisible.set(messageId, performance.now());
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      watcher.apiErrors++;
    } catch {
      watcher.apiErrors++;
    } finally {
      inFlight--;
    }
  };
  const socket = new WebSocket(`${httpUrl.replace(/^http/, 'ws')}/api/v1/ws`, { headers: { cookie } });
  socket.on('message', (data) => {
    const at = performance.now();
    const event = JSON.parse(String(data)) as { type: string; conversationId: string; messageId?: string };
    if (event.type !== 'message.created' || !event.messageId) return;
    events.set(event.messageId, at);
    // At most 8 reads in flight, like a handful of agents' screens refreshing; the rest only count the event.
    if (++seen % options.apiEvery === 0 && inFlight < 8) void fetchThread(event.conversationId, event.messageId);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  watcher.close = async () => {
    const deadline = Date.now() + 5000;
    while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    socket.close();
  };
  return watcher;
}
