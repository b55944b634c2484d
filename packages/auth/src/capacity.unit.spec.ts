import { describe, expect, it } from 'vitest';
import { demoStaff, demoUsers } from './demoUsers.ts';
import { mintDevToken } from './devTokens.ts';
import { principalFromClaims } from './principal.ts';
import { createTokenVerifier } from './tokenVerifier.ts';

/** The head (正职负责人) and acting head (主持工作的负责人) as the identity data says (Decree art. 5). */
describe('capacity: HEAD and ACTING_HEAD from the token', () => {
  const secret = 'a-test-secret-of-at-least-32-bytes!!';

  it('reads the optional claim and refuses an unknown capacity, naming the claim', () => {
    const claims = { sub: 'u-1', name: '周启航', agency: 'amr-650100', roles: ['supervisor'] };
    expect(principalFromClaims({ ...claims, capacity: 'HEAD' }).capacity).toBe('HEAD');
    expect(principalFromClaims(claims)).not.toHaveProperty('capacity');
    expect(() => principalFromClaims({ ...claims, capacity: 'DEPUTY' })).toThrow(/claim "capacity" "DEPUTY" is not a capacity \(one of HEAD, ACTING_HEAD\)/);
  });

  it('a minted token carries it through the verifier', async () => {
    const verifier = createTokenVerifier({ mode: 'dev', secret });
    const token = await mintDevToken({ secret, userId: 'u-1', name: '哈斯也提', agencyId: 'mi-650100', roles: ['supervisor'], capacity: 'ACTING_HEAD' });
    expect((await verifier.verify(token)).capacity).toBe('ACTING_HEAD');
  });

  it('the demo has heads, an acting head and deputies without a capacity', () => {
    const capacities = demoUsers.filter((u) => u.capacity).map((u) => `${u.agencyId}:${u.capacity}`);
    expect(capacities).toContain('amr-650100:HEAD');
    expect(capacities).toContain('mi-650100:ACTING_HEAD');
    expect(demoUsers.filter((u) => u.capacity).every((u) => u.roles.includes('supervisor'))).toBe(true);
    const deputies = demoStaff.filter((u) => u.roles.includes('supervisor'));
    expect(deputies.length).toBeGreaterThan(0);
    expect(deputies.every((u) => u.capacity === undefined)).toBe(true);
  });
});
