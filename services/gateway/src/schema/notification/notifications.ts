import type { NotificationPreferences, NotificationRecord } from '@xianjie/discipline-inspection';
import { builder } from '../../builder.ts';
import { authOf } from '../common/callerAuth.ts';

/**
 * The notification centre (issue 15, decision 0018): the reminders the platform sent to the
 * caller's agency and one of the caller's roles (到期提醒, 到期通知, 逾期督促 to the head, 逾期预警
 * to the commission), each recorded as a `ReminderSent` event before it is shown. The commission's
 * service keeps them and answers only the caller's own; read marks are per person.
 */

const ReminderStageEnum = builder.enumType('ReminderStage', {
  description: 'Which reminder of a step',
  values: {
    AHEAD: { description: '到期提醒: before the due time, to the step’s owner' },
    DUE: { description: '到期通知: at the due time, to the owner' },
    ESCALATE: { description: '逾期督促: overdue, to the owning agency’s head (负责人)' },
    WARN: { description: '逾期预警: overdue past the threshold, to the commission of the region' },
  } as const,
});

export const NotificationType = builder.objectRef<NotificationRecord>('Notification').implement({
  description: 'A reminder sent to you (your agency and one of your roles), as recorded on its hash-chained stream',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'streamId:version of the ReminderSent event (its audit trail)' }),
    stage: t.field({ type: ReminderStageEnum, resolve: (n) => n.stage }),
    stageLabel: t.exposeString('stageLabel'),
    urgent: t.exposeBoolean('urgent', { description: 'Urgent reminders ignore quiet hours' }),
    title: t.exposeString('title'),
    body: t.exposeString('body', { description: 'What, until when, under which rule and why you were told' }),
    transferId: t.exposeID('transferId', { description: 'The transfer of the step: the link to it (transfer(id), the console’s /transfers/<id>)' }),
    step: t.exposeString('step'),
    stepLabel: t.exposeString('stepLabel'),
    dueAt: t.field({ type: 'DateTime', resolve: (n) => n.dueAt }),
    legalBasis: t.exposeString('legalBasis'),
    ruleId: t.exposeString('ruleId', { description: 'The reminder rule of the policy table' }),
    sentAt: t.field({ type: 'DateTime', resolve: (n) => n.sentAt }),
    read: t.exposeBoolean('read', { description: 'Whether you marked it read' }),
  }),
});

builder.queryField('notifications', (t) =>
  t.field({
    type: [NotificationType],
    authScopes: { authenticated: true },
    description: 'Your notifications (reminders sent to your agency and one of your roles), newest first; unreadOnly: those you have not marked read',
    args: {
      first: t.arg.int({ required: false, description: '1–100, default 20' }),
      unreadOnly: t.arg.boolean({ required: false }),
    },
    resolve: (_r, args, ctx) =>
      ctx.platform.oversight.notifications(
        { ...(args.first != null ? { first: args.first } : {}), ...(args.unreadOnly != null ? { unreadOnly: args.unreadOnly } : {}) },
        authOf(ctx),
      ),
  }),
);

builder.queryField('unreadNotificationCount', (t) =>
  t.int({
    authScopes: { authenticated: true },
    description: 'How many of your notifications you have not marked read',
    resolve: (_r, _a, ctx) => ctx.platform.oversight.unreadNotificationCount(authOf(ctx)),
  }),
);

const NotificationsReadType = builder.objectRef<{ unreadCount: number }>('NotificationsRead').implement({
  description: 'After marking notifications read',
  fields: (t) => ({ unreadCount: t.exposeInt('unreadCount', { description: 'How many of your notifications are still unread' }) }),
});

builder.mutationField('markNotificationsRead', (t) =>
  t.field({
    type: NotificationsReadType,
    authScopes: { authenticated: true },
    description: 'Marks your notifications read (ids that are not yours are ignored, as unknown ones); answers your unread count',
    args: { ids: t.arg.idList({ required: true }) },
    resolve: async (_r, args, ctx) => ({ unreadCount: await ctx.platform.oversight.markNotificationsRead(args.ids.map(String), authOf(ctx)) }),
  }),
);

const NotificationPreferencesType = builder.objectRef<NotificationPreferences>('NotificationPreferences').implement({
  description: 'Your channels: in-app always; e-mail when you give an address and turn it on; quiet hours (Beijing time) hold non-urgent e-mail until they end',
  fields: (t) => ({
    email: t.exposeString('email', { nullable: true }),
    emailEnabled: t.exposeBoolean('emailEnabled'),
    quietHoursStart: t.exposeString('quietHoursStart', { nullable: true, description: 'HH:MM Beijing time' }),
    quietHoursEnd: t.exposeString('quietHoursEnd', { nullable: true, description: 'HH:MM Beijing time' }),
    emailAvailable: t.exposeBoolean('emailAvailable', { description: 'Whether this deployment sends e-mail at all (SMTP configured)' }),
  }),
});

const NotificationPreferencesInputType = builder.inputType('NotificationPreferencesInput', {
  fields: (t) => ({
    email: t.string({ required: false }),
    emailEnabled: t.boolean({ required: true }),
    quietHoursStart: t.string({ required: false, description: 'HH:MM Beijing time; with quietHoursEnd' }),
    quietHoursEnd: t.string({ required: false, description: 'HH:MM Beijing time; may be earlier than the start (over midnight)' }),
  }),
});

builder.queryField('notificationPreferences', (t) =>
  t.field({
    type: NotificationPreferencesType,
    authScopes: { authenticated: true },
    description: 'Your notification channels',
    resolve: (_r, _a, ctx) => ctx.platform.oversight.notificationPreferences(authOf(ctx)),
  }),
);

builder.mutationField('setNotificationPreferences', (t) =>
  t.field({
    type: NotificationPreferencesType,
    authScopes: { authenticated: true },
    description: 'Sets your own notification channels (reminders to your agency and roles reach you by e-mail too)',
    args: { input: t.arg({ type: NotificationPreferencesInputType, required: true }) },
    resolve: (_r, args, ctx) =>
      ctx.platform.oversight.setNotificationPreferences(
        {
          email: args.input.email ?? null,
          emailEnabled: args.input.emailEnabled,
          quietHoursStart: args.input.quietHoursStart ?? null,
          quietHoursEnd: args.input.quietHoursEnd ?? null,
        },
        authOf(ctx),
      ),
  }),
);
