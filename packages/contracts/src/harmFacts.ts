import { z } from 'zod';

/**
 * Harm facts (危害后果) an agency establishes by evidence and records on its case. Some crimes are
 * defined by the harm done, not by an amount (劣药: 《刑法》第一百四十二条 "对人体健康造成严重危害"), so
 * the 以罚代刑 rule can only catch them when the harm is a recorded fact. Kept small on purpose: one
 * value per criterion of the threshold table (`policies.ts`), each label saying what the evidence shows.
 */
export const HarmFact = z.enum(['SERIOUS_HEALTH_HARM', 'COSMETIC_SERIOUS_CONSEQUENCES']);
export type HarmFact = z.infer<typeof HarmFact>;

export const harmFactLabels: Readonly<Record<HarmFact, string>> = {
  SERIOUS_HEALTH_HARM: '对人体健康造成严重危害（致人轻伤、重伤，轻度或中度残疾，器官组织损伤导致功能障碍等）',
  COSMETIC_SERIOUS_CONSEQUENCES: '使用化妆品造成严重后果（容貌毁损、皮肤严重损伤、器官组织损伤导致严重功能障碍等）',
};

/** A list of harm facts without repeats (the input names each fact once). */
export const HarmFactList = z.array(HarmFact).superRefine((facts, ctx) => {
  facts.forEach((fact, index) => {
    if (facts.indexOf(fact) !== index) ctx.addIssue({ code: 'custom', path: [index], message: `${fact} 重复填写` });
  });
});
