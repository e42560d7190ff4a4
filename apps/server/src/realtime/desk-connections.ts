/**
 * Which agency users have a desk socket open in this process. The phone offers calls only to agents
 * whose desk can pop the call up; the routing slice's presence replaces this when it exists.
 */
export type DeskConnections = {
  add(userId: string): () => void;
  isConnected(userId: string): boolean;
};

export function createDeskConnections(): DeskConnections {
  const open = new Map<string, number>();
  return {
    add(userId) {
      open.set(userId, (open.get(userId) ?? 0) + 1);
      let removed = false;
      return () => {
        if (removed) return;
        removed = true;
        const left = (open.get(userId) ?? 1) - 1;
        if (left <= 0) open.delete(userId);
        else open.set(userId, left);
      };
    },
    isConnected: (userId) => open.has(userId),
  };
}
