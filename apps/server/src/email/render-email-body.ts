const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Plain text and HTML of an outgoing e-mail: the agent's words, then the client's signature. */
export function renderEmailBody(body: string, signature: string): { bodyText: string; bodyHtml: string } {
  const bodyText = signature ? `${body}\n\n-- \n${signature}` : body;
  const paragraphs = body
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const dir = /[\u0600-\u06FF]/.test(body) ? ' dir="rtl"' : '';
  const sig = signature ? `\n<p style="color:#555">-- <br>${escapeHtml(signature).replace(/\n/g, '<br>')}</p>` : '';
  return { bodyText, bodyHtml: `<!doctype html><html><body${dir}>${paragraphs}${sig}</body></html>` };
}
