import type { Me } from '@switchboard/contracts';
import type { Scope } from '../platform/scope.js';

/** The signed-in person behind a request and what they may read. */
export type Principal = { me: Me; scope: Scope; via: 'session' | 'api-token' };
