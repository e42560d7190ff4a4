import type {
  ChatAvailability,
  ChatErrorCode,
  ChatMessage,
  ServerFrame,
  VisitorProfile,
  WidgetConfig,
} from '@switchboard/contracts';

/** A message on screen: stored ones have an id; the visitor's own wait for their acknowledgement. */
export type Shown = ChatMessage & { state: 'sending' | 'sent' | 'failed'; error?: ChatErrorCode; file?: File };

export type ChatState = {
  connected: boolean;
  welcomed: boolean;
  config: WidgetConfig | null;
  /** Live chat, live chat that waits in the queue (every agent busy), or the message form. */
  availability: ChatAvailability;
  messages: Shown[];
  agentTyping: string | null;
  agentReadAt: string | null;
  ended: boolean;
  escalated: boolean;
  profile: VisitorProfile;
  notice: 'transcript' | 'transcriptFailed' | 'rated' | 'offline' | null;
};

export type ChatOptions = {
  server: string;
  inbox: string;
  identity: { userId: string; hash: string } | null;
  locale: 'en' | 'fa';
  profile: VisitorProfile;
};

type Saved = { visitor?: string; outbox?: { key: string; body: string; at: string }[]; profile?: VisitorProfile };

const randomKey = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
};

const page = () => ({ url: location.href.slice(0, 2000), title: document.title.slice(0, 300) });

/**
 * The widget's connection. Every message the visitor sends is kept in an outbox (localStorage) under
 * an idempotency key until the server acknowledges it, which it does only once it is committed; on
 * reconnect, with backoff, the outbox is sent again and the server recognises what it already has.
 */
export class ChatConnection {
  state: ChatState = {
    connected: false,
    welcomed: false,
    config: null,
    availability: 'online',
    messages: [],
    agentTyping: null,
    agentReadAt: null,
    ended: false,
    escalated: false,
    profile: {},
    notice: null,
  };
  private socket: WebSocket | null = null;
  private attempt = 0;
  private saved: Saved;
  private readonly storageKey: string;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private listeners = new Set<() => void>();

  constructor(readonly options: ChatOptions) {
    this.storageKey = `switchboard-chat:${options.inbox}`;
    this.saved = this.load();
    this.state.profile = { ...this.saved.profile, ...options.profile };
    // What was typed but never acknowledged on an earlier page shows as sending until it is.
    this.state.messages = (this.saved.outbox ?? []).map((o) => this.pending(o.key, o.body, o.at));
  }

  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(change: Partial<ChatState>) {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  private load(): Saved {
    try {
      return JSON.parse(localStorage.getItem(this.storageKey) ?? '{}') as Saved;
    } catch {
      return {};
    }
  }

  private persist() {
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(this.saved));
    } catch {
      // Private browsing: the chat still works for this page.
    }
  }

  private pending(key: string, body: string, at: string): Shown {
    return { id: key, key, from: 'visitor', name: '', body, at, attachments: [], state: 'sending' };
  }

  connect() {
    const url = `${this.options.server.replace(/^http/, 'ws')}/api/v1/widget/ws?inbox=${encodeURIComponent(this.options.inbox)}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onopen = () => {
      this.update({ connected: true });
      this.send({
        t: 'hello',
        visitor: this.saved.visitor,
        identity: this.options.identity ?? undefined,
        profile: Object.keys(this.state.profile).length ? this.state.profile : undefined,
        locale: this.options.locale,
        page: page(),
      });
    };
    socket.onmessage = (event) => {
      try {
        this.receive(JSON.parse(String(event.data)) as ServerFrame);
      } catch {
        // A frame we do not understand changes nothing.
      }
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.update({ connected: false, agentTyping: null });
      // Backoff with jitter, so a restarted server is not met by every widget at the same instant.
      const delay = Math.min(15_000, 500 * 2 ** this.attempt) * (0.5 + Math.random());
      this.attempt += 1;
      setTimeout(() => this.connect(), delay);
    };
  }

  private send(frame: object): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  private receive(frame: ServerFrame) {
    switch (frame.t) {
      case 'welcome': {
        this.attempt = 0;
        this.saved.visitor = frame.visitor;
        this.saved.profile = { ...frame.profile, ...this.state.profile };
        this.persist();
        const stored = new Set(frame.messages.map((m) => m.key ?? m.id));
        const outbox = (this.saved.outbox ?? []).filter((o) => !stored.has(o.key));
        this.saved.outbox = outbox;
        this.persist();
        const local = this.state.messages.filter((m) => m.state !== 'sent' && !stored.has(m.key ?? m.id));
        this.update({
          welcomed: true,
          config: frame.config,
          availability: frame.availability,
          ended: frame.ended,
          profile: this.saved.profile,
          agentReadAt: frame.agentReadAt,
          messages: [...frame.messages.map((m): Shown => ({ ...m, state: 'sent' })), ...local],
        });
        for (const o of outbox) this.send({ t: 'msg', key: o.key, body: o.body });
        return;
      }
      case 'availability':
        return this.update({ availability: frame.availability });
      case 'ack':
        this.saved.outbox = (this.saved.outbox ?? []).filter((o) => o.key !== frame.key);
        this.persist();
        return this.settle(frame.key, { id: frame.id, at: frame.at, state: 'sent' });
      case 'msg': {
        const known = this.state.messages.some((m) => m.id === frame.m.id || (frame.m.key && m.key === frame.m.key));
        const shown: Shown = { ...frame.m, state: 'sent' };
        const messages = known
          ? this.state.messages.map((m) => (m.id === frame.m.id || (frame.m.key && m.key === frame.m.key) ? shown : m))
          : [...this.state.messages, shown];
        return this.update({
          messages,
          agentTyping: frame.m.from === 'agent' ? null : this.state.agentTyping,
          ended: false,
        });
      }
      case 'typing':
        clearTimeout(this.typingTimer);
        if (frame.on) this.typingTimer = setTimeout(() => this.update({ agentTyping: null }), 8000);
        return this.update({ agentTyping: frame.on ? frame.name : null });
      case 'read':
        return this.update({ agentReadAt: frame.at });
      case 'ended':
        return this.update({ ended: true, agentTyping: null });
      case 'escalated':
        return this.update({ escalated: true });
      case 'done':
        return this.update({
          notice: frame.what === 'transcript' ? 'transcript' : frame.what === 'rate' ? 'rated' : 'offline',
        });
      case 'error':
        if (frame.code === 'no_email') return this.update({ notice: 'transcriptFailed' });
        if (!frame.key) return;
        // Refused, not lost: the visitor sees why and may retry; it is no longer resent on its own.
        this.saved.outbox = (this.saved.outbox ?? []).filter((o) => o.key !== frame.key);
        this.persist();
        return this.settle(frame.key, { state: 'failed', error: frame.code });
    }
  }

  private settle(key: string, change: Partial<Shown>) {
    this.update({ messages: this.state.messages.map((m) => (m.key === key ? { ...m, ...change } : m)) });
  }

  sendMessage(body: string, retryKey?: string) {
    const key = retryKey ?? randomKey();
    const at = new Date().toISOString();
    this.saved.outbox = [...(this.saved.outbox ?? []).filter((o) => o.key !== key), { key, body, at }];
    this.persist();
    const messages = retryKey
      ? this.state.messages.map((m) => (m.key === key ? { ...m, state: 'sending' as const, error: undefined } : m))
      : [...this.state.messages, this.pending(key, body, at)];
    this.update({ messages, ended: false, notice: null });
    this.send({ t: 'msg', key, body });
    this.typing(false);
  }

  /** Files go over HTTP; the answer is the same as the socket's acknowledgement. */
  async sendFile(file: File, retryKey?: string) {
    const key = retryKey ?? randomKey();
    const shown: Shown = { ...this.pending(key, '', new Date().toISOString()), file, body: file.name };
    this.update({
      messages: retryKey
        ? this.state.messages.map((m) => (m.key === key ? { ...m, state: 'sending' as const } : m))
        : [...this.state.messages, shown],
    });
    const query = new URLSearchParams({ ...this.credentials(), key, name: file.name.slice(0, 200) });
    try {
      const response = await fetch(`${this.options.server}/api/v1/widget/attachments?${query}`, {
        method: 'POST',
        headers: { 'content-type': file.type || 'application/octet-stream' },
        body: file,
      });
      if (!response.ok) throw new Error(String(response.status));
      const ack = (await response.json()) as { id: string; at: string };
      this.settle(key, { id: ack.id, at: ack.at, state: 'sent' });
    } catch {
      this.settle(key, { state: 'failed' });
    }
  }

  retry(message: Shown) {
    if (!message.key) return;
    if (message.file) void this.sendFile(message.file, message.key);
    else this.sendMessage(message.body, message.key);
  }

  credentials(): Record<string, string> {
    const identity = this.options.identity;
    return {
      inbox: this.options.inbox,
      visitor: this.saved.visitor ?? '',
      ...(identity ? { user: identity.userId, hash: identity.hash } : {}),
    };
  }

  private typingOn = false;
  private typingOff: ReturnType<typeof setTimeout> | undefined;
  typing(on: boolean) {
    clearTimeout(this.typingOff);
    if (on) this.typingOff = setTimeout(() => this.typing(false), 4000);
    if (on === this.typingOn) return;
    this.typingOn = on;
    this.send({ t: 'typing', on });
  }

  markRead() {
    this.send({ t: 'read' });
  }

  saveProfile(profile: VisitorProfile) {
    this.saved.profile = { ...this.saved.profile, ...profile };
    this.persist();
    this.update({ profile: this.saved.profile });
    this.send({ t: 'profile', profile });
  }

  requestTranscript(email: string) {
    this.update({ notice: null });
    this.send({ t: 'transcript', email });
  }

  rate(score: number, comment: string) {
    this.send({ t: 'rate', score, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  }

  leaveMessage(name: string, email: string, body: string) {
    this.saveProfile({ name, email });
    this.send({ t: 'offline', key: randomKey(), name, email, body });
  }

  pageChanged() {
    this.send({ t: 'page', page: page() });
  }
}
