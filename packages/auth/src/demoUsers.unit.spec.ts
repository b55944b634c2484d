import { describe, expect, it } from 'vitest';
import { demoUsers, findDemoUser } from './demoUsers.ts';
import { principalFromClaims } from './principal.ts';

describe('demoUsers', () => {
  it('has an officer and a supervisor per demo agency, an overseer and a supervisor per commission, and an admin', () => {
    const byAgency = (agencyId: string) =>
      demoUsers
        .filter((u) => u.agencyId === agencyId && !u.roles.includes('admin'))
        .flatMap((u) => u.roles)
        .sort();
    for (const agencyId of [
      'amr-650000',
      'amr-650100',
      'health-650000',
      'mi-650000',
      'police-650000',
      'police-650100',
    ]) {
      expect(byAgency(agencyId), agencyId).toEqual(['officer', 'supervisor']);
    }
    for (const agencyId of ['cdi-650000', 'cdi-650100']) {
      expect(byAgency(agencyId), agencyId).toEqual(['overseer', 'supervisor']);
    }
    expect(demoUsers.filter((u) => u.roles.includes('admin')).map((u) => u.userId)).toEqual(['u-admin']);
  });

  it('uses unique ids of the form u-{agency}-{role}', () => {
    expect(new Set(demoUsers.map((u) => u.userId)).size).toBe(demoUsers.length);
    for (const u of demoUsers.filter((d) => d.userId !== 'u-admin')) {
      expect(u.userId).toBe(`u-${u.agencyId}-${u.roles[0]}`);
    }
  });

  it('holds valid token claims for every user', () => {
    for (const u of demoUsers) {
      expect(
        principalFromClaims({ sub: u.userId, name: u.name, agency: u.agencyId, roles: u.roles }),
      ).toEqual({
        userId: u.userId,
        name: u.name,
        agencyId: u.agencyId,
        roles: u.roles,
      });
    }
  });

  it('finds a user by id', () => {
    expect(findDemoUser('u-amr-650100-officer')).toMatchObject({
      agencyId: 'amr-650100',
      roles: ['officer'],
    });
    expect(findDemoUser('u-cdi-650000-overseer')?.roles).toEqual(['overseer']);
    expect(findDemoUser('u-nobody')).toBeUndefined();
  });
});
