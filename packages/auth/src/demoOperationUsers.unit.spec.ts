import { describe, expect, it } from 'vitest';
import { demoOperationUsers, demoUsers, findDemoUser } from './demoUsers.ts';
import { principalFromClaims } from './principal.ts';

describe('demoOperationUsers (the demo operation’s office and group accounts)', () => {
  it('adds staff accounts with ids of their own, found by findDemoUser', () => {
    const ids = [...demoUsers, ...demoOperationUsers].map((u) => u.userId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const u of demoOperationUsers) {
      expect(u.userId).toMatch(new RegExp(`^u-${u.agencyId}-[a-z0-9-]+$`));
      expect(u.roles.every((r) => r === 'officer' || r === 'supervisor'), u.userId).toBe(true);
      expect(findDemoUser(u.userId)).toBe(u);
      expect(principalFromClaims({ sub: u.userId, name: u.name, agency: u.agencyId, roles: u.roles })).toEqual({
        userId: u.userId,
        name: u.name,
        agencyId: u.agencyId,
        roles: u.roles,
      });
    }
  });
});
