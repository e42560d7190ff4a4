import { describe, expect, it } from 'vitest';
import { parseRoles } from './roles.js';

describe('process roles', () => {
  it('runs everything by default', () => {
    expect([...parseRoles([])]).toEqual(['web', 'worker', 'smtp']);
  });

  it('takes --role lists in either spelling', () => {
    expect([...parseRoles(['--role', 'web'])]).toEqual(['web']);
    expect([...parseRoles(['--role=worker,smtp'])]).toEqual(['worker', 'smtp']);
  });

  it('refuses an unknown role rather than silently doing nothing', () => {
    expect(() => parseRoles(['--role', 'mailer'])).toThrow(/Unknown role mailer/);
  });
});
