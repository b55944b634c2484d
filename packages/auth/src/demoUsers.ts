import type { AgencyCapacity } from '@xianjie/contracts';
import type { Principal, Role } from './principal.ts';

/** A seeded demo user. Every name is invented; no demo user stands for a real person. */
export interface DemoUser extends Principal {
  /** 职务, for the console's user picker. */
  title: string;
}

const user = (agencyId: string, role: Role, name: string, title: string, capacity?: AgencyCapacity): DemoUser => ({
  userId: `u-${agencyId}-${role}`,
  name,
  agencyId,
  roles: [role],
  title,
  ...(capacity ? { capacity } : {}),
});

/**
 * One officer and one supervisor per demo agency (the commissions: an overseer and a supervisor),
 * plus a platform admin. Agency ids follow the demo directory of `@xianjie/contracts`. Each
 * administrative and police agency's supervisor is its head (capacity HEAD, 正职负责人), but
 * 乌鲁木齐市医疗保障局's, who presides over its work (ACTING_HEAD, 主持工作的负责人); the head alone
 * approves a criminal transfer (Decree art. 5). `demoDeputies` are supervisors who are not.
 */
export const demoUsers: readonly DemoUser[] = [
  user('amr-650000', 'officer', '韩思远', '执法人员'),
  user('amr-650000', 'supervisor', '马玉清', '局长（正职负责人）', 'HEAD'),
  user('amr-650100', 'officer', '帕丽旦·热合曼', '执法人员'),
  user('amr-650100', 'supervisor', '周启航', '局长（正职负责人）', 'HEAD'),
  user('health-650000', 'officer', '努尔兰·别克', '卫生监督员'),
  user('health-650000', 'supervisor', '苏映雪', '主任（正职负责人）', 'HEAD'),
  user('health-650100', 'officer', '古丽娜尔·托合提', '卫生监督员'),
  user('health-650100', 'supervisor', '宋文博', '主任（正职负责人）', 'HEAD'),
  user('mi-650100', 'officer', '冉晓东', '基金监管人员'),
  user('mi-650100', 'supervisor', '哈斯也提·买买提', '副局长（主持工作）', 'ACTING_HEAD'),
  user('mi-650000', 'officer', '陈可欣', '基金监管人员'),
  user('mi-650000', 'supervisor', '阿迪力·伊明', '局长（正职负责人）', 'HEAD'),
  user('police-650000', 'officer', '杜振川', '民警'),
  user('police-650000', 'supervisor', '米热古丽·吾买尔', '厅长（正职负责人）', 'HEAD'),
  user('police-650100', 'officer', '卡米拉·吾斯曼', '民警'),
  user('police-650100', 'supervisor', '鲁建岳', '局长（正职负责人）', 'HEAD'),
  user('cdi-650000', 'overseer', '郑清和', '监督检查室干部'),
  user('cdi-650000', 'supervisor', '热依拉·阿不都', '监督检查室主任'),
  user('cdi-650100', 'overseer', '蓝海川', '监督检查室干部'),
  user('cdi-650100', 'supervisor', '巴合提亚尔·叶尔兰', '监督检查室主任'),
  user('procuratorate-650000', 'officer', '吐尔逊·阿不力孜', '检察官（刑事检察部）'),
  user('procuratorate-650000', 'supervisor', '林思齐', '刑事检察部主任'),
  user('procuratorate-650100', 'officer', '阿依努尔·卡德尔', '检察官（刑事检察部）'),
  user('procuratorate-650100', 'supervisor', '许正言', '刑事检察部主任'),
  { userId: 'u-admin', name: '白子墨', agencyId: 'amr-650000', roles: ['admin'], title: '平台管理员' },
];

/**
 * The platform accounts of the demo joint operation (专项整治, services/gateway/src/seed/demoOperation.ts):
 * its office director (also the first group's deputy), the inspection groups' leaders and deputies,
 * and two city enforcement officers seconded to groups (各地州市选派执法人员). Kept apart from
 * `demoUsers` (one officer and one supervisor per agency); `findDemoUser` finds both.
 */
export const demoOperationUsers: readonly DemoUser[] = [
  { userId: 'u-amr-650000-office', name: '田立军', agencyId: 'amr-650000', roles: ['officer'], title: '药品生产监督管理处处长（专项整治办公室主任）' },
  { userId: 'u-amr-650000-g1-leader', name: '刘长青', agencyId: 'amr-650000', roles: ['supervisor'], title: '党组成员、副局长（第一检查组组长）' },
  { userId: 'u-amr-650000-g2-leader', name: '王建国', agencyId: 'amr-650000', roles: ['supervisor'], title: '党组成员、副局长（第二检查组组长）' },
  { userId: 'u-amr-650000-g2-deputy', name: '马春燕', agencyId: 'amr-650000', roles: ['officer'], title: '药品审评查验中心副主任（第二检查组副组长）' },
  { userId: 'u-amr-650000-g3-leader', name: '张明远', agencyId: 'amr-650000', roles: ['supervisor'], title: '党组书记、局长（第三检查组组长）' },
  { userId: 'u-amr-650000-g3-deputy', name: '李文静', agencyId: 'amr-650000', roles: ['officer'], title: '药品审评查验中心主任（第三检查组副组长）' },
  { userId: 'u-amr-650000-g4-leader', name: '李振华', agencyId: 'amr-650000', roles: ['supervisor'], title: '药品安全总监（第四检查组组长）' },
  { userId: 'u-amr-650000-g4-deputy', name: '周建成', agencyId: 'amr-650000', roles: ['officer'], title: '药品不良反应监测中心副主任（第四检查组副组长）' },
  { userId: 'u-amr-654000-inspector', name: '哈力木拉提·沙吾提', agencyId: 'amr-654000', roles: ['officer'], title: '执法人员（第一检查组成员）' },
  { userId: 'u-amr-650500-inspector', name: '买买提·艾力', agencyId: 'amr-650500', roles: ['officer'], title: '执法人员（第二检查组成员）' },
];

/**
 * More staff of the 乌鲁木齐 agencies that send transfers: a second officer each (the 专案组 of a
 * criminal transfer is two or more officers, Decree art. 5), and supervisors who are not the head
 * (副职): they approve what any supervisor may (立案, 处罚, a non-criminal transfer) but not a
 * criminal transfer (正职负责人或者主持工作的负责人 only).
 */
export const demoStaff: readonly DemoUser[] = [
  { userId: 'u-amr-650100-officer2', name: '艾尔肯·吐尔逊', agencyId: 'amr-650100', roles: ['officer'], title: '执法人员' },
  { userId: 'u-amr-650000-officer2', name: '孙雅婷', agencyId: 'amr-650000', roles: ['officer'], title: '执法人员' },
  { userId: 'u-health-650100-officer2', name: '吴海涛', agencyId: 'health-650100', roles: ['officer'], title: '卫生监督员' },
  { userId: 'u-mi-650100-officer2', name: '玛依拉·努尔', agencyId: 'mi-650100', roles: ['officer'], title: '基金监管人员' },
  { userId: 'u-amr-650100-deputy', name: '钱立本', agencyId: 'amr-650100', roles: ['supervisor'], title: '副局长（分管稽查）' },
  { userId: 'u-health-650100-deputy', name: '阿依努尔·卡德尔', agencyId: 'health-650100', roles: ['supervisor'], title: '副主任' },
];

const byId = new Map([...demoUsers, ...demoOperationUsers, ...demoStaff].map((demoUser) => [demoUser.userId, demoUser]));

export const findDemoUser = (userId: string): DemoUser | undefined => byId.get(userId);
