import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.ts';
// The areas, each its types, queries and mutations (types are imported by the files that use them).
import './schema/common/scalars.ts';
import './schema/common/queries.ts';
import './schema/case/queries.ts';
import './schema/case/mutations.ts';
import './schema/audit/queries.ts';
import './schema/oversight/queries.ts';
import './schema/oversight/transferViews.ts';
import './schema/oversight/caseSupervision.ts';
import './schema/oversight/personalDataReads.ts';
import './schema/oversight/integrity.ts';
import './schema/oversight/mutations.ts';
import './schema/transfer/queries.ts';
import './schema/transfer/mutations.ts';
import './schema/operation/queries.ts';
import './schema/operation/mutations.ts';
import './schema/operation/resultTypes.ts';
import './schema/meeting/jointMeeting.ts';
import './schema/meeting/caseConsultation.ts';
import './schema/meeting/clueNotice.ts';
import './schema/work/myWork.ts';
import './schema/procuratorate/procuratorate.ts';
import './schema/notification/notifications.ts';
import './schema/notification/subscriptions.ts';

builder.queryType({});
builder.mutationType({});

export const schema = builder.toSchema({ sortSchema: true });

/** The SDL committed in schemas/schema.graphql (sorted, so diffs are stable). */
export const printedSchema = (): string => `${printSchema(lexicographicSortSchema(schema))}\n`;
