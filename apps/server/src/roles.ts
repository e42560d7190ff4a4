/**
 * What one process does. `npm start` runs all of them; at scale, web nodes, job workers and SMTP
 * listeners run as separate processes on one PostgreSQL (`--role web`, `--role worker,smtp`, …).
 */
export const ROLES = ['web', 'worker', 'smtp'] as const;
export type Role = (typeof ROLES)[number];

export function parseRoles(argv: readonly string[]): Set<Role> {
  const values = argv.flatMap((arg, i) =>
    arg === '--role' ? [argv[i + 1] ?? ''] : arg.startsWith('--role=') ? [arg.slice('--role='.length)] : [],
  );
  if (values.length === 0) return new Set(ROLES);
  const roles = values.flatMap((v) => v.split(',')).map((r) => r.trim());
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0 || roles.length === 0) {
    throw new Error(`Unknown role ${unknown.join(', ') || '(empty)'}; use --role with ${ROLES.join(', ')}`);
  }
  return new Set(roles as Role[]);
}
