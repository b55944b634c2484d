import { z } from 'zod';
import { Agency, RegionCode } from './agencies.ts';
import { createAgencyDirectory, type AgencyDirectory } from './agencyDirectory.ts';
import { ValidationError } from './errors.ts';
import { parseInput } from './validation.ts';

/**
 * A directory of agencies as data (DESIGN §6: the directory, not a user table, decides which
 * agencies exist). A province loads its own file with XIANJIE_DIRECTORY_FILE; the demo directory
 * is one such file (`directories/demo-xinjiang.json`). Region names serve reports by region.
 */
export const AgencyDirectoryFile = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  regions: z.array(z.object({ code: RegionCode, name: z.string().min(1) })).min(1),
  agencies: z.array(Agency).min(1),
});
export type AgencyDirectoryFile = z.infer<typeof AgencyDirectoryFile>;

export interface LoadedDirectory {
  name: string;
  directory: AgencyDirectory;
  /** 行政区划代码 → its name, for every region the file names. */
  regionNames: ReadonlyMap<string, string>;
}

/** Validates a directory file (shape, unique ids, known parents, every agency's region named). */
export const loadAgencyDirectory = (input: unknown): LoadedDirectory => {
  const file = parseInput(AgencyDirectoryFile, input);
  const regionNames = new Map(file.regions.map((r) => [r.code, r.name]));
  const directory = createAgencyDirectory(file.agencies);
  const unnamed = file.agencies.flatMap((agency, index) =>
    regionNames.has(agency.regionCode)
      ? []
      : [{ path: `agencies.${index}.regionCode`, message: `region ${agency.regionCode} of ${agency.id} is not in regions` }],
  );
  if (unnamed.length > 0) throw new ValidationError(unnamed);
  return { name: file.name, directory, regionNames };
};
