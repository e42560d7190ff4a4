/** The e-mail as sign-in compares it, so `Agent@X`, ` agent@x` and `agent@x` share one allowance. */
export const normalisedEmail = (email: unknown) =>
  String(email ?? '')
    .normalize('NFKC')
    .trim()
    .toLowerCase();

/**
 * Failed sign-ins per address and account in a one-minute window. An attempt takes its unit before its
 * password is checked and gives it back if it succeeds, so parallel guesses cannot all pass one check
 * (take-then-check runs without a pause in between), while a person signing in again and again is never refused.
 */
export function createSignInAttempts(maxFailuresPerMinute: number, now: () => number = Date.now) {
  const windows = new Map<string, { used: number; resetsAt: number }>();
  const forget = () => {
    const at = now();
    for (const [key, window] of windows) if (window.resetsAt <= at) windows.delete(key);
  };
  return {
    /** A unit for one attempt, or the seconds until one is free. */
    take(key: string): { taken: true; giveBack: () => void } | { taken: false; retryInSeconds: number } {
      if (windows.size > 100_000) forget();
      const at = now();
      let window = windows.get(key);
      if (!window || window.resetsAt <= at) {
        window = { used: 0, resetsAt: at + 60_000 };
        windows.set(key, window);
      }
      if (window.used >= maxFailuresPerMinute)
        return { taken: false, retryInSeconds: Math.ceil((window.resetsAt - at) / 1000) };
      window.used++;
      const taken = window;
      return {
        taken: true,
        giveBack: () => {
          if (taken.used > 0) taken.used--;
        },
      };
    },
  };
}
