/**
 * The desk sockets of this process, by the person signed in on them. A change of who may read what
 * (signing out, deactivation, the clients an agent serves, a role, a client switched off) tells their sockets,
 * which resolve their principal again before they forward another event. Other processes' sockets learn
 * it by their periodic re-check (see desk-gateway.ts).
 */
export type DeskAccess = {
  /** This person's access may have changed (they signed out, or a manager changed them). */
  changed: (principalId: string) => void;
  /** Anyone's may have: a client was switched off or on. */
  changedForEveryone: () => void;
  /** A socket joins with what re-checks it; returns its leaving. */
  join: (principalId: string, recheck: () => void) => () => void;
};

declare module 'fastify' {
  interface FastifyInstance {
    deskAccess: DeskAccess;
  }
}

export function createDeskAccess(): DeskAccess {
  const sockets = new Map<string, Set<() => void>>();
  return {
    changed: (principalId) => {
      for (const recheck of sockets.get(principalId) ?? []) recheck();
    },
    changedForEveryone: () => {
      for (const ofOne of sockets.values()) for (const recheck of ofOne) recheck();
    },
    join: (principalId, recheck) => {
      const ofOne = sockets.get(principalId) ?? new Set();
      ofOne.add(recheck);
      sockets.set(principalId, ofOne);
      return () => {
        ofOne.delete(recheck);
        if (ofOne.size === 0) sockets.delete(principalId);
      };
    },
  };
}
