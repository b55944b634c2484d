import type { Principal, Role } from './principal.ts';

/** A seeded demo user. Every name is invented; no demo user stands for a real person. */
export interface DemoUser extends Principal {
  /** 职务, for the console's user picker. */
  title: string;
}

const user = (agencyId: string, role: Role, name: string, title: string): DemoUser => ({
  userId: `u-${agencyId}-${role}`,
  name,
  agencyId,
  roles: [role],
  title,
});

/**
 * One officer and one supervisor per demo agency (the commissions: an overseer and a supervisor),
 * plus a platform admin. Agency ids follow the demo directory of `@xianjie/contracts`.
 */
export const demoUsers: readonly DemoUser[] = [
  user('amr-650000', 'officer', '韩思远', '执法人员'),
  user('amr-650000', 'supervisor', '马玉清', '稽查局负责人'),
  user('amr-650100', 'officer', '帕丽旦·热合曼', '执法人员'),
  user('amr-650100', 'supervisor', '周启航', '稽查支队负责人'),
  user('health-650000', 'officer', '努尔兰·别克', '卫生监督员'),
  user('health-650000', 'supervisor', '苏映雪', '卫生监督所负责人'),
  user('mi-650000', 'officer', '陈可欣', '基金监管人员'),
  user('mi-650000', 'supervisor', '阿迪力·伊明', '基金监管处负责人'),
  user('police-650000', 'officer', '杜振川', '民警'),
  user('police-650000', 'supervisor', '米热古丽·吾买尔', '食药环侦总队负责人'),
  user('police-650100', 'officer', '卡米拉·吾斯曼', '民警'),
  user('police-650100', 'supervisor', '鲁建岳', '食药环侦支队负责人'),
  user('cdi-650000', 'overseer', '郑清和', '监督检查室干部'),
  user('cdi-650000', 'supervisor', '热依拉·阿不都', '监督检查室主任'),
  user('cdi-650100', 'overseer', '蓝海川', '监督检查室干部'),
  user('cdi-650100', 'supervisor', '巴合提亚尔·叶尔兰', '监督检查室主任'),
  { userId: 'u-admin', name: '白子墨', agencyId: 'amr-650000', roles: ['admin'], title: '平台管理员' },
];

const byId = new Map(demoUsers.map((demoUser) => [demoUser.userId, demoUser]));

export const findDemoUser = (userId: string): DemoUser | undefined => byId.get(userId);
