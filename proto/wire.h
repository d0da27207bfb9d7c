/* Short names for the generated protobuf-c types. */
#ifndef BB_WIRE_H
#define BB_WIRE_H

#include "borgerbudget.pb-c.h"

typedef Borgerbudget__V1__Request	PbRequest;
typedef Borgerbudget__V1__Response	PbResponse;
typedef Borgerbudget__V1__Op		PbOp;
typedef Borgerbudget__V1__Result	PbResult;
typedef Borgerbudget__V1__Entry		PbEntry;
typedef Borgerbudget__V1__Actor		PbActor;
typedef Borgerbudget__V1__PoolRules	PbPoolRules;
typedef Borgerbudget__V1__PoolInfo	PbPoolInfo;
typedef Borgerbudget__V1__CourseInfo	PbCourseInfo;
typedef Borgerbudget__V1__EntryPage	PbEntryPage;
typedef Borgerbudget__V1__StatementInfo	PbStatementInfo;
typedef Borgerbudget__V1__StatementLine	PbStatementLine;
typedef Borgerbudget__V1__StatusInfo	PbStatusInfo;
typedef Borgerbudget__V1__ChartLine	PbChartLine;
typedef Borgerbudget__V1__EntryText	PbEntryText;
typedef Borgerbudget__V1__CategoryLabel	PbCategoryLabel;
typedef Borgerbudget__V1__ReceiptInfo	PbReceiptInfo;

#endif
