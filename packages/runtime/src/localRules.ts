import { readFileSync } from 'node:fs';
import { applyLocalRules, parseLocalRulesFile, transferPolicies, ValidationError } from '@xianjie/contracts';
import type { TransferKind, TransferPolicy } from '@xianjie/contracts';
import type { Config } from './config.ts';
import { ConfigError } from './config.ts';

export type TransferPolicies = Readonly<Record<TransferKind, TransferPolicy>>;

/**
 * The transfer policies the deadlines count with: the built-in table, with the province's local
 * rules (地方规则) of `XIANJIE_LOCAL_RULES_FILE` in place of the platform defaults (decision 0014).
 * A bad file stops the process at start-up with the field named, like a bad variable; so does a
 * file for a province the directory does not hold (a deployment serves one province's agencies).
 */
export const loadTransferPolicies = (
  config: Pick<Config, 'XIANJIE_LOCAL_RULES_FILE'>,
  regionNames?: ReadonlyMap<string, string>,
): TransferPolicies => {
  const file = config.XIANJIE_LOCAL_RULES_FILE;
  if (!file) return transferPolicies;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`XIANJIE_LOCAL_RULES_FILE: cannot read ${file} (${(error as Error).message})`]);
  }
  try {
    const rules = parseLocalRulesFile(text);
    if (regionNames && !regionNames.has(rules.province)) {
      throw new ValidationError([{ path: 'province', message: `${rules.province} is not a region of the agency directory` }]);
    }
    return applyLocalRules(transferPolicies, rules);
  } catch (error) {
    const detail =
      error instanceof ValidationError
        ? error.issues.map((i) => `${i.path || '(file)'}: ${i.message}`).join('; ')
        : (error as Error).message;
    throw new ConfigError([`XIANJIE_LOCAL_RULES_FILE: ${file} is not a valid local-rules file (${detail})`]);
  }
};
