import { describe, expect, it } from 'vitest';
import { type ClientReach, canReadClient, isEveryClient, managerReach, type Scope, systemReach } from './scope.js';

describe('the reach of a scope', () => {
  it('is every client only as issued: a manager’s or the system’s, never a string or a copy', () => {
    expect(isEveryClient(managerReach)).toBe(true);
    expect(isEveryClient(systemReach("the provider's status callback"))).toBe(true);
    expect(isEveryClient(['a', 'b'])).toBe(false);
    expect(isEveryClient([])).toBe(false);
    for (const forged of ['all', JSON.parse(JSON.stringify(managerReach)), { who: 'manager', why: 'x' }])
      expect(() => isEveryClient(forged as unknown as ClientReach)).toThrow(/names clients/);
  });

  it('lets an agent read only the clients they serve, a manager every one, a client user its own', () => {
    const agent: Scope = { kind: 'agency', userId: 'u1', role: 'agent', clientIds: ['north'] };
    const manager: Scope = { kind: 'agency', userId: 'u2', role: 'supervisor', clientIds: managerReach };
    const portal: Scope = { kind: 'client', userId: 'u3', clientId: 'south' };
    expect([canReadClient(agent, 'north'), canReadClient(agent, 'south')]).toEqual([true, false]);
    expect([canReadClient(manager, 'north'), canReadClient(manager, 'south')]).toEqual([true, true]);
    expect([canReadClient(portal, 'north'), canReadClient(portal, 'south')]).toEqual([false, true]);
  });
});
