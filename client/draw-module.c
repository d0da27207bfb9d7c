/* The drawing module's entry (draw-module.h), the one symbol it exports. */

#include "draw-module.h"
#include "version.h"

__attribute__((visibility("default")))
extern const struct draw_module budgetctl_draw_module;

const struct draw_module budgetctl_draw_module = {
	DRAW_MODULE_ABI, BB_VERSION, draw_statement_pdf, draw_report
};
