/**
 * The demo's 挂牌督办: the 乌鲁木齐 commission lists a pharmacy case of the city's market regulation
 * bureau for supervision after repeated complaints, due a fortnight after the seed, so the demo shows
 * a countdown on the case and in `oversight { supervisedCases }`. The pharmacy and its credit code
 * are fictional (the code carries a valid check character). Times are days before the seed
 * (Beijing time); the due date is days after it.
 */
import type { At } from './demoTransfers.ts';

const at = (daysAgo: number, time: string): At => ({ daysAgo, time });

export const demoSupervision = {
  title: '群众反复举报的药店涉嫌销售假药案 → 乌鲁木齐市纪委监委挂牌督办',
  register: {
    as: 'u-amr-650100-officer',
    at: at(12, '09:30'),
    input: {
      subject: { kind: 'ORGANIZATION', name: '乌鲁木齐仁和堂大药房有限公司', creditCode: '91650104MA7Y8K2Q30' },
      source: 'COMPLAINT',
      summary: '群众多次举报该药店销售假冒“阿莫西林胶囊”，12345 热线转办 3 次仍未查处到位，涉案货值约 2.3 万元。',
      violations: ['COUNTERFEIT_DRUG'],
      amountInvolvedFen: 2_300_000,
    },
  },
  file: { as: 'u-amr-650100-supervisor', at: at(11, '16:00'), input: { reason: '涉嫌销售假药，符合立案条件' } },
  supervise: {
    as: 'u-cdi-650100-supervisor',
    at: at(7, '10:30'),
    /** The due date is this many days after the seed (Beijing date). */
    dueInDays: 14,
    input: {
      reason: '群众反复举报、转办后仍未查处到位，社会关注度高',
      requirements: '依法从严从快查处，涉嫌犯罪的及时移送公安机关；逾期前报送办理结果',
    },
  },
} as const;
