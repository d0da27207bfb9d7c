/* formats.c: the export's formats, an entry at a time */
#ifndef BB_FORMATS_H
#define BB_FORMATS_H

#include "tally.h"
#include "wire.h"

enum { FMT_JSONL, FMT_CSV, FMT_LEDGER, FMT_ERP, FMT_COUNT };

struct export_out {
	int		 format;
	int		 whole;		/* from seq 1: ledger asserts balances */
	struct tally	 balances;
	PbChartLine	**chart;	/* erp: the daemon's [accounts] */
	size_t		 nchart;
};

int		 format_parse(const char *);
void		 export_begin(struct export_out *);
void		 export_entry(struct export_out *, const ProtobufCBinaryData *,
		    const PbEntry *);
void		 export_end(struct export_out *);

#endif
