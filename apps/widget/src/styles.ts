/** Everything the widget looks like, inside its shadow root: the page's CSS cannot reach in, ours cannot leak out. */
export const styles = (color: string) => `
:host{all:initial}
*{box-sizing:border-box;font:inherit;margin:0}
.root{--c:${color};position:fixed;bottom:20px;inset-inline-end:20px;z-index:2147483000;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Vazirmatn,Tahoma,sans-serif;color:#1f2328}
.launcher{width:56px;height:56px;border-radius:50%;border:0;background:var(--c);color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:grid;place-items:center;position:relative}
.launcher svg{width:26px;height:26px}
.badge{position:absolute;top:-2px;inset-inline-end:-2px;background:#e03131;color:#fff;border-radius:10px;min-width:20px;height:20px;font-size:12px;display:grid;place-items:center;padding:0 5px}
.panel{width:min(370px,calc(100vw - 24px));height:min(560px,calc(100vh - 100px));background:#fff;border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.25);display:flex;flex-direction:column;overflow:hidden;margin-bottom:12px}
.head{background:var(--c);color:#fff;padding:12px 14px;display:flex;align-items:center;gap:8px}
.head b{flex:1;font-weight:600;font-size:15px}
.icon{background:transparent;border:0;color:inherit;cursor:pointer;padding:4px;border-radius:6px;display:grid;place-items:center}
.icon:hover{background:rgba(255,255,255,.18)}
.icon svg{width:18px;height:18px}
.status{font-size:12px;background:#fff3bf;color:#5c3c00;padding:4px 12px}
.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:6px;background:#f6f7f9}
.row{display:flex;flex-direction:column;max-width:82%}
.row.me{align-self:flex-end;align-items:flex-end}
.row.them{align-self:flex-start;align-items:flex-start}
.who{font-size:11px;color:#6a737d;margin:0 4px 2px}
.bubble{padding:8px 11px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:plaintext}
.me .bubble{background:var(--c);color:#fff;border-end-end-radius:4px}
.them .bubble{background:#fff;border:1px solid #e3e6ea;border-end-start-radius:4px}
.system .bubble{background:#fff9db;border:1px solid #ffe066}
.bubble a{color:inherit;text-decoration:underline}
.bubble img{max-width:220px;max-height:180px;border-radius:8px;display:block}
.meta{font-size:11px;color:#6a737d;margin:2px 4px 0}
.meta.err{color:#c92a2a}
.meta button{background:none;border:0;color:inherit;text-decoration:underline;cursor:pointer;padding:0;margin-inline-start:6px}
.typing{font-size:12px;color:#6a737d;font-style:italic;padding:0 14px 4px;background:#f6f7f9}
.compose{display:flex;gap:6px;padding:8px;border-top:1px solid #e3e6ea;align-items:flex-end}
.compose textarea{flex:1;resize:none;border:1px solid #ced4da;border-radius:10px;padding:8px 10px;max-height:110px;min-height:38px;unicode-bidi:plaintext}
.compose .icon{color:#495057}
.compose .icon:hover{background:#f1f3f5}
.send{background:var(--c);color:#fff;border:0;border-radius:10px;padding:0 14px;height:38px;cursor:pointer;font-weight:600}
.send:disabled{opacity:.5;cursor:default}
.form{padding:16px;display:flex;flex-direction:column;gap:10px;overflow-y:auto;flex:1}
.form p{color:#495057}
.form label{display:flex;flex-direction:column;gap:4px;font-size:13px;font-weight:500}
.form input,.form textarea{border:1px solid #ced4da;border-radius:8px;padding:8px 10px;font-weight:400}
.form .send{height:40px}
.card{margin:8px 12px;padding:12px;background:#fff;border:1px solid #e3e6ea;border-radius:10px;display:flex;flex-direction:column;gap:8px}
.stars{display:flex;gap:4px}
.stars button{font-size:24px;background:none;border:0;cursor:pointer;color:#ced4da;padding:0 2px}
.stars button.on{color:#fab005}
.notice{font-size:12px;text-align:center;color:#2b8a3e;padding:4px}
.inline{display:flex;gap:6px}
.inline input{flex:1;border:1px solid #ced4da;border-radius:8px;padding:6px 8px;min-width:0}
.inline .send{height:34px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
:focus-visible{outline:2px solid var(--c);outline-offset:2px}
`;
