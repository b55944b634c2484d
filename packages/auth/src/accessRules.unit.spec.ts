import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '@xianjie/contracts/errors';
import {
  assertAllowed,
  caseCommandRoles,
  createAccessRules,
  transferCommandRoles,
  operationCommandRoles,
  supervisionCommandRoles,
  type OperationCommandName,
  type SupervisionCommandName,
  type TransferCommand,
  type AccessDecision,
  type CaseCommand,
} from './accessRules.ts';
import type { AgencyKind, AgencyRef } from './agencyRef.ts';
import type { Principal, Role } from './principal.ts';

// A test directory: province 650000 (新疆), its city 650100 (乌鲁木齐) with a county-level district
// 650102 (天山区), a sibling city 650200 (克拉玛依), and another province 110000.
const agency = (id: string, kind: AgencyKind): AgencyRef => ({
  id,
  kind,
  regionCode: id.split('-')[1] as string,
});
const directory = new Map(
  [
    agency('amr-650000', 'MARKET_REGULATION'),
    agency('amr-650100', 'MARKET_REGULATION'),
    agency('amr-650102', 'MARKET_REGULATION'),
    agency('amr-650200', 'MARKET_REGULATION'),
    agency('amr-110000', 'MARKET_REGULATION'),
    agency('health-650000', 'HEALTH'),
    agency('police-650000', 'POLICE'),
    agency('police-650100', 'POLICE'),
    agency('cdi-650000', 'DISCIPLINE_INSPECTION'),
    agency('cdi-650100', 'DISCIPLINE_INSPECTION'),
    agency('procuratorate-650000', 'PROCURATORATE'),
    agency('procuratorate-650100', 'PROCURATORATE'),
    agency('procuratorate-650200', 'PROCURATORATE'),
  ].map((a) => [a.id, a]),
);
const rules = createAccessRules((id) => directory.get(id));

const who = (agencyId: string, ...roles: Role[]): Principal => ({
  userId: `u-${agencyId}-${roles.join('-')}`,
  name: '测试用户',
  agencyId,
  roles,
});

const officer = who('amr-650100', 'officer');
const supervisor = who('amr-650100', 'supervisor');
const provinceOfficer = who('amr-650000', 'officer');
const cityOverseer = who('cdi-650100', 'overseer');
const provinceOverseer = who('cdi-650000', 'overseer');
const commissionSupervisor = who('cdi-650000', 'supervisor');
const policeWithOverseerRole = who('police-650000', 'overseer');
const strayOverseer = who('cdi-999999', 'overseer'); // agency not in the directory
const admin = who('amr-650000', 'admin');

/** `true` = allowed; a RegExp = denied with a reason matching it. */
type Expected = true | RegExp;
type Row = [label: string, decide: () => AccessDecision, expected: Expected];

const checkMatrix = (rows: Row[]) =>
  it.each(rows)('%s', (_label, decide, expected) => {
    const decision = decide();
    if (expected === true) {
      expect(decision).toEqual({ allowed: true });
    } else {
      expect(decision.allowed).toBe(false);
      expect(decision.allowed ? '' : decision.reason).toMatch(expected);
    }
  });

const agencyOnly = /visible to that agency and to overseers of its region only/;
const outside = /oversees region \d{6} and below; .* (is|are) outside it/;
const notCommission = /overseer role counts only in a discipline inspection agency/;

describe('canReadCase', () => {
  const read = (p: Principal, agencyId: string) => () => rules.canReadCase(p, { agencyId });
  checkMatrix([
    ['officer · own agency', read(officer, 'amr-650100'), true],
    ['officer · other agency, same region', read(officer, 'police-650100'), agencyOnly],
    ['officer · same kind, parent region', read(officer, 'amr-650000'), agencyOnly],
    ['officer · same kind, child region', read(officer, 'amr-650102'), agencyOnly],
    ['officer · other region', read(officer, 'amr-110000'), agencyOnly],
    ['province officer · child region', read(provinceOfficer, 'amr-650100'), agencyOnly],
    ['supervisor · own agency', read(supervisor, 'amr-650100'), true],
    ['supervisor · other agency', read(supervisor, 'health-650000'), agencyOnly],
    ['supervisor · child region', read(supervisor, 'amr-650102'), agencyOnly],
    ['city overseer · own commission', read(cityOverseer, 'cdi-650100'), true],
    ['city overseer · agency of its region', read(cityOverseer, 'amr-650100'), true],
    ['city overseer · police of its region', read(cityOverseer, 'police-650100'), true],
    ['city overseer · child region', read(cityOverseer, 'amr-650102'), true],
    ['city overseer · parent region', read(cityOverseer, 'amr-650000'), outside],
    ['city overseer · sibling city', read(cityOverseer, 'amr-650200'), outside],
    ['city overseer · other province', read(cityOverseer, 'amr-110000'), outside],
    ['city overseer · agency not in directory', read(cityOverseer, 'amr-999999'), /not in the directory/],
    ['province overseer · own region', read(provinceOverseer, 'health-650000'), true],
    ['province overseer · child region', read(provinceOverseer, 'amr-650100'), true],
    ['province overseer · grandchild region', read(provinceOverseer, 'amr-650102'), true],
    ['province overseer · other city', read(provinceOverseer, 'amr-650200'), true],
    ['province overseer · other province', read(provinceOverseer, 'amr-110000'), outside],
    [
      'commission supervisor (no overseer role) · region',
      read(commissionSupervisor, 'amr-650100'),
      agencyOnly,
    ],
    ['overseer role outside a commission', read(policeWithOverseerRole, 'amr-650100'), notCommission],
    [
      'overseer of an unknown agency',
      read(strayOverseer, 'amr-650100'),
      /"cdi-999999" is not in the directory/,
    ],
    ['admin · own agency', read(admin, 'amr-650000'), true],
    ['admin · other agency', read(admin, 'police-650100'), true],
    ['admin · other province', read(admin, 'amr-110000'), true],
  ]);
});

describe('canRunCaseCommand', () => {
  // Expected independently of `caseCommandRoles`: which commands an officer of the owning agency may run.
  const officerMay: Record<CaseCommand, boolean> = {
    registerCase: true,
    recordEvidence: true,
    closeCase: true,
    fileCase: false,
    decideNotToFile: false,
    decidePenalty: false,
  };
  const commands = Object.keys(officerMay) as CaseCommand[];

  it('the table covers exactly the case commands', () => {
    expect(Object.keys(caseCommandRoles).sort()).toEqual([...commands].sort());
  });

  const run = (p: Principal, command: CaseCommand, agencyId: string) => () =>
    rules.canRunCaseCommand(p, command, { agencyId });
  const notOwner = (agencyId: string) => new RegExp(`only ${agencyId} runs commands on its own cases`);

  checkMatrix(
    commands.flatMap((command): Row[] => [
      [
        `${command} · officer · own agency`,
        run(officer, command, 'amr-650100'),
        officerMay[command] ? true : new RegExp(`${command} needs the role supervisor \\(负责人审批`),
      ],
      [`${command} · supervisor · own agency`, run(supervisor, command, 'amr-650100'), true],
      [
        `${command} · officer · other agency`,
        run(officer, command, 'police-650100'),
        notOwner('police-650100'),
      ],
      [
        `${command} · supervisor · parent region`,
        run(supervisor, command, 'amr-650000'),
        notOwner('amr-650000'),
      ],
      [
        `${command} · supervisor · child region`,
        run(supervisor, command, 'amr-650102'),
        notOwner('amr-650102'),
      ],
      [
        `${command} · supervisor · other region`,
        run(supervisor, command, 'amr-110000'),
        notOwner('amr-110000'),
      ],
      [
        `${command} · overseer · agency in its region`,
        run(provinceOverseer, command, 'amr-650100'),
        notOwner('amr-650100'),
      ],
      [
        `${command} · overseer · own commission`,
        run(provinceOverseer, command, 'cdi-650000'),
        /needs the role/,
      ],
      [`${command} · admin · other agency`, run(admin, command, 'amr-650100'), notOwner('amr-650100')],
      [
        `${command} · admin · own agency (no officer role)`,
        run(admin, command, 'amr-650000'),
        /needs the role/,
      ],
    ]),
  );

  it('refuses a command outside the table', () => {
    const decision = rules.canRunCaseCommand(supervisor, 'deleteCase' as CaseCommand, {
      agencyId: 'amr-650100',
    });
    expect(decision).toEqual({ allowed: false, reason: 'unknown case command "deleteCase"' });
  });
});

describe('canRunTransferCommand', () => {
  // 行刑衔接: 乌鲁木齐市市场监管局 → 乌鲁木齐市公安局.
  const facts = { fromAgencyId: 'amr-650100', toAgencyId: 'police-650100' };
  const policeOfficer = who('police-650100', 'officer');
  const policeHead = who('police-650100', 'supervisor');
  const run = (p: Principal, command: TransferCommand) => () =>
    rules.canRunTransferCommand(p, command, facts);
  const headOnly = /needs the role supervisor \(负责人审批/;

  checkMatrix([
    ['the case team proposes', run(officer, 'proposeTransfer'), true],
    ['the head approves (sends)', run(supervisor, 'approveTransfer'), true],
    ['an officer cannot approve', run(officer, 'approveTransfer'), headOnly],
    ['an officer cannot refuse', run(officer, 'refuseTransfer'), headOnly],
    ['the head requests reconsideration', run(supervisor, 'requestReconsideration'), true],
    ['an officer hands over seized items', run(officer, 'handOverMaterials'), true],
    [
      'the police cannot run the sender’s steps',
      run(policeHead, 'approveTransfer'),
      /approveTransfer is the sender's step: only amr-650100/,
    ],
    ['police sign the receipt', run(policeOfficer, 'receiveTransfer'), true],
    ['police ask for supplements', run(policeOfficer, 'requestSupplement'), true],
    ['the police head accepts (立案)', run(policeHead, 'acceptTransfer'), true],
    ['a police officer cannot decline alone', run(policeOfficer, 'declineTransfer'), headOnly],
    [
      'the sender cannot accept its own transfer',
      run(supervisor, 'acceptTransfer'),
      /acceptTransfer is the receiver's step: only police-650100/,
    ],
    [
      'another city’s police cannot receive it',
      run(who('police-650000', 'supervisor'), 'receiveTransfer'),
      /only police-650100/,
    ],
    [
      'an overseer runs no transfer step',
      run(provinceOverseer, 'decideReconsideration'),
      /only police-650100/,
    ],
    ['an admin runs no transfer step', run(admin, 'proposeTransfer'), /only amr-650100/],
    [
      'a police officer records the procuratorate’s inquiry',
      run(policeOfficer, 'recordProcuratorateInquiry'),
      true,
    ],
    [
      'the police head records the procuratorate’s inquiry',
      run(policeHead, 'recordProcuratorateInquiry'),
      true,
    ],
    ['the police head explains why no case was filed', run(policeHead, 'explainNonFiling'), true],
    ['a police officer cannot explain alone', run(policeOfficer, 'explainNonFiling'), headOnly],
    ['a police officer records the filing order', run(policeOfficer, 'recordProcuratorateFilingOrder'), true],
    [
      'the sender cannot record the procuratorate’s notices',
      run(supervisor, 'recordProcuratorateInquiry'),
      /recordProcuratorateInquiry is the receiver's step: only police-650100/,
    ],
    [
      'the sender cannot explain for the police',
      run(supervisor, 'explainNonFiling'),
      /explainNonFiling is the receiver's step: only police-650100/,
    ],
    [
      'an overseer records no filing order',
      run(provinceOverseer, 'recordProcuratorateFilingOrder'),
      /only police-650100/,
    ],
    [
      'an unknown command is refused',
      run(supervisor, 'sendEverything' as TransferCommand),
      /unknown transfer command "sendEverything"/,
    ],
  ]);

  it('names a side and roles for every command', () => {
    for (const [command, rule] of Object.entries(transferCommandRoles)) {
      expect(['sender', 'receiver'], command).toContain(rule.side);
      expect(rule.roles.length, command).toBeGreaterThan(0);
    }
  });
});

describe('canReadAuditTrail', () => {
  const read = (p: Principal, ownerAgencyId: string, partyAgencyIds?: string[]) => () =>
    rules.canReadAuditTrail(p, { ownerAgencyId, partyAgencyIds });
  const ownerOnly = /visible to its owner, the parties and overseers of their region only/;
  checkMatrix([
    ['officer · own stream', read(officer, 'amr-650100'), true],
    [
      'officer · party of the transfer',
      read(who('police-650100', 'officer'), 'amr-650100', ['police-650100']),
      true,
    ],
    ['officer · other agency', read(officer, 'health-650000'), ownerOnly],
    ['officer · child region', read(officer, 'amr-650102'), ownerOnly],
    ['supervisor · own stream', read(supervisor, 'amr-650100', ['police-650100']), true],
    ['supervisor · other region', read(supervisor, 'amr-110000'), ownerOnly],
    ['city overseer · owner in region', read(cityOverseer, 'amr-650100'), true],
    ['city overseer · owner in child region', read(cityOverseer, 'amr-650102'), true],
    ['city overseer · only a party in region', read(cityOverseer, 'amr-650000', ['police-650100']), true],
    ['city overseer · parent region', read(cityOverseer, 'amr-650000', ['police-650000']), outside],
    ['city overseer · other province', read(cityOverseer, 'amr-110000'), outside],
    ['province overseer · region and below', read(provinceOverseer, 'amr-650102'), true],
    ['province overseer · other province', read(provinceOverseer, 'amr-110000'), outside],
    ['commission supervisor (no overseer role)', read(commissionSupervisor, 'amr-650100'), ownerOnly],
    ['overseer role outside a commission', read(policeWithOverseerRole, 'amr-650100'), notCommission],
    ['admin · any stream', read(admin, 'amr-110000'), true],
  ]);
});

describe('canReadOversight', () => {
  const read = (p: Principal) => () => rules.canReadOversight(p);
  checkMatrix([
    ['province overseer', read(provinceOverseer), true],
    ['city overseer', read(cityOverseer), true],
    ['commission supervisor (no overseer role)', read(commissionSupervisor), /lacks the overseer role/],
    ['officer', read(officer), /oversight views are for overseers/],
    ['supervisor', read(supervisor), /lacks the overseer role/],
    ['overseer role outside a commission', read(policeWithOverseerRole), notCommission],
    ['overseer of an unknown agency', read(strayOverseer), /not in the directory/],
    ['admin', read(admin), true],
  ]);
});

describe('canReadTransfer and canOverseeTransfer', () => {
  const between = { fromAgencyId: 'amr-650100', toAgencyId: 'police-650100' };
  const crossRegion = { fromAgencyId: 'amr-650000', toAgencyId: 'police-650100' };
  const provincial = { fromAgencyId: 'amr-650000', toAgencyId: 'police-650000' };
  const read =
    (p: Principal, facts = between) =>
    () =>
      rules.canReadTransfer(p, facts);
  const oversee =
    (p: Principal, facts = between) =>
    () =>
      rules.canOverseeTransfer(p, facts);
  const partiesOnly = /visible to the sender and receiver only/;
  checkMatrix([
    ['read · sender officer', read(officer), true],
    ['read · sender supervisor', read(supervisor), true],
    ['read · receiver officer', read(who('police-650100', 'officer')), true],
    ['read · receiver supervisor', read(who('police-650100', 'supervisor')), true],
    ['read · same-kind agency in parent region', read(provinceOfficer), partiesOnly],
    ['read · police of parent region', read(who('police-650000', 'supervisor')), partiesOnly],
    ['read · other agency', read(who('health-650000', 'officer')), partiesOnly],
    [
      'read · overseer in region (uses the oversight view)',
      read(cityOverseer),
      /overseers use the oversight view/,
    ],
    ['read · admin', read(admin), partiesOnly],
    ['oversee · city overseer, both sides in region', oversee(cityOverseer), true],
    ['oversee · city overseer, receiver in region', oversee(cityOverseer, crossRegion), true],
    ['oversee · city overseer, neither side in region', oversee(cityOverseer, provincial), outside],
    ['oversee · province overseer, child regions', oversee(provinceOverseer), true],
    [
      'oversee · province overseer, other province',
      oversee(provinceOverseer, { fromAgencyId: 'amr-110000', toAgencyId: 'amr-110000' }),
      outside,
    ],
    ['oversee · sender officer', oversee(officer), /overseen by overseers of either side's region only/],
    ['oversee · commission supervisor', oversee(commissionSupervisor), /overseen by overseers/],
    ['oversee · overseer role outside a commission', oversee(policeWithOverseerRole), notCommission],
    ['oversee · admin', oversee(admin, provincial), true],
  ]);
});

describe('joint operations (专项整治)', () => {
  // Led by the region's market regulation (amr-650000) with health (health-650000); the office and
  // two inspection groups are people with platform accounts.
  const operation = {
    leadAgencyId: 'amr-650000',
    participantAgencyIds: ['amr-650000', 'health-650000'],
    officeUserIds: ['u-office'],
    resultRecipientAgencyId: 'cdi-650000',
  };
  const group1 = {
    memberUserIds: ['u-g1-leader', 'u-g1-deputy', 'u-g1-member'],
    leaderUserIds: ['u-g1-leader', 'u-g1-deputy'],
    unannounced: true,
  };
  const person = (userId: string, agencyId: string, ...roles: Role[]): Principal => ({
    userId,
    name: '测试用户',
    agencyId,
    roles,
  });
  const leadHead = who('amr-650000', 'supervisor');
  const leadOfficer = provinceOfficer;
  const officeStaff = person('u-office', 'amr-650000', 'officer');
  const g1Leader = person('u-g1-leader', 'amr-650000', 'officer');
  const g1Member = person('u-g1-member', 'health-650000', 'officer');
  const g2Member = person('u-g2-member', 'amr-650000', 'officer');
  const healthHead = who('health-650000', 'supervisor');
  const g1MemberWithoutRole = person('u-g1-member', 'health-650000', 'overseer');

  describe('canReadOperation', () => {
    const read = (p: Principal) => () => rules.canReadOperation(p, operation);
    const participantsOnly = /visible to its participating agencies and to overseers of their region only/;
    checkMatrix([
      ['lead agency officer', read(leadOfficer), true],
      ['participant agency supervisor', read(healthHead), true],
      ['city agency of the same kind (not a participant)', read(officer), participantsOnly],
      ['police (not a participant)', read(who('police-650000', 'supervisor')), participantsOnly],
      ['province overseer', read(provinceOverseer), true],
      ['city overseer (lead agency above its region)', read(cityOverseer), outside],
      ['admin', read(admin), true],
    ]);
  });

  describe('canReadOperationReport (the commission’s supervisors too)', () => {
    const read = (p: Principal) => () => rules.canReadOperationReport(p, operation);
    checkMatrix([
      ['a participant’s officer', read(leadOfficer), true],
      ['province overseer', read(provinceOverseer), true],
      ['province commission supervisor (not an overseer)', read(commissionSupervisor), true],
      [
        'city commission supervisor (the operation is above its region)',
        read(who('cdi-650100', 'supervisor')),
        outside,
      ],
      ['a commission officer', read(who('cdi-650000', 'officer')), /lacks the role supervisor/],
      [
        'a supervisor outside a commission (not a participant)',
        read(who('police-650000', 'supervisor')),
        /is for the discipline inspection commission/,
      ],
      ['admin', read(admin), true],
    ]);
    it('reading the report is not reading the operation', () => {
      expect(rules.canReadOperation(commissionSupervisor, operation).allowed).toBe(false);
    });
  });

  describe('canReadInspectionPlan (四不两直)', () => {
    const plan =
      (p: Principal, group = group1, inspected = false) =>
      () =>
        rules.canReadInspectionPlan(p, { ...operation, group, inspected });
    const unannounced =
      /四不两直: the targets and schedule of an unannounced inspection group are visible to its members and the operation office only until inspected/;
    const announced = { ...group1, unannounced: false };
    checkMatrix([
      ['unannounced · the group’s leader', plan(g1Leader), true],
      ['unannounced · the group’s member of another agency', plan(g1Member), true],
      ['unannounced · the office', plan(officeStaff), true],
      ['unannounced · another group’s member', plan(g2Member), unannounced],
      ['unannounced · the lead agency’s head (not office)', plan(leadHead), unannounced],
      ['unannounced · a participant agency’s head', plan(healthHead), unannounced],
      ['unannounced · province overseer', plan(provinceOverseer), unannounced],
      ['unannounced · admin', plan(admin), unannounced],
      ['unannounced · a member’s account without a staff role', plan(g1MemberWithoutRole), unannounced],
      ['unannounced, inspected · another group’s member', plan(g2Member, group1, true), true],
      ['unannounced, inspected · province overseer', plan(provinceOverseer, group1, true), true],
      [
        'unannounced, inspected · non-participant',
        plan(officer, group1, true),
        /visible to its participating agencies/,
      ],
      ['announced · another group’s member', plan(g2Member, announced), true],
      ['announced · the lead agency’s head', plan(leadHead, announced), true],
      [
        'announced · non-participant',
        plan(who('police-650000', 'officer'), announced),
        /visible to its participating agencies/,
      ],
    ]);
  });

  describe('canRunOperationCommand', () => {
    const run =
      (p: Principal, command: OperationCommandName, group = true) =>
      () =>
        rules.canRunOperationCommand(p, command, { ...operation, ...(group ? { group: group1 } : {}) });
    // Expected independently of the table: who may run what.
    type Who =
      | 'leadHead'
      | 'leadOfficer'
      | 'office'
      | 'g1Leader'
      | 'g1Member'
      | 'g2Member'
      | 'healthHead'
      | 'cdiOverseer'
      | 'cdiHead'
      | 'cityCdiHead';
    const expected: Record<OperationCommandName, Partial<Record<Who, true>>> = {
      planOperation: { leadHead: true },
      formInspectionGroup: { leadHead: true, office: true },
      assignTargets: { leadHead: true, office: true },
      launchOperation: { leadHead: true },
      recordInspection: { g1Leader: true, g1Member: true },
      registerProblem: { g1Leader: true, g1Member: true },
      reportRectification: { g1Leader: true, g1Member: true },
      verifyRectification: { g1Leader: true },
      scheduleFollowUp: { g1Leader: true, office: true },
      recordSelfInspection: { office: true },
      acknowledgeOperationReport: { cdiOverseer: true, cdiHead: true },
      evaluateOperationReport: { cdiHead: true },
      reportResult: { leadHead: true },
      closeOperation: { leadHead: true },
    };
    const principals = {
      leadHead,
      leadOfficer,
      office: officeStaff,
      g1Leader,
      g1Member,
      g2Member,
      healthHead,
      cdiOverseer: provinceOverseer,
      cdiHead: commissionSupervisor,
      // a commission's head, not the one the result is reported to
      cityCdiHead: who('cdi-650100', 'supervisor'),
    };

    it('the table covers exactly the operation commands', () => {
      expect(Object.keys(operationCommandRoles).sort()).toEqual(Object.keys(expected).sort());
    });

    checkMatrix(
      (Object.keys(expected) as OperationCommandName[]).flatMap((command) =>
        Object.entries(principals).map(([name, p]): Row => [
          `${command} · ${name}`,
          run(p, command),
          expected[command][name as Who]
            ? true
            : new RegExp(`^${command} is for .*; ${p.userId} is not one$`),
        ]),
      ),
    );

    checkMatrix([
      [
        'a group command without the group’s facts',
        run(g1Leader, 'recordInspection', false),
        /recordInspection is for the inspection group's members/,
      ],
      ['a member’s account without a staff role', run(g1MemberWithoutRole, 'recordInspection'), /is not one/],
      [
        'an overseer plans nothing',
        run(provinceOverseer, 'planOperation'),
        /a supervisor of the lead agency/,
      ],
      ['an admin runs no step', run(admin, 'reportResult'), /not one/],
      [
        'an unknown command',
        run(leadHead, 'cancelEverything' as OperationCommandName),
        /unknown operation command "cancelEverything"/,
      ],
    ]);
  });
});

describe('挂牌督办 (listed supervision)', () => {
  const citySupervisor = who('cdi-650100', 'supervisor');
  const cityCommissionOfficer = who('cdi-650100', 'officer');
  const strayCommissionSupervisor = who('cdi-999999', 'supervisor');
  const notHead = /is for the head of a discipline inspection commission \(纪委监委负责人\)/;

  describe('canRunSupervisionCommand', () => {
    const run =
      (p: Principal, command: SupervisionCommandName, agencyId?: string, supervisingAgencyId?: string) =>
      () =>
        rules.canRunSupervisionCommand(
          p,
          command,
          agencyId === undefined
            ? undefined
            : { agencyId, ...(supervisingAgencyId ? { supervisingAgencyId } : {}) },
        );

    it('the table covers exactly the supervision commands, each for the head', () => {
      expect(supervisionCommandRoles).toEqual({
        superviseCase: ['supervisor'],
        liftCaseSupervision: ['supervisor'],
      });
    });

    checkMatrix([
      // who, before any fact of the case is known
      ['supervise · city commission supervisor, no facts yet', run(citySupervisor, 'superviseCase'), true],
      [
        'supervise · province commission supervisor, no facts yet',
        run(commissionSupervisor, 'superviseCase'),
        true,
      ],
      [
        'supervise · city overseer (no supervisor role)',
        run(cityOverseer, 'superviseCase'),
        /lacks the role supervisor/,
      ],
      [
        'supervise · commission officer',
        run(cityCommissionOfficer, 'superviseCase'),
        /lacks the role supervisor/,
      ],
      [
        'supervise · agency supervisor (not a commission)',
        run(supervisor, 'superviseCase', 'amr-650100'),
        /amr-650100 is MARKET_REGULATION/,
      ],
      ['supervise · agency officer', run(officer, 'superviseCase'), notHead],
      [
        'supervise · police with the overseer role',
        run(policeWithOverseerRole, 'superviseCase'),
        /police-650000 is POLICE/,
      ],
      ['supervise · admin decides nothing', run(admin, 'superviseCase'), notHead],
      [
        'supervise · supervisor of an unknown agency',
        run(strayCommissionSupervisor, 'superviseCase'),
        /"cdi-999999" is not in the directory/,
      ],
      // where: the case's agency in the commission's region and below
      [
        'supervise · city commission, case of its city',
        run(citySupervisor, 'superviseCase', 'amr-650100'),
        true,
      ],
      [
        'supervise · city commission, police of its city',
        run(citySupervisor, 'superviseCase', 'police-650100'),
        true,
      ],
      [
        'supervise · city commission, case of its district',
        run(citySupervisor, 'superviseCase', 'amr-650102'),
        true,
      ],
      [
        'supervise · city commission, provincial agency',
        run(citySupervisor, 'superviseCase', 'amr-650000'),
        outside,
      ],
      [
        'supervise · city commission, sibling city',
        run(citySupervisor, 'superviseCase', 'amr-650200'),
        outside,
      ],
      [
        'supervise · province commission, city case',
        run(commissionSupervisor, 'superviseCase', 'amr-650100'),
        true,
      ],
      [
        'supervise · province commission, district case',
        run(commissionSupervisor, 'superviseCase', 'amr-650102'),
        true,
      ],
      [
        'supervise · province commission, other province',
        run(commissionSupervisor, 'superviseCase', 'amr-110000'),
        outside,
      ],
      [
        'supervise · agency not in the directory',
        run(citySupervisor, 'superviseCase', 'amr-999999'),
        /not in the directory/,
      ],
      // lifting: the supervising commission or one above it
      [
        'lift · the supervising commission',
        run(citySupervisor, 'liftCaseSupervision', 'amr-650100', 'cdi-650100'),
        true,
      ],
      [
        'lift · the commission above it',
        run(commissionSupervisor, 'liftCaseSupervision', 'amr-650100', 'cdi-650100'),
        true,
      ],
      [
        'lift · a commission below the supervising one',
        run(citySupervisor, 'liftCaseSupervision', 'amr-650100', 'cdi-650000'),
        /supervised by cdi-650000; only that commission or one above it lifts the supervision/,
      ],
      [
        'lift · case outside the region',
        run(citySupervisor, 'liftCaseSupervision', 'amr-650200', 'cdi-650000'),
        outside,
      ],
      [
        'lift · city overseer',
        run(cityOverseer, 'liftCaseSupervision', 'amr-650100', 'cdi-650100'),
        /lacks the role supervisor/,
      ],
      [
        'lift · agency supervisor',
        run(supervisor, 'liftCaseSupervision', 'amr-650100', 'cdi-650100'),
        notHead,
      ],
      [
        'unknown command',
        run(citySupervisor, 'closeEverything' as SupervisionCommandName),
        /unknown supervision command "closeEverything"/,
      ],
    ]);
  });

  describe('canReadSupervisedCases', () => {
    const read = (p: Principal) => () => rules.canReadSupervisedCases(p);
    const commissionOnly = /listed to a commission's overseers and supervisors/;
    checkMatrix([
      ['province overseer', read(provinceOverseer), true],
      ['city overseer', read(cityOverseer), true],
      ['province commission supervisor', read(commissionSupervisor), true],
      ['city commission supervisor', read(citySupervisor), true],
      ['commission officer', read(cityCommissionOfficer), /lacks the role overseer or supervisor or admin/],
      ['agency supervisor', read(supervisor), /amr-650100 is MARKET_REGULATION/],
      ['agency officer', read(officer), commissionOnly],
      ['overseer role outside a commission', read(policeWithOverseerRole), /police-650000 is POLICE/],
      ['overseer of an unknown agency', read(strayOverseer), /not in the directory/],
      // Issue #12 (authorization matrix): the commission's list is not told to another agency's admin.
      ['admin of another agency', read(admin), /is MARKET_REGULATION/],
      ['admin of a commission', read({ ...admin, agencyId: 'cdi-650100' }), true],
    ]);
  });

  describe('canVerifyStoreIntegrity', () => {
    const check = (p: Principal) => () => rules.canVerifyStoreIntegrity(p);
    checkMatrix([
      ['province overseer', check(provinceOverseer), true],
      ['city overseer', check(cityOverseer), true],
      ['city commission supervisor', check(citySupervisor), true],
      ['commission officer', check(cityCommissionOfficer), /lacks the role overseer or supervisor/],
      ['agency supervisor', check(supervisor), /完整性校验/],
      ['agency officer', check(officer), /amr-650100 is MARKET_REGULATION/],
      ['overseer role outside a commission', check(policeWithOverseerRole), /police-650000 is POLICE/],
      ['admin', check(admin), true],
    ]);
  });

  describe('canReadCaseSupervision', () => {
    const read = (p: Principal, agencyId: string) => () => rules.canReadCaseSupervision(p, { agencyId });
    const agencyAndCommissions = /visible to that agency and to the commissions of its region only/;
    checkMatrix([
      ['officer · own agency’s case', read(officer, 'amr-650100'), true],
      ['supervisor · own agency’s case', read(supervisor, 'amr-650100'), true],
      ['officer · other agency’s case', read(officer, 'police-650100'), agencyAndCommissions],
      ['province officer · child region', read(provinceOfficer, 'amr-650100'), agencyAndCommissions],
      ['city overseer · region', read(cityOverseer, 'amr-650100'), true],
      ['city commission supervisor · child region', read(citySupervisor, 'amr-650102'), true],
      ['city commission supervisor · parent region', read(citySupervisor, 'amr-650000'), outside],
      ['province commission supervisor · other province', read(commissionSupervisor, 'amr-110000'), outside],
      [
        'commission officer · region',
        read(cityCommissionOfficer, 'amr-650100'),
        /lacks the role overseer or supervisor/,
      ],
      [
        'overseer role outside a commission',
        read(policeWithOverseerRole, 'amr-650100'),
        /police-650000 is POLICE/,
      ],
      ['admin · any agency', read(admin, 'amr-110000'), true],
    ]);
  });
});

describe('personal data', () => {
  type PdRow = [
    label: string,
    principal: Principal,
    use: 'handling' | 'listing' | 'oversight',
    expected: boolean,
  ];
  it.each<PdRow>([
    ['own supervisor handling the case', supervisor, 'handling', true],
    ['own supervisor in a listing', supervisor, 'listing', false],
    ['own officer handling the case', officer, 'handling', false],
    ['supervisor of another agency', who('police-650100', 'supervisor'), 'handling', false],
    ['supervisor of the parent region', who('amr-650000', 'supervisor'), 'handling', false],
    ['overseer of the region', cityOverseer, 'oversight', false],
    ['overseer claiming handling', cityOverseer, 'handling', false],
    ['admin', admin, 'handling', false],
  ])('needsUnmaskedPersonalData · %s → %s', (_label, principal, use, expected) => {
    expect(rules.needsUnmaskedPersonalData(principal, { use, ownerAgencyId: 'amr-650100' })).toBe(expected);
  });

  it.each<[string, Principal, boolean]>([
    ['overseer reading another agency', cityOverseer, true],
    ['admin reading another agency', admin, true],
    ['overseer-role holder reading its own agency', who('amr-650100', 'overseer'), false],
    ['own officer', officer, false],
    ['transfer receiver (a party, not oversight)', who('police-650100', 'officer'), false],
  ])('mustRecordPersonalDataRead · a PERSON subject · %s → %s', (_label, principal, expected) => {
    expect(
      rules.mustRecordPersonalDataRead(principal, { ownerAgencyId: 'amr-650100', subjectKind: 'PERSON' }),
    ).toBe(expected);
  });

  it.each<[string, Principal]>([
    ['overseer reading another agency', cityOverseer],
    ['admin reading another agency', admin],
    ['own officer', officer],
  ])(
    'mustRecordPersonalDataRead · an ORGANIZATION subject is not personal data · %s → false',
    (_label, principal) => {
      expect(
        rules.mustRecordPersonalDataRead(principal, {
          ownerAgencyId: 'amr-650100',
          subjectKind: 'ORGANIZATION',
        }),
      ).toBe(false);
    },
  );

  type ReadsRow = [
    label: string,
    principal: Principal,
    readerAgencyId: string | undefined,
    expected: boolean,
  ];
  it.each<ReadsRow>([
    ['commission supervisor, no facts', who('cdi-650000', 'supervisor'), undefined, true],
    [
      'commission supervisor, reader of its own commission',
      who('cdi-650000', 'supervisor'),
      'cdi-650000',
      true,
    ],
    [
      'provincial commission supervisor, reader of a city commission',
      who('cdi-650000', 'supervisor'),
      'cdi-650100',
      true,
    ],
    [
      'city commission supervisor, reader of the provincial commission',
      who('cdi-650100', 'supervisor'),
      'cdi-650000',
      false,
    ],
    ['the overseers themselves', who('cdi-650000', 'overseer'), undefined, false],
    ['an agency supervisor (not a commission)', supervisor, undefined, false],
    // Issue #12 (authorization matrix): whom a commission reads about is told to its own admins, not another agency's.
    ['admin of another agency', admin, 'cdi-650100', false],
    ['admin of a commission', { ...admin, agencyId: 'cdi-650000' }, 'cdi-650100', true],
  ])('canReadPersonalDataReads · %s → %s', (_label, principal, readerAgencyId, expected) => {
    const decision = rules.canReadPersonalDataReads(
      principal,
      readerAgencyId ? { readerAgencyId } : undefined,
    );
    expect(decision.allowed).toBe(expected);
  });
});

describe('联席会议 (joint meetings)', () => {
  const meeting = { convenorAgencyId: 'amr-650100', participantAgencyIds: ['amr-650100', 'police-650100'] };

  it('is read by its agencies, overseers of their region and admins; not by another agency or a commission elsewhere', () => {
    expect(rules.canReadJointMeeting(officer, meeting).allowed).toBe(true);
    expect(rules.canReadJointMeeting(who('police-650100', 'officer'), meeting).allowed).toBe(true);
    expect(rules.canReadJointMeeting(cityOverseer, meeting).allowed).toBe(true);
    expect(rules.canReadJointMeeting(provinceOverseer, meeting).allowed).toBe(true);
    expect(rules.canReadJointMeeting(admin, meeting).allowed).toBe(true);
    expect(rules.canReadJointMeeting(provinceOfficer, meeting)).toMatchObject({
      allowed: false,
      reason: /visible to its agencies and to overseers/,
    });
    expect(rules.canReadJointMeeting(who('police-650000', 'supervisor'), meeting).allowed).toBe(false);
    expect(rules.canReadJointMeeting(policeWithOverseerRole, meeting).allowed).toBe(false);
  });

  it('the convenor convenes, minutes, verifies and closes; only the owner agency reports its decision done', () => {
    const facts = { convenorAgencyId: 'amr-650100', ownerAgencyId: 'police-650100' };
    expect(rules.canRunJointMeetingCommand(supervisor, 'conveneJointMeeting', facts).allowed).toBe(true);
    expect(rules.canRunJointMeetingCommand(officer, 'conveneJointMeeting', facts)).toMatchObject({
      allowed: false,
      reason: /needs the role supervisor/,
    });
    expect(rules.canRunJointMeetingCommand(officer, 'recordJointMeetingMinutes', facts).allowed).toBe(true);
    expect(
      rules.canRunJointMeetingCommand(who('police-650100', 'supervisor'), 'recordJointMeetingMinutes', facts),
    ).toMatchObject({
      allowed: false,
      reason: /convening agency's \(amr-650100\)/,
    });
    expect(
      rules.canRunJointMeetingCommand(who('police-650100', 'officer'), 'reportJointMeetingDecision', facts)
        .allowed,
    ).toBe(true);
    expect(rules.canRunJointMeetingCommand(supervisor, 'reportJointMeetingDecision', facts)).toMatchObject({
      allowed: false,
      reason: /责任单位 police-650100/,
    });
    expect(rules.canRunJointMeetingCommand(supervisor, 'verifyJointMeetingDecision', facts).allowed).toBe(
      true,
    );
    expect(rules.canRunJointMeetingCommand(officer, 'closeJointMeeting', facts).allowed).toBe(false);
    expect(rules.canRunJointMeetingCommand(admin, 'closeJointMeeting', facts).allowed).toBe(false);
    expect(rules.canRunJointMeetingCommand(supervisor, 'nope' as never, facts)).toMatchObject({
      allowed: false,
      reason: /unknown joint meeting command/,
    });
  });
});

describe('案件咨询 (case consultations)', () => {
  const facts = { fromAgencyId: 'amr-650100', toAgencyId: 'police-650100' };
  it('is read by the two agencies, overseers of their region and admins only', () => {
    expect(rules.canReadCaseConsultation(officer, facts).allowed).toBe(true);
    expect(rules.canReadCaseConsultation(who('police-650100', 'officer'), facts).allowed).toBe(true);
    expect(rules.canReadCaseConsultation(cityOverseer, facts).allowed).toBe(true);
    expect(rules.canReadCaseConsultation(admin, facts).allowed).toBe(true);
    expect(rules.canReadCaseConsultation(who('police-650000', 'officer'), facts)).toMatchObject({
      allowed: false,
      reason: /visible to the two agencies/,
    });
  });
  it('the asker’s staff ask, the consulted agency’s staff answer', () => {
    expect(
      rules.canRunConsultationCommand(officer, 'askCaseConsultation', { fromAgencyId: 'amr-650100' }).allowed,
    ).toBe(true);
    expect(
      rules.canRunConsultationCommand(cityOverseer, 'askCaseConsultation', { fromAgencyId: 'cdi-650100' }),
    ).toMatchObject({ allowed: false, reason: /needs the role/ });
    expect(
      rules.canRunConsultationCommand(who('police-650100', 'officer'), 'answerCaseConsultation', facts)
        .allowed,
    ).toBe(true);
    expect(rules.canRunConsultationCommand(officer, 'answerCaseConsultation', facts)).toMatchObject({
      allowed: false,
      reason: /only police-650100/,
    });
  });
});

describe('线索通报 (clue notices)', () => {
  const facts = { fromAgencyId: 'amr-650100', toAgencyId: 'police-650100' };
  it('is read by the two agencies, overseers of their region and admins only', () => {
    expect(rules.canReadClueNotice(officer, facts).allowed).toBe(true);
    expect(rules.canReadClueNotice(who('police-650100', 'officer'), facts).allowed).toBe(true);
    expect(rules.canReadClueNotice(cityOverseer, facts).allowed).toBe(true);
    expect(rules.canReadClueNotice(admin, facts).allowed).toBe(true);
    expect(rules.canReadClueNotice(who('police-650000', 'officer'), facts)).toMatchObject({
      allowed: false,
      reason: /visible to the two agencies/,
    });
  });
  it('the sender’s staff send, the notified agency’s staff acknowledge and reply', () => {
    expect(
      rules.canRunClueNoticeCommand(officer, 'sendClueNotice', { fromAgencyId: 'amr-650100' }).allowed,
    ).toBe(true);
    expect(
      rules.canRunClueNoticeCommand(cityOverseer, 'sendClueNotice', { fromAgencyId: 'cdi-650100' }),
    ).toMatchObject({ allowed: false, reason: /needs the role/ });
    expect(
      rules.canRunClueNoticeCommand(who('police-650100', 'officer'), 'acknowledgeClueNotice', facts).allowed,
    ).toBe(true);
    expect(
      rules.canRunClueNoticeCommand(who('police-650100', 'supervisor'), 'replyClueNotice', facts).allowed,
    ).toBe(true);
    expect(rules.canRunClueNoticeCommand(officer, 'replyClueNotice', facts)).toMatchObject({
      allowed: false,
      reason: /only police-650100/,
    });
  });
});

describe('assertAllowed', () => {
  it('passes an allowed decision', () => {
    expect(() => assertAllowed(rules.canReadCase(officer, { agencyId: 'amr-650100' }))).not.toThrow();
  });

  it('throws ForbiddenError carrying the reason', () => {
    const decision = rules.canRunCaseCommand(officer, 'decidePenalty', { agencyId: 'amr-650100' });
    expect(() => assertAllowed(decision)).toThrow(ForbiddenError);
    expect(() => assertAllowed(decision)).toThrow(/decidePenalty needs the role supervisor/);
  });
});

describe('the procuratorate (人民检察院): 抄送 and 立案监督', () => {
  const transfer = { fromAgencyId: 'amr-650100', toAgencyId: 'police-650100' };
  const cityProcurator = who('procuratorate-650100', 'officer');
  const cityHead = who('procuratorate-650100', 'supervisor');
  const provinceProcurator = who('procuratorate-650000', 'officer');
  const otherCityHead = who('procuratorate-650200', 'supervisor');
  const procuratorateAdmin = who('procuratorate-650100', 'admin');

  const cases: [string, AccessDecision, Expected][] = [
    ['the city procuratorate reads the copy', rules.canReadTransferCopy(cityProcurator, transfer), true],
    ['the procuratorate above it reads the copy', rules.canReadTransferCopy(provinceProcurator, transfer), true],
    ['another city’s procuratorate does not', rules.canReadTransferCopy(otherCityHead, transfer), /procuratorate-650200 oversees region 650200/],
    ['the sender does not read the copy (it reads the transfer)', rules.canReadTransferCopy(supervisor, transfer), /amr-650100 is MARKET_REGULATION/],
    ['an overseer does not read the copy', rules.canReadTransferCopy(cityOverseer, transfer), /cdi-650100 is DISCIPLINE_INSPECTION/],
    ['a procuratorate’s admin role alone does not', rules.canReadTransferCopy(procuratorateAdmin, transfer), /lacks the role officer or supervisor/],
    ['a procurator asks the police to explain', rules.canRunFilingSupervisionCommand(cityProcurator, 'requestNonFilingExplanation', { policeAgencyId: 'police-650100' }), true],
    ['the head decides on the reasons', rules.canRunFilingSupervisionCommand(cityHead, 'decideNonFilingReasons', { policeAgencyId: 'police-650100' }), true],
    ['a procurator does not decide on the reasons (经检察长决定)', rules.canRunFilingSupervisionCommand(cityProcurator, 'decideNonFilingReasons'), /经检察长决定/],
    ['not over police outside its region', rules.canRunFilingSupervisionCommand(otherCityHead, 'requestNonFilingExplanation', { policeAgencyId: 'police-650100' }), /outside it/],
    ['the police do not supervise themselves', rules.canRunFilingSupervisionCommand(who('police-650100', 'supervisor'), 'requestNonFilingExplanation'), /police-650100 is POLICE/],
    ['an overseer runs no 立案监督', rules.canRunFilingSupervisionCommand(commissionSupervisor, 'decideNonFilingReasons'), /DISCIPLINE_INSPECTION/],
    ['the sender reads the outcome', rules.canReadFilingSupervision(officer, transfer), true],
    ['the police read it', rules.canReadFilingSupervision(who('police-650100', 'officer'), transfer), true],
    ['the procuratorate reads it', rules.canReadFilingSupervision(provinceProcurator, transfer), true],
    ['overseers of the region read it', rules.canReadFilingSupervision(cityOverseer, transfer), true],
    ['another agency does not', rules.canReadFilingSupervision(who('amr-650200', 'supervisor'), transfer), /visible to its parties/],
  ];
  it.each(cases)('%s', (_name, decision, expected) => {
    if (expected === true) expect(decision).toEqual({ allowed: true });
    else {
      expect(decision.allowed).toBe(false);
      expect(decision.allowed ? '' : decision.reason).toMatch(expected);
    }
  });
});
