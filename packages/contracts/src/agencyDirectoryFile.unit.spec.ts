import { describe, expect, it } from 'vitest';
import demoFile from '../directories/demo-xinjiang.json' with { type: 'json' };
import { loadAgencyDirectory } from './agencyDirectoryFile.ts';
import { ValidationError } from './errors.ts';

describe('agency directory files', () => {
  it('loads the demo file: 37 agencies, every region named', () => {
    const loaded = loadAgencyDirectory(demoFile);
    expect(loaded.directory.list()).toHaveLength(37);
    expect(loaded.regionNames.get('650100')).toBe('乌鲁木齐市');
    expect(loaded.directory.require('police-650100').parentId).toBe('police-650000');
  });

  it('names the field of a bad file and why', () => {
    const bad = { ...demoFile, agencies: [{ ...demoFile.agencies[0], regionCode: '123' }] };
    expect(() => loadAgencyDirectory(bad)).toThrow(ValidationError);
    try {
      loadAgencyDirectory(bad);
    } catch (error) {
      expect((error as ValidationError).issues[0]?.path).toBe('agencies.0.regionCode');
    }
  });

  it('refuses an agency whose region the file does not name', () => {
    const bad = { ...demoFile, regions: demoFile.regions.slice(0, 1) };
    expect(() => loadAgencyDirectory(bad)).toThrow(/agencies\.\d+\.regionCode/);
  });
});
