import { render } from 'preact';
import { App } from './app';
import { ChatConnection } from './chat-connection';
import { pickLocale } from './strings';
import { styles } from './styles';

/**
 * `<script src="https://HOST/widget.js" data-inbox="INBOX_KEY" async></script>`. Optional:
 * `data-locale` (en|fa), `data-user-id` with `data-user-hash` (the site's HMAC of its user id),
 * `data-name`, `data-email` for a visitor the site already knows.
 */
// Read now: once the page has loaded, `currentScript` is gone.
const current = document.currentScript as HTMLScriptElement | null;

function boot() {
  const script = current ?? document.querySelector<HTMLScriptElement>('script[data-inbox][src*="widget.js"]');
  const inbox = script?.dataset.inbox;
  if (!script || !inbox || document.querySelector('switchboard-chat')) return;
  const data = script.dataset;
  const server = new URL(script.src).origin;
  const host = document.createElement('switchboard-chat');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  const mount = document.createElement('div');
  shadow.append(style, mount);

  const chat = new ChatConnection({
    server,
    inbox,
    identity: data.userId && data.userHash ? { userId: data.userId, hash: data.userHash } : null,
    locale: pickLocale(data.locale),
    profile: {
      ...(data.name ? { name: data.name } : {}),
      ...(data.email ? { email: data.email } : {}),
    },
  });
  let locale = pickLocale(data.locale);
  const draw = () => {
    style.textContent = styles(chat.state.config?.color ?? '#1c7ed6');
    render(<App chat={chat} locale={locale} />, mount);
  };
  let configured = false;
  chat.subscribe(() => {
    // The inbox may fix the language; the page's attribute still wins.
    if (configured || !chat.state.config) return;
    configured = true;
    locale = pickLocale(data.locale ?? (chat.state.config.locale === 'auto' ? null : chat.state.config.locale));
    draw();
  });
  draw();
  document.body.append(host);
  chat.connect();
  // Single-page sites change pages without loading: tell the agent where the visitor is.
  const pageChanged = () => chat.pageChanged();
  addEventListener('popstate', pageChanged);
  addEventListener('hashchange', pageChanged);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
