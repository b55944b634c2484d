import { caseCommandRoles, transferCommandRoles } from '@xianjie/auth';
import { transferPolicies } from '@xianjie/contracts';
import { describe, expect, it } from 'vitest';
import { availableCaseCommands, caseCommandRules, caseTeamMinByKind, conditionalMaterialsByKind, requiredMaterialsByKind, seizedPropertyKinds } from './caseRules.ts';

describe('case command rules', () => {
  it('give each case command the roles the server allows', () => {
    for (const [command, roles] of Object.entries(caseCommandRoles)) {
      if (command === 'registerCase') continue; // offered on the list, not on a case
      expect([...caseCommandRules[command as keyof typeof caseCommandRules].roles].sort(), command).toEqual([...roles].sort());
    }
    expect([...caseCommandRules.proposeTransfer.roles].sort()).toEqual([...transferCommandRoles.proposeTransfer.roles].sort());
  });

  it('offer a clue’s filing decision to the owning head only', () => {
    const clue = { status: 'CLUE_REGISTERED', agency: { id: 'amr-650100' } };
    expect(availableCaseCommands(clue, { agencyId: 'amr-650100', roles: ['supervisor'] })).toEqual([
      'fileCase',
      'decideNotToFile',
      'recordEvidence',
      'proposeTransfer',
    ]);
    expect(availableCaseCommands(clue, { agencyId: 'amr-650100', roles: ['officer'] })).toEqual(['recordEvidence', 'proposeTransfer']);
    expect(availableCaseCommands(clue, { agencyId: 'police-650100', roles: ['supervisor'] })).toEqual([]);
    expect(availableCaseCommands(clue, { agencyId: 'amr-650100', roles: ['overseer'] })).toEqual([]);
  });

  it('close a case only after its decision', () => {
    const decided = { status: 'PENALTY_DECIDED', agency: { id: 'a' } };
    expect(availableCaseCommands(decided, { agencyId: 'a', roles: ['officer'] })).toEqual(['closeCase', 'proposeTransfer']);
  });
});

describe('required materials', () => {
  it('are the transfer policies’ for every kind', () => {
    const fromPolicies = Object.fromEntries(
      Object.entries(transferPolicies).map(([kind, policy]) => [kind, policy.requiredMaterials.map((m) => m.kind)]),
    );
    expect(requiredMaterialsByKind).toEqual(fromPolicies);
  });

  it('are conditional (有关), declare seized property and need a 专案组 as the policies say', () => {
    const entries = Object.entries(transferPolicies);
    expect(conditionalMaterialsByKind).toEqual(
      Object.fromEntries(entries.map(([kind, policy]) => [kind, policy.requiredMaterials.filter((m) => m.condition === 'WHERE_EXISTS').map((m) => m.kind)])),
    );
    expect(seizedPropertyKinds).toEqual(entries.filter(([, policy]) => policy.seizedProperty !== null).map(([kind]) => kind));
    expect(caseTeamMinByKind).toEqual(Object.fromEntries(entries.map(([kind, policy]) => [kind, policy.approval.caseTeamMin])));
  });
});
