/**
 * Whether a widget on `origin` may use the inbox: one of its allowed origins (scheme, host and port
 * must all match), or this server itself (the demo page and the admin's preview).
 */
export function originAllowed(
  allowed: readonly string[],
  origin: string | undefined,
  host: string | undefined,
): boolean {
  if (!origin) return false;
  let asked: URL;
  try {
    asked = new URL(origin);
  } catch {
    return false;
  }
  if (host && asked.host === host) return true;
  return allowed.some((entry) => {
    try {
      return new URL(entry).origin === asked.origin;
    } catch {
      return false;
    }
  });
}
