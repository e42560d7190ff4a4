/** Raw MIME for the e-mail browser test, as a provider would push it to the inbound webhook. */

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

export type HostileMail = { raw: string; messageId: string; safeText: string; quotedText: string; remoteImage: string };

/**
 * Every way an HTML e-mail has tried to run code in a help desk: script elements, event handlers on
 * img/svg/body, javascript: links, nested frames. Each payload, if it ran, would mark the desk's window.
 */
export const hostileMail = (options: { from: string; to: string; stamp: string }): HostileMail => {
  const { from, to, stamp } = options;
  const messageId = `<hostile-${stamp}@customer.example.test>`;
  const safeText = `SAFE-TEXT-${stamp}`;
  const quotedText = `QUOTED-HISTORY-${stamp}`;
  const remoteImage = `https://images.remote.test/logo-${stamp}.png`;
  const mark = (how: string) => `window.top.__pwned='${how}';top.document.title='pwned'`;
  const html = `<html><head><script>${mark('head-script')}</script></head>
<body onload="${mark('body-onload')}">
<p>Hello team, ${safeText}: my tent arrived with a torn rain fly.</p>
<script>${mark('script')};alert('script')</script>
<img src=x onerror="${mark('img-onerror')};alert('img')">
<p><a href="javascript:${mark('javascript-link')}" id="js-link">Click for the photos</a></p>
<svg onload="${mark('svg-onload')};alert('svg')"><circle r="4"/></svg>
<iframe srcdoc="<script>${mark('iframe')}</script>"></iframe>
<p><img src="${remoteImage}" alt="Remote logo" width="120" height="40"></p>
<div class="gmail_quote">On Mon, 1 Jan 2024 Acme Support wrote:<blockquote type="cite">${quotedText}</blockquote></div>
</body></html>`;
  const raw = crlf(`From: Mallory Customer <${from}>
To: Acme Support <${to}>
Subject: Torn rain fly ${stamp} <script>alert('subject')</script>
Date: ${new Date().toUTCString()}
Message-ID: ${messageId}
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b-${stamp}"

--b-${stamp}
Content-Type: text/plain; charset=UTF-8

Hello team, ${safeText}: my tent arrived with a torn rain fly.
--b-${stamp}
Content-Type: text/html; charset=UTF-8

${html}
--b-${stamp}--
`);
  return { raw, messageId, safeText, quotedText, remoteImage };
};

/** A DSN (RFC 3464) from the customer's mail server about one of our replies. */
export const bounceMail = (options: { to: string; recipient: string; originalId: string; stamp: string }): string =>
  crlf(`Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.customer.example.test>
To: ${options.to}
Subject: Undelivered Mail Returned to Sender
Date: ${new Date().toUTCString()}
Message-ID: <dsn-${options.stamp}@mx.customer.example.test>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="dsn-${options.stamp}"

--dsn-${options.stamp}
Content-Type: text/plain; charset=us-ascii

Your message could not be delivered.
--dsn-${options.stamp}
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.customer.example.test

Final-Recipient: rfc822; ${options.recipient}
Action: failed
Status: 5.2.2
Diagnostic-Code: smtp; 552 5.2.2 Mailbox full
--dsn-${options.stamp}
Content-Type: text/rfc822-headers

From: Acme Support <${options.to}>
To: ${options.recipient}
Message-ID: ${options.originalId}
--dsn-${options.stamp}--
`);

/** An out-of-office answer to one of our replies. */
export const outOfOfficeMail = (options: { from: string; to: string; inReplyTo: string; stamp: string }): string =>
  crlf(`From: Mallory Customer <${options.from}>
To: ${options.to}
Subject: Automatic reply: back on Monday
Date: ${new Date().toUTCString()}
Message-ID: <ooo-${options.stamp}@customer.example.test>
Auto-Submitted: auto-replied
In-Reply-To: ${options.inReplyTo}
References: ${options.inReplyTo}
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

I am out of the office until Monday (OOO-${options.stamp}).
`);
