import demoFile from '../directories/demo-xinjiang.json' with { type: 'json' };
import { loadAgencyDirectory } from './agencyDirectoryFile.ts';

/**
 * The demo directory (新疆维吾尔自治区 and six of its prefecture-level divisions, five agency kinds
 * each, and the procuratorates of the region and of 乌鲁木齐市), loaded from its data file like any province's directory.
 */
export const demoDirectoryFile = loadAgencyDirectory(demoFile);

export const demoDirectory = demoDirectoryFile.directory;
export const demoAgencies = demoDirectory.list();

/** The demo region and its cities (for tests and demo data). */
export const demoRegion = { code: demoFile.regions[0]!.code, name: demoFile.regions[0]!.name } as const;
export const demoCities = demoFile.regions.slice(1).map((r) => ({ code: r.code, name: r.name }));
