/** E2E_PORT lets several checkouts run their browser tests side by side; each gets its own SMTP port too. */
export const e2ePort = Number(process.env.E2E_PORT ?? 3100);
/** The demo server's SMTP listener, so a browser test can deliver mail the way a mail server does. */
export const e2eSmtpPort = e2ePort + 2000;
/** The tests' own DNS server (UDP), which the demo server's sender checks ask instead of the internet. */
export const e2eDnsPort = e2ePort + 3000;
