import type { PreChatField, VisitorProfile } from '@switchboard/contracts';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatConnection, ChatState, Shown } from './chat-connection';
import { type Strings, strings, type WidgetLocale } from './strings';

const bubbleIcon = (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">
    <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.4A8 8 0 1 1 21 12z" />
  </svg>
);
const closeIcon = (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">
    <path d="M6 6l12 12M18 6L6 18" />
  </svg>
);
const mailIcon = (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">
    <rect x="3" y="5" width="18" height="14" rx="2" />
    <path d="M3 7l9 6 9-6" />
  </svg>
);
const clipIcon = (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">
    <path d="M21 11l-8.5 8.5a5 5 0 0 1-7-7L14 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L15 7" />
  </svg>
);

const useChat = (chat: ChatConnection): ChatState => {
  const [state, setState] = useState(chat.state);
  useEffect(() => chat.subscribe(() => setState(chat.state)) as () => void, [chat]);
  return state;
};

/** The required pre-chat fields the visitor has not given yet. */
const missingFields = (fields: PreChatField[], profile: VisitorProfile) =>
  fields.filter((f) => f.required && !profile[f.field]);

export function App({ chat, locale }: { chat: ChatConnection; locale: WidgetLocale }) {
  const state = useChat(chat);
  const t = strings[locale];
  const [open, setOpen] = useState(false);
  const [seen, setSeen] = useState(0);
  const color = state.config?.color ?? '#1c7ed6';
  const fromThem = state.messages.filter((m) => m.from !== 'visitor').length;

  useEffect(() => {
    if (!open) return;
    setSeen(fromThem);
    if (fromThem > 0 && state.connected) chat.markRead();
  }, [open, fromThem, state.connected, chat]);

  const unread = open ? 0 : Math.max(0, fromThem - seen);
  const conversing = state.messages.length > 0 && !state.ended;
  const needsForm =
    state.config && state.messages.length === 0 && missingFields(state.config.preChat, state.profile).length > 0;

  return (
    <div class="root" dir={locale === 'fa' ? 'rtl' : 'ltr'} lang={locale} style={`--c:${color}`}>
      {open && (
        <section class="panel" role="dialog" aria-label={state.config?.clientName ?? t.open} data-testid="sb-panel">
          <header class="head">
            <b>{state.config?.clientName ?? ''}</b>
            <TranscriptButton chat={chat} t={t} state={state} />
            <button type="button" class="icon" aria-label={t.close} onClick={() => setOpen(false)}>
              {closeIcon}
            </button>
          </header>
          {!state.connected && (
            <div class="status" role="status" data-testid="sb-status">
              {t.reconnecting}
            </div>
          )}
          {/* A visitor mid-chat keeps their chat whatever the availability does; new visitors follow it. */}
          {!state.welcomed ? null : state.availability === 'offline' && !conversing ? (
            <OfflineForm chat={chat} t={t} state={state} />
          ) : needsForm ? (
            <PreChatForm chat={chat} t={t} fields={state.config?.preChat ?? []} profile={state.profile} />
          ) : (
            <Conversation chat={chat} t={t} state={state} locale={locale} />
          )}
        </section>
      )}
      <div style="display:flex;justify-content:flex-end">
        <button
          type="button"
          class="launcher"
          aria-label={open ? t.close : t.open}
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          data-testid="sb-launcher"
        >
          {open ? closeIcon : bubbleIcon}
          {unread > 0 && (
            <span class="badge" data-testid="sb-unread">
              {new Intl.NumberFormat(locale).format(unread)}
            </span>
          )}
        </button>
      </div>
    </div>
  );
}

function TranscriptButton({ chat, t, state }: { chat: ChatConnection; t: Strings; state: ChatState }) {
  const [asking, setAsking] = useState(false);
  const [email, setEmail] = useState(state.profile.email ?? '');
  if (!state.messages.some((m) => m.state === 'sent')) return null;
  return (
    <>
      <button
        type="button"
        class="icon"
        aria-label={t.transcript}
        title={t.transcript}
        onClick={() => setAsking(!asking)}
      >
        {mailIcon}
      </button>
      {asking && (
        <form
          class="card"
          style="position:absolute;top:52px;inset-inline:8px;color:#1f2328;z-index:1"
          onSubmit={(e) => {
            e.preventDefault();
            chat.requestTranscript(email.trim());
            setAsking(false);
          }}
        >
          <label class="sr" for="sb-transcript">
            {t.email}
          </label>
          <div class="inline">
            <input
              id="sb-transcript"
              type="email"
              required
              dir="ltr"
              value={email}
              placeholder={t.email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
            <button type="submit" class="send">
              {t.send}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

function Field({
  label,
  value,
  onInput,
  type,
  required,
  t,
}: {
  label: string;
  value: string;
  onInput: (v: string) => void;
  type: 'text' | 'email' | 'tel';
  required: boolean;
  t: Strings;
}) {
  return (
    <label>
      {label}
      {required ? ` (${t.required})` : ''}
      <input
        // Preact's union of input types cannot follow a variable; all three are plain text fields.
        type={type as 'text'}
        required={required}
        value={value}
        dir={type === 'text' ? 'auto' : 'ltr'}
        maxLength={type === 'email' ? 254 : 120}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </label>
  );
}

function PreChatForm({
  chat,
  t,
  fields,
  profile,
}: {
  chat: ChatConnection;
  t: Strings;
  fields: PreChatField[];
  profile: VisitorProfile;
}) {
  const [values, setValues] = useState<Record<string, string>>({ ...profile });
  const types = { name: 'text', email: 'email', phone: 'tel' } as const;
  return (
    <form
      class="form"
      data-testid="sb-prechat"
      onSubmit={(e) => {
        e.preventDefault();
        const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v?.trim())) as VisitorProfile;
        chat.saveProfile(given);
      }}
    >
      {chat.state.config?.greeting && <p>{chat.state.config.greeting}</p>}
      {fields.map((f) => (
        <Field
          key={f.field}
          label={t[f.field]}
          type={types[f.field]}
          required={f.required}
          value={values[f.field] ?? ''}
          onInput={(v) => setValues({ ...values, [f.field]: v })}
          t={t}
        />
      ))}
      <button type="submit" class="send">
        {t.start}
      </button>
    </form>
  );
}

function OfflineForm({ chat, t, state }: { chat: ChatConnection; t: Strings; state: ChatState }) {
  const [name, setName] = useState(state.profile.name ?? '');
  const [email, setEmail] = useState(state.profile.email ?? '');
  const [body, setBody] = useState('');
  if (state.notice === 'offline') {
    return (
      <div class="form">
        <p class="notice" role="status" data-testid="sb-offline-done">
          {t.offlineDone}
        </p>
      </div>
    );
  }
  return (
    <form
      class="form"
      data-testid="sb-offline"
      onSubmit={(e) => {
        e.preventDefault();
        chat.leaveMessage(name.trim(), email.trim(), body.trim());
      }}
    >
      <p>{t.offline}</p>
      <Field label={t.name} type="text" required value={name} onInput={setName} t={t} />
      <Field label={t.email} type="email" required value={email} onInput={setEmail} t={t} />
      <label>
        {t.message}
        <textarea
          required
          rows={4}
          maxLength={4000}
          dir="auto"
          value={body}
          onInput={(e) => setBody(e.currentTarget.value)}
        />
      </label>
      <button type="submit" class="send">
        {t.leave}
      </button>
    </form>
  );
}

function Conversation({
  chat,
  t,
  state,
  locale,
}: {
  chat: ChatConnection;
  t: Strings;
  state: ChatState;
  locale: WidgetLocale;
}) {
  const [draft, setDraft] = useState('');
  const log = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });

  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [state.messages.length, state.agentTyping, state.ended, state.escalated]);

  const submit = () => {
    const body = draft.trim();
    if (!body) return;
    chat.sendMessage(body);
    setDraft('');
  };
  const statusOf = (m: Shown) =>
    m.state === 'failed'
      ? m.error === 'too_long'
        ? t.tooLong
        : m.error === 'rate_limited'
          ? t.slowDown
          : t.failed
      : m.state === 'sending'
        ? t.sending
        : state.agentReadAt && state.agentReadAt >= m.at
          ? t.read
          : t.delivered;
  const url = (path: string) => `${chat.options.server}${path}?${new URLSearchParams(chat.credentials())}`;

  return (
    <>
      <div class="log" ref={log} aria-live="polite" data-testid="sb-log">
        {state.config?.greeting && (
          <div class="row them">
            <div class="bubble">{state.config.greeting}</div>
          </div>
        )}
        {state.messages.map((m) => (
          <div
            key={m.key ?? m.id}
            class={`row ${m.from === 'visitor' ? 'me' : 'them'}${m.from === 'system' ? ' system' : ''}`}
            data-testid="sb-message"
            data-from={m.from}
          >
            {m.from !== 'visitor' && <span class="who">{m.name}</span>}
            <div class="bubble">
              {m.attachments.length === 0 && m.body}
              {m.attachments.map((a) =>
                a.type.startsWith('image/') ? (
                  <a key={a.id} href={url(a.url)} target="_blank" rel="noopener noreferrer">
                    <img src={url(a.url)} alt={a.name} />
                  </a>
                ) : (
                  <a key={a.id} href={url(a.url)} target="_blank" rel="noopener noreferrer">
                    {a.name}
                  </a>
                ),
              )}
            </div>
            <span class={`meta${m.state === 'failed' ? ' err' : ''}`} data-testid="sb-meta">
              {time.format(new Date(m.at))}
              {m.from === 'visitor' && ` · ${statusOf(m)}`}
              {m.state === 'failed' && m.error !== 'too_long' && (
                <button type="button" onClick={() => chat.retry(m)}>
                  {t.retry}
                </button>
              )}
            </span>
          </div>
        ))}
        {state.availability === 'busy' && !state.ended && !state.messages.some((m) => m.from === 'agent') && (
          <p class="status" role="status" data-testid="sb-busy">
            {state.messages.length ? t.queued : t.busy}
          </p>
        )}
        {state.escalated && <Escalated chat={chat} t={t} state={state} />}
        {state.ended && <Rating chat={chat} t={t} state={state} />}
        {state.notice === 'transcript' && (
          <p class="notice" role="status">
            {t.transcriptSent}
          </p>
        )}
        {state.notice === 'transcriptFailed' && (
          <p class="notice" role="status" style="color:#c92a2a">
            {t.transcriptFailed}
          </p>
        )}
      </div>
      {state.agentTyping !== null && (
        <div class="typing" data-testid="sb-typing">
          {t.typing(state.agentTyping)}
        </div>
      )}
      <form
        class="compose"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <input
          ref={fileInput}
          type="file"
          class="sr"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="sb-file"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void chat.sendFile(file);
            e.currentTarget.value = '';
          }}
        />
        <button
          type="button"
          class="icon"
          aria-label={t.attach}
          title={t.attach}
          onClick={() => fileInput.current?.click()}
        >
          {clipIcon}
        </button>
        <textarea
          rows={1}
          dir="auto"
          aria-label={t.placeholder}
          placeholder={t.placeholder}
          value={draft}
          data-testid="sb-input"
          onInput={(e) => {
            setDraft(e.currentTarget.value);
            chat.typing(e.currentTarget.value.length > 0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <button type="submit" class="send" disabled={!draft.trim()} data-testid="sb-send">
          {t.send}
        </button>
      </form>
    </>
  );
}

function Escalated({ chat, t, state }: { chat: ChatConnection; t: Strings; state: ChatState }) {
  const [email, setEmail] = useState('');
  return (
    <div class="card" role="status" data-testid="sb-escalated">
      <span>{t.escalated}</span>
      {!state.profile.email && (
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            chat.saveProfile({ email: email.trim() });
          }}
        >
          <input
            type="email"
            required
            dir="ltr"
            placeholder={t.needEmail}
            aria-label={t.needEmail}
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          <button type="submit" class="send">
            {t.save}
          </button>
        </form>
      )}
    </div>
  );
}

function Rating({ chat, t, state }: { chat: ChatConnection; t: Strings; state: ChatState }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  if (state.notice === 'rated') {
    return (
      <p class="notice" role="status" data-testid="sb-rated">
        {t.thanks}
      </p>
    );
  }
  return (
    <form
      class="card"
      data-testid="sb-rating"
      onSubmit={(e) => {
        e.preventDefault();
        if (score > 0) chat.rate(score, comment);
      }}
    >
      <span>{t.ended}</span>
      <div class="stars">
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            aria-pressed={score === n}
            aria-label={t.star(n)}
            class={n <= score ? 'on' : ''}
            onClick={() => setScore(n)}
          >
            ★
          </button>
        ))}
      </div>
      <textarea
        rows={2}
        dir="auto"
        maxLength={4000}
        placeholder={t.comment}
        aria-label={t.comment}
        value={comment}
        onInput={(e) => setComment(e.currentTarget.value)}
      />
      <button type="submit" class="send" disabled={score === 0}>
        {t.rate}
      </button>
    </form>
  );
}
