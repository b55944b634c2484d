import { Agency, isWithinRegion } from './agencies.ts';
import { NotFoundError, ValidationError } from './errors.ts';

/** The directory of agencies: it, not a user table, decides which agencies exist. */
export interface AgencyDirectory {
  get(id: string): Agency | undefined;
  /** Like `get`, but throws NotFoundError for an unknown id. */
  require(id: string): Agency;
  list(): readonly Agency[];
  /** Agencies whose region is `regionCode` or lies within it. */
  inRegion(regionCode: string): readonly Agency[];
}

/** Validates the agencies (shape, unique ids, known parents) and indexes them by id. */
export const createAgencyDirectory = (agencies: readonly Agency[]): AgencyDirectory => {
  const parsed = agencies.map((agency) => Agency.parse(agency));
  const byId = new Map<string, Agency>();
  parsed.forEach((agency, index) => {
    if (byId.has(agency.id)) {
      throw new ValidationError([{ path: `${index}.id`, message: `duplicate agency id ${agency.id}` }]);
    }
    byId.set(agency.id, agency);
  });
  parsed.forEach((agency, index) => {
    if (agency.parentId !== null && !byId.has(agency.parentId)) {
      throw new ValidationError([
        {
          path: `${index}.parentId`,
          message: `parent ${agency.parentId} of ${agency.id} is not in the directory`,
        },
      ]);
    }
  });
  const all: readonly Agency[] = Object.freeze(parsed);
  return {
    get: (id) => byId.get(id),
    require: (id) => {
      const agency = byId.get(id);
      if (!agency) throw new NotFoundError('Agency', id);
      return agency;
    },
    list: () => all,
    inRegion: (regionCode) => all.filter((agency) => isWithinRegion(agency.regionCode, regionCode)),
  };
};
