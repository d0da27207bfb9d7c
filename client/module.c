/*
 * Loads the drawing module (draw-module.h) the first time something is
 * drawn: installed under MODULEDIR, or beside budgetctl in its build
 * tree. draw_statement_pdf and draw_report here stand for the module's.
 */

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "draw-module.h"
#include "exedir.h"
#include "lang.h"
#include "version.h"

#ifndef MODULEDIR
#define MODULEDIR	"/usr/local/lib/borgerbudget"
#endif
#define MODULE		"budgetctl-draw.so"

static const struct draw_module *
module(void)
{
	static const struct draw_module	*m;
	char				 path[PATH_MAX], dir[PATH_MAX];
	void				*h;

	if (m != NULL)
		return m;
	snprintf(path, sizeof(path), "%s/%s", MODULEDIR, MODULE);
	if (access(path, R_OK) != 0 && (exe_dir(dir, sizeof(dir)) == -1 ||
	    snprintf(path, sizeof(path), "%s/%s", dir, MODULE) >=
	    (int)sizeof(path) || access(path, R_OK) != 0)) {
		fprintf(stderr, _("budgetctl: the drawing module %s is not "
		    "installed\n"), MODULEDIR "/" MODULE);
		return NULL;
	}
	if ((h = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		fprintf(stderr, _("budgetctl: the drawing module cannot be "
		    "loaded: %s\n"), dlerror());
		return NULL;
	}
	m = dlsym(h, DRAW_MODULE_SYMBOL);
	if (m == NULL || m->abi != DRAW_MODULE_ABI ||
	    strcmp(m->version, BB_VERSION) != 0) {
		fprintf(stderr, _("budgetctl: %s is not the drawing module of "
		    "this budgetctl (%s)\n"), path, BB_VERSION);
		m = NULL;
		dlclose(h);
	}
	return m;
}

int
draw_statement_pdf(FILE *f, const struct draw_statement *ds)
{
	const struct draw_module	*m;

	return (m = module()) == NULL ? -1 : m->statement_pdf(f, ds);
}

int
draw_report(FILE *f, enum draw_kind kind, const struct draw_report *r)
{
	const struct draw_module	*m;

	return (m = module()) == NULL ? -1 : m->report(f, kind, r);
}
