/**
 * The few agency facts the access rules need. Structural on purpose: the agency directory lives in
 * `@xianjie/contracts`; any directory entry with these fields fits, so auth does not depend on its code.
 */
export type AgencyKind =
  'MARKET_REGULATION' | 'HEALTH' | 'MEDICAL_INSURANCE' | 'POLICE' | 'DISCIPLINE_INSPECTION' | 'PROCURATORATE';

export interface AgencyRef {
  /** `{slug}-{regionCode}`, e.g. `amr-650100`. */
  id: string;
  kind: AgencyKind;
  /** 6-digit 行政区划代码 of the agency's jurisdiction, e.g. `650100` (乌鲁木齐市). */
  regionCode: string;
}

/** Looks an agency up in the directory; `undefined` when the directory does not know it. */
export type AgencyLookup = (agencyId: string) => AgencyRef | undefined;
