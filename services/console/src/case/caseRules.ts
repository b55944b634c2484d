/**
 * Which case commands the page offers: roles as the server's access rules say (packages/auth
 * caseCommandRoles, kept equal by a unit test), statuses as the case decider accepts them. The
 * owning agency's staff only; proposeTransfer is the sender's first transfer step.
 */
export const caseCommandRules = {
  fileCase: { roles: ['supervisor'], statuses: ['CLUE_REGISTERED'] },
  decideNotToFile: { roles: ['supervisor'], statuses: ['CLUE_REGISTERED'] },
  recordEvidence: { roles: ['officer', 'supervisor'], statuses: ['CLUE_REGISTERED', 'FILED', 'TRANSFERRED'] },
  decidePenalty: { roles: ['supervisor'], statuses: ['FILED', 'TRANSFERRED'] },
  closeCase: { roles: ['officer', 'supervisor'], statuses: ['PENALTY_DECIDED', 'NOT_FILED', 'TRANSFERRED'] },
  // A transfer may follow at any stage (a CRIMINAL one even after closing: 以罚代刑 cured late).
  proposeTransfer: {
    roles: ['officer', 'supervisor'],
    statuses: ['CLUE_REGISTERED', 'FILED', 'NOT_FILED', 'PENALTY_DECIDED', 'TRANSFERRED', 'CLOSED'],
  },
} as const satisfies Record<string, { roles: readonly string[]; statuses: readonly string[] }>;

export type CaseCommand = keyof typeof caseCommandRules;

export const availableCaseCommands = (
  caseFacts: { status: string; agency: { id: string } },
  caller: { agencyId: string; roles: readonly string[] },
): CaseCommand[] =>
  caseFacts.agency.id !== caller.agencyId
    ? []
    : (Object.entries(caseCommandRules) as Array<[CaseCommand, { roles: readonly string[]; statuses: readonly string[] }]>)
        .filter(([, rule]) => rule.roles.some((role) => caller.roles.includes(role)) && rule.statuses.includes(caseFacts.status))
        .map(([command]) => command);

/** The agency kind a transfer of each kind goes to (行刑 → 公安, 行纪 → 纪委监委; 行行 → another administrative agency). */
export const receiverKindsOf: Readonly<Record<string, readonly string[]>> = {
  CRIMINAL: ['POLICE'],
  DISCIPLINARY: ['DISCIPLINE_INSPECTION'],
  ADMINISTRATIVE: ['MARKET_REGULATION', 'HEALTH', 'MEDICAL_INSURANCE'],
  REVERSE: ['MARKET_REGULATION', 'HEALTH', 'MEDICAL_INSURANCE'],
};

/**
 * The materials of each kind that go only where the case has them (有关: Decree art. 6); a proposal
 * without one gives the reason (the policies' WHERE_EXISTS materials; a unit test keeps them equal).
 */
export const conditionalMaterialsByKind: Readonly<Record<string, readonly string[]>> = {
  CRIMINAL: ['SEIZED_ITEMS_LIST', 'TEST_REPORT'],
  DISCIPLINARY: [],
  ADMINISTRATIVE: [],
  REVERSE: [],
};

/** The kinds whose proposal may declare seized property, and how many officers their 专案组 needs (the policies'). */
export const seizedPropertyKinds: readonly string[] = ['CRIMINAL'];
export const caseTeamMinByKind: Readonly<Record<string, number>> = { CRIMINAL: 2, DISCIPLINARY: 0, ADMINISTRATIVE: 0, REVERSE: 0 };

/** The materials a transfer of each kind must carry (the policies' requiredMaterials; a unit test keeps them equal). */
export const requiredMaterialsByKind: Readonly<Record<string, readonly string[]>> = {
  CRIMINAL: ['TRANSFER_LETTER', 'INVESTIGATION_REPORT', 'SEIZED_ITEMS_LIST', 'TEST_REPORT'],
  DISCIPLINARY: ['CLUE_REPORT', 'TRANSFER_LETTER'],
  ADMINISTRATIVE: ['TRANSFER_LETTER', 'INVESTIGATION_REPORT'],
  REVERSE: ['TRANSFER_LETTER', 'INVESTIGATION_REPORT'],
};
