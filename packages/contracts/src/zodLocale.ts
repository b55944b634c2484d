import { z } from 'zod';

// Officers read validation messages on the console's fields: zod's own messages (too short, not
// one of the options, unknown key) in Chinese, like the contracts' own. Set once, for every
// process that loads the contracts.
z.config(z.locales.zhCN());
