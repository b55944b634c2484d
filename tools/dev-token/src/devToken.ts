import { parseArgs } from 'node:util';
import { demoDirectory } from '@xianjie/contracts';
import { demoStaff, demoOperationUsers, demoUsers, findDemoUser, mintDevToken } from '@xianjie/auth';
import { EMBEDDED_DEV_SECRET } from '@xianjie/runtime';

/**
 * Named dev-token, not token: pnpm 10 takes `pnpm token` as its own registry command.
 * `pnpm dev-token --user u-amr-650100-officer` or `pnpm dev-token --agency amr-650100 --roles officer,supervisor`:
 * prints a development token (HS256, AUTH_DEV_SECRET or the embedded default) for `Authorization: Bearer …`.
 */
const usage = `usage: pnpm dev-token --user <demo user id>
       pnpm dev-token --agency <agency id> --roles officer[,supervisor|overseer|admin] [--name 姓名] [--sub user-id]
       pnpm dev-token --list`;

const { values } = parseArgs({
  options: {
    user: { type: 'string' },
    agency: { type: 'string' },
    roles: { type: 'string' },
    name: { type: 'string' },
    sub: { type: 'string' },
    expires: { type: 'string', default: '12h' },
    list: { type: 'boolean', default: false },
  },
});

const fail = (message: string): never => {
  console.error(`${message}\n${usage}`);
  process.exit(2);
};

if (values.list) {
  for (const u of [...demoUsers, ...demoOperationUsers, ...demoStaff]) {
    console.log(`${u.userId.padEnd(28)} ${u.name}\t${u.agencyId}\t${u.roles.join(',')}${u.capacity ? `\t${u.capacity}` : ''}`);
  }
  process.exit(0);
}

const directory = demoDirectory;
const secret = process.env.AUTH_DEV_SECRET ?? EMBEDDED_DEV_SECRET;
let claims: { userId: string; name: string; agencyId: string; roles: string[]; capacity?: 'HEAD' | 'ACTING_HEAD' };
if (values.user) {
  const user = findDemoUser(values.user) ?? fail(`unknown demo user "${values.user}" (pnpm dev-token --list shows them)`);
  claims = { userId: user.userId, name: user.name, agencyId: user.agencyId, roles: [...user.roles], ...(user.capacity ? { capacity: user.capacity } : {}) };
} else if (values.agency) {
  if (!directory.get(values.agency)) fail(`agency "${values.agency}" is not in the directory`);
  const roles = (values.roles ?? 'officer').split(',').map((r) => r.trim());
  const bad = roles.filter((r) => !['officer', 'supervisor', 'overseer', 'admin'].includes(r));
  if (bad.length) fail(`unknown role(s): ${bad.join(', ')}`);
  claims = { userId: values.sub ?? `dev-${values.agency}`, name: values.name ?? '开发用户', agencyId: values.agency, roles };
} else {
  fail('say whose token to mint');
  process.exit(2);
}

console.log(await mintDevToken({ secret, ...claims, roles: claims.roles as never, expiresIn: values.expires! }));
