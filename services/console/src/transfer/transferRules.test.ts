import { transferCommandRoles } from '@xianjie/auth';
import { describe, expect, it } from 'vitest';
import { availableTransferCommands, sideOf, transferCommandRules } from './transferRules.ts';
import type { TransferFacts } from './transferRules.ts';

const sender = { agencyId: 'amr-650100', roles: ['officer'] };
const senderHead = { agencyId: 'amr-650100', roles: ['supervisor'] };
const police = { agencyId: 'police-650100', roles: ['officer'] };
const policeHead = { agencyId: 'police-650100', roles: ['supervisor'] };
const stranger = { agencyId: 'amr-650200', roles: ['supervisor'] };

const transfer = (over: Partial<TransferFacts>): TransferFacts => ({
  kind: 'CRIMINAL',
  status: 'PROPOSED',
  fromAgency: { id: 'amr-650100' },
  toAgency: { id: 'police-650100' },
  supplementRequest: null,
  reconsideration: null,
  deadlines: [{ step: 'handOver', metAt: null }],
  ...over,
});

describe('transfer command rules', () => {
  it('name every transfer command the server has, with its side and roles', () => {
    const server = Object.fromEntries(
      Object.entries(transferCommandRoles)
        .filter(([command]) => command !== 'proposeTransfer')
        .map(([command, rule]) => [command, { side: rule.side, roles: [...rule.roles].sort() }]),
    );
    const ours = Object.fromEntries(
      Object.entries(transferCommandRules).map(([command, rule]) => [command, { side: rule.side, roles: [...rule.roles].sort() }]),
    );
    expect(ours).toEqual(server);
  });

  it('tells the sides apart and a non-party from both', () => {
    expect(sideOf(transfer({}), 'amr-650100')).toBe('sender');
    expect(sideOf(transfer({}), 'police-650100')).toBe('receiver');
    expect(sideOf(transfer({}), 'amr-650200')).toBeNull();
  });

  it('lets only the sending head approve or refuse a proposal', () => {
    expect(availableTransferCommands(transfer({}), senderHead)).toEqual(['approveTransfer', 'refuseTransfer']);
    expect(availableTransferCommands(transfer({}), sender)).toEqual([]);
    expect(availableTransferCommands(transfer({}), policeHead)).toEqual([]);
    expect(availableTransferCommands(transfer({}), stranger)).toEqual([]);
  });

  it('offers the receiver its steps once signed for, the decisions to its head only', () => {
    expect(availableTransferCommands(transfer({ status: 'SENT' }), police)).toEqual(['receiveTransfer']);
    expect(availableTransferCommands(transfer({ status: 'RECEIVED' }), police)).toEqual([
      'forwardTransfer',
      'returnTransfer',
      'requestSupplement',
    ]);
    expect(availableTransferCommands(transfer({ status: 'RECEIVED' }), policeHead)).toEqual([
      'forwardTransfer',
      'returnTransfer',
      'requestSupplement',
      'acceptTransfer',
      'declineTransfer',
      'extendDeadline',
    ]);
  });

  it('offers 补正材料 to the sender only while a request is open', () => {
    expect(availableTransferCommands(transfer({ status: 'RECEIVED' }), sender)).toEqual([]);
    const asked = transfer({ status: 'RECEIVED', supplementRequest: { reason: '缺检验报告' } });
    expect(availableTransferCommands(asked, sender)).toEqual(['supplyMaterials']);
    expect(availableTransferCommands(asked, police)).toEqual(['forwardTransfer', 'returnTransfer']);
  });

  it('offers 提请复议 once after a decline of a CRIMINAL transfer, 办结 always after it', () => {
    expect(availableTransferCommands(transfer({ status: 'DECLINED' }), senderHead)).toEqual([
      'requestReconsideration',
      'suggestProcuratorateSupervision',
      'closeTransfer',
    ]);
    expect(availableTransferCommands(transfer({ status: 'DECLINED', reconsideration: { reason: 'x' } }), senderHead)).toEqual([
      'suggestProcuratorateSupervision',
      'closeTransfer',
    ]);
    expect(availableTransferCommands(transfer({ status: 'DECLINED', kind: 'ADMINISTRATIVE' }), senderHead)).toEqual(['closeTransfer']);
    expect(availableTransferCommands(transfer({ status: 'RECONSIDERATION_REQUESTED' }), policeHead)).toEqual(['decideReconsideration']);
  });

  it('has the commission dispose of a clue instead of accepting it', () => {
    const clue = transfer({ kind: 'DISCIPLINARY', status: 'RECEIVED', toAgency: { id: 'police-650100' } });
    const commands = availableTransferCommands(clue, policeHead);
    expect(commands).toContain('disposeClue');
    expect(commands).not.toContain('acceptTransfer');
    expect(commands).not.toContain('declineTransfer');
  });
});
