import type { AgencyRole } from '@switchboard/contracts';
import { forbidden } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';

const PRIVILEGED: readonly AgencyRole[] = ['owner', 'admin'];

/**
 * Supervisors manage agents and supervisors; only owners and admins touch owners and admins; and only an
 * owner changes an owner at all (role, password, deactivation), so an admin cannot become one by a reset.
 */
export function guardRoleChange(scope: Scope, target: { currentRole?: AgencyRole; nextRole?: AgencyRole }) {
  if (scope.kind !== 'agency') throw forbidden();
  if (target.currentRole === 'owner' && scope.role !== 'owner')
    throw forbidden('Only an owner can change an owner.', 'OWNER_ONLY');
  if (PRIVILEGED.includes(scope.role)) {
    if (target.nextRole === 'owner' && scope.role !== 'owner')
      throw forbidden('Only an owner can make an owner.', 'OWNER_ONLY');
    return;
  }
  const touchesPrivileged = [target.currentRole, target.nextRole].some((r) => r && PRIVILEGED.includes(r));
  if (touchesPrivileged) throw forbidden('Only owners and admins manage owners and admins.', 'PRIVILEGED_ONLY');
}
