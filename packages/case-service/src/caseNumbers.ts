import type { SqlClient } from '@xianjie/event-store';

/**
 * 案件编号: one gap-free counter per agency and year, e.g. `AMR650100〔2026〕00012号`.
 * Kept in the service's own schema, outside the event store, because the number is decided before
 * the CaseRegistered event that carries it.
 */
export const createCaseNumbers = (sql: SqlClient, schema: string) => {
  const counters = `"${schema}".case_number_counters`;
  return {
    async migrate() {
      await sql.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}";
        CREATE TABLE IF NOT EXISTS ${counters} (agency_id text, year integer, last integer NOT NULL,
          PRIMARY KEY (agency_id, year))`);
    },
    async next(agencyId: string, at: string): Promise<string> {
      // The year of the case is Beijing time (UTC+8), not UTC.
      const year = new Date(Date.parse(at) + 8 * 3_600_000).getUTCFullYear();
      const { rows } = await sql.query<{ last: number }>(
        `INSERT INTO ${counters} (agency_id, year, last) VALUES ($1, $2, 1)
         ON CONFLICT (agency_id, year) DO UPDATE SET last = ${counters}.last + 1 RETURNING last`,
        [agencyId, year],
      );
      const [slug, region] = agencyId.split('-');
      return `${(slug ?? agencyId).toUpperCase()}${region ?? ''}〔${year}〕${String(rows[0]!.last).padStart(5, '0')}号`;
    },
  };
};

export type CaseNumbers = ReturnType<typeof createCaseNumbers>;
