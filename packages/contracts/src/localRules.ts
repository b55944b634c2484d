import { z } from 'zod';
import { ValidationError } from './errors.ts';
import type { FieldIssue } from './errors.ts';
import { TransferKind } from './transfer.ts';
import { EndRule, TransferPolicy, TransferStep, WindowUnit } from './transferPolicies.ts';
import { fieldIssues } from './validation.ts';

/**
 * A province's local rules (地方规则) for the windows no statute fixes (decision 0014): the police's
 * receipt, the 90-day result feedback, the commission's 15 and 60 working days, and the other
 * windows marked `authority: 'LOCAL_RULE'` in the policy table. The platform's defaults stand until
 * an administrator loads the province's file (`XIANJIE_LOCAL_RULES_FILE`); a window a statute fixes
 * cannot be set this way, and the file says which local document each value comes from.
 *
 * One file is one province: a provincial platform (两法衔接平台 are run per province) loads its own.
 */

export const LocalRuleWindow = z
  .object({
    kind: TransferKind,
    step: TransferStep,
    amount: z.number().int().positive(),
    unit: WindowUnit,
    /** Required when the unit changes (a different unit is counted differently); default the table's. */
    endRule: EndRule.optional(),
    /** Why the window is counted so; required with `endRule`. */
    countingBasis: z.string().trim().min(1).optional(),
    /** The local document and article that set the window, e.g. 《…衔接工作办法》第十条. */
    legalBasis: z.string().trim().min(1),
  })
  .superRefine((window, ctx) => {
    if (window.endRule && !window.countingBasis) {
      ctx.addIssue({ code: 'custom', path: ['countingBasis'], message: 'an endRule needs its countingBasis (the source of the rule)' });
    }
  });
export type LocalRuleWindow = z.infer<typeof LocalRuleWindow>;

export const LocalRulesFile = z
  .object({
    /** The province's 行政区划代码 (e.g. 650000 新疆维吾尔自治区). */
    province: z.string().regex(/^\d{2}0000$/, 'a province is a 6-digit 行政区划代码 ending in 0000'),
    /** The local documents the values come from. */
    source: z.string().trim().min(1),
    windows: z.array(LocalRuleWindow).min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.windows.forEach((window, index) => {
      const key = `${window.kind} ${window.step}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['windows', index, 'step'], message: `${key} is set twice` });
      seen.add(key);
    });
  });
export type LocalRulesFile = z.infer<typeof LocalRulesFile>;

/** Validates a local-rules file (JSON text or a parsed value); a ValidationError names each bad field. */
export const parseLocalRulesFile = (json: unknown): LocalRulesFile => {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new ValidationError([{ path: '', message: `not JSON: ${(error as Error).message}` }]);
    }
  }
  const result = LocalRulesFile.safeParse(value);
  if (!result.success) throw new ValidationError(fieldIssues(result.error));
  return result.data;
};

type Policies = Readonly<Record<TransferKind, TransferPolicy>>;

/**
 * The policies with a province's local rules in place of the platform defaults. Throws a
 * ValidationError naming the field (`windows.0.step`, `windows.2.endRule`) when a rule names a
 * window the kind does not have, a window a statute fixes, or a unit its end rule does not fit.
 */
export const applyLocalRules = (policies: Policies, file: LocalRulesFile): Policies => {
  const issues: FieldIssue[] = [];
  const next: Record<string, TransferPolicy> = { ...policies };
  file.windows.forEach((rule, index) => {
    const path = `windows.${index}`;
    const policy = next[rule.kind]!;
    const at = policy.windows.findIndex((w) => w.step === rule.step);
    const window = policy.windows[at];
    if (!window) {
      issues.push({ path: `${path}.step`, message: `a ${rule.kind} transfer has no ${rule.step} window` });
      return;
    }
    if (window.authority !== 'LOCAL_RULE') {
      issues.push({
        path: `${path}.step`,
        message: `${rule.kind} ${rule.step} is fixed by statute (${window.legalBasis}), not a local rule`,
      });
      return;
    }
    if (rule.unit !== window.unit && !rule.endRule) {
      issues.push({
        path: `${path}.endRule`,
        message: `${rule.kind} ${rule.step} changes unit from ${window.unit} to ${rule.unit}: say how it is counted (endRule, countingBasis)`,
      });
      return;
    }
    const windows = [...policy.windows];
    windows[at] = {
      ...window,
      amount: rule.amount,
      unit: rule.unit,
      endRule: rule.endRule ?? window.endRule,
      countingBasis: rule.countingBasis ?? window.countingBasis,
      legalBasis: `地方规则：${rule.legalBasis}（${file.source}）`,
    };
    const checked = TransferPolicy.safeParse({ ...policy, windows });
    if (!checked.success) {
      for (const issue of checked.error.issues) issues.push({ path: `${path}.${String(issue.path.at(-1) ?? 'step')}`, message: issue.message });
      return;
    }
    next[rule.kind] = checked.data;
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return Object.freeze(next) as Policies;
};
