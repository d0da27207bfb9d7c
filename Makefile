# borgerbudget: budgetd (the ledger daemon) and budgetctl (its client).
#
#   make            build both programs under build/
#   make check      install missing Debian packages, build, run every test
#   make asan       the whole suite under AddressSanitizer + UBSan
#   make demo       a daemon under ./var playing the Halsnæs scenario
#   make bench      throughput, latency, statement, RSS and verify, each
#                   against raw LMDB baselines of the same run
#   make fuzz       each libFuzzer harness for FUZZ_SECONDS (clang, build-fuzz/)
#   make install    PREFIX=/usr/local DESTDIR= (programs, man pages)

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
SBINDIR	?= $(PREFIX)/sbin
MANDIR	?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc
SYSTEMDDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR ?= $(PREFIX)/lib/tmpfiles.d
LOCALEDIR ?= $(PREFIX)/share/locale
LIBDIR	?= $(PREFIX)/lib
MODULEDIR ?= $(LIBDIR)/borgerbudget

CC	?= cc
B	?= build
PKGS	 = lmdb libevent libprotobuf-c libsodium inih libxxhash

OPT	?= -O2 -g
WARN	 = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	   -Wpointer-arith -Wsign-compare -Werror
CFLAGS	+= -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) -MMD -MP \
	   -DLOCALEDIR='"$(LOCALEDIR)"' -DMODULEDIR='"$(MODULEDIR)"' \
	   -Icommon -Iproto -I$(B)/proto \
	   $(shell pkg-config --cflags $(PKGS) jansson)
LDLIBS	+= $(shell pkg-config --libs $(PKGS))

PROTO_C	 = $(B)/proto/borgerbudget.pb-c.c
PROTO_H	 = $(B)/proto/borgerbudget.pb-c.h

COMMON	 = $(wildcard common/*.c) proto/frame.c

# The daemon's parts, bottom up, and the parts each one may include (its
# own folder it always sees): an arrow not listed does not compile. The
# client sees only common/ and proto/. README, "Layout", draws them.
PARTS	 = base store rules journal ops dispatch server main
SEES_base	=
SEES_store	= base
SEES_rules	= store base
SEES_journal	= rules store base
SEES_ops	= journal rules store base
SEES_dispatch	= ops journal rules store base
SEES_server	= dispatch journal store base
SEES_main	= server dispatch ops journal rules store base
part	 = $(word 2,$(subst /, ,$(1)))
sees	 = $(foreach p,$(SEES_$(call part,$(1))),-Idaemon/$(p))
ALL_PARTS = $(foreach p,$(PARTS),-Idaemon/$(p))

DAEMON	 = $(filter-out daemon/main/budgetd.c,\
	   $(foreach p,$(PARTS),$(wildcard daemon/$(p)/*.c)))
# The drawing module's files (client/draw-module.h); the rest is budgetctl.
DRAWING	 = $(addprefix client/,draw-module.c draw-pdf.c draw-report.c \
	   draw-statement.c svg.c)
CLIENT	 = $(filter-out client/budgetctl.c $(DRAWING),$(wildcard client/*.c))
UNITS	 = $(wildcard tests/unit/test_*.c)

obj	 = $(patsubst %.c,$(B)/%.o,$(1))
COMMON_O = $(call obj,$(COMMON)) $(PROTO_C:.c=.o)
DAEMON_O = $(call obj,$(DAEMON))
CLIENT_O = $(call obj,$(CLIENT))
UNIT_BIN = $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNITS))

# The Danish catalogue: English source strings, po/da.po their Danish
# (GNU gettext). The programs find it under LOCALEDIR once installed and
# in $(B)/locale beside themselves when run from the build tree.
LINGUAS	 = da
MO	 = $(foreach l,$(LINGUAS),$(B)/locale/$(l)/LC_MESSAGES/borgerbudget.mo)

all: $(B)/budgetd $(B)/budgetctl $(B)/budgetctl-draw.so $(MO)

$(B)/locale/%/LC_MESSAGES/borgerbudget.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# After changing a text: the template anew, and each language's
# catalogue merged with it (new texts to translate come in untranslated;
# tests/layout/translations.sh fails until each has its Danish).
po:
	po/extract po/borgerbudget.pot
	for l in $(LINGUAS); do \
	    msgmerge --quiet --update --backup=none --no-fuzzy-matching \
	    po/$$l.po po/borgerbudget.pot; done

# budgetd verify-archive reads the package's JSON Lines: libjansson.
$(B)/budgetd: $(call obj,daemon/main/budgetd.c) $(DAEMON_O) $(COMMON_O)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) \
	    $(shell pkg-config --libs jansson)

# The client reads JSON (budgetctl import): libjansson. It exports its
# symbols to the drawing module, which calls its money and text helpers.
$(B)/budgetctl: $(call obj,client/budgetctl.c) $(CLIENT_O) $(COMMON_O)
	$(CC) $(CFLAGS) $(LDFLAGS) -Wl,--export-dynamic -o $@ $^ $(LDLIBS) \
	    $(shell pkg-config --libs jansson)

# Only the drawing module (statement and report as PDF and SVG) links
# cairo and pango; budgetctl loads it when it draws. Its own symbols are
# hidden, so that its calls stay inside it.
DRAW_PKGS = pangocairo cairo-pdf
$(B)/budgetctl-draw.so: $(patsubst client/%.c,$(B)/drawing/%.o,$(DRAWING))
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -o $@ $^ \
	    $(shell pkg-config --libs $(DRAW_PKGS))

$(B)/drawing/%.o: client/%.c $(PROTO_H)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -fPIC -fvisibility=hidden \
	    $(shell pkg-config --cflags $(DRAW_PKGS)) -c -o $@ $<

$(B)/client/%.o: client/%.c $(PROTO_H)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

# Each part as an archive, so that a unit test links the parts it tests
# and what they stand on, and only the objects it uses come in: the
# rules' tests link the rules, the store and common/, not the server.
LIB_ORDER = server dispatch ops journal rules store base
part_archives = $(foreach p,$(LIB_ORDER),$(if $(filter $(p),$(1)),\
	   $(B)/daemon/lib$(p).a))
define part_archive
$(B)/daemon/lib$(1).a: $(call obj,$(wildcard daemon/$(1)/*.c))
	rm -f $$@
	ar rcs $$@ $$^
endef
$(foreach p,$(LIB_ORDER),$(eval $(call part_archive,$(p))))

# The parts each unit test links; a test not named links every part.
UNIT_test_date		=
UNIT_test_money		=
UNIT_test_names		=
UNIT_test_origin	=
UNIT_test_sha256	=
UNIT_test_table		=
UNIT_test_utf8		=
UNIT_test_ledger	= rules store base
UNIT_test_merkle	= journal base
UNIT_test_glance	= store base
UNIT_test_store		= store base
UNIT_test_reservations	= journal rules store base
UNIT_test_verify	= journal rules store base
unit_parts = $(if $(filter undefined,$(origin UNIT_$(1))),$(LIB_ORDER),\
	   $(UNIT_$(1)))

.SECONDEXPANSION:
$(B)/tests/%: tests/unit/%.c \
	    $$(call part_archives,$$(call unit_parts,$$*)) $(COMMON_O)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(ALL_PARTS) $(LDFLAGS) -o $@ \
	    $(filter %.c %.a %.o,$^) $(LDLIBS) \
	    $(shell pkg-config --libs cmocka)

# Generated code is built, never committed; it is not held to our
# warning set, which it was not written for.
$(PROTO_C) $(PROTO_H): proto/borgerbudget.proto
	@mkdir -p $(@D)
	protoc-c --proto_path=proto --c_out=$(B)/proto $<
$(PROTO_C:.c=.o): $(PROTO_C)
	$(CC) $(filter-out -W%,$(CFLAGS)) -c -o $@ $<

$(B)/daemon/%.o: daemon/%.c $(PROTO_H)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(call sees,$<) -c -o $@ $<

$(B)/%.o: %.c $(PROTO_H)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

units: $(UNIT_BIN)

# The daemon's objects as a library: a fuzz harness links what it uses
# and stands in for the rest (fuzz_request replaces the socket, server.c).
FUZZ_SECONDS ?= 60
FUZZERS	 = $(patsubst tests/fuzz/fuzz_%.c,$(B)/fuzz/%,\
	   $(wildcard tests/fuzz/fuzz_*.c))

$(B)/libbudgetd.a: $(filter-out $(B)/daemon/server/server.o,$(DAEMON_O)) \
	    $(COMMON_O)
	rm -f $@
	ar rcs $@ $^

$(B)/fuzz/%: tests/fuzz/fuzz_%.c $(B)/libbudgetd.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(ALL_PARTS) -fsanitize=fuzzer $(LDFLAGS) -o $@ \
	    $(filter %.c %.a,$^) $(LDLIBS) $(shell pkg-config --libs jansson)

fuzzers: $(FUZZERS)

$(B)/bench/%: bench/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

# The entry points a new user types install what Debian lacks first, then
# build in a fresh make so pkg-config sees the new packages.
deps:
	@scripts/install-deps

check: deps
	@$(MAKE) --no-print-directory all units
	@B=$(B) tests/run

asan: deps
	@$(MAKE) --no-print-directory B=build-asan \
	    OPT="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" all units
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    B=build-asan tests/run

# libFuzzer (clang) with address and undefined sanitizers, each harness
# for FUZZ_SECONDS on its corpus; FUZZ_TARGETS="frame money" picks some.
fuzz: deps
	@$(MAKE) --no-print-directory B=build-fuzz CC=clang \
	    OPT="-O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=all \
	    -fsanitize=fuzzer-no-link,address,undefined" \
	    LDFLAGS="-fsanitize=address,undefined" fuzzers
	@B=build-fuzz FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run $(FUZZ_TARGETS)

# Benchmarks print what they measured against a baseline of the same run.
bench: deps
	@scripts/install-deps bench
	@$(MAKE) --no-print-directory all $(B)/bench/sha_baseline \
	    $(B)/bench/lmdb_baseline
	@B=$(B) bench/run

demo: deps
	@$(MAKE) --no-print-directory all
	@scripts/demo $(B)

install: all
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(BINDIR) \
	    $(DESTDIR)$(SYSCONFDIR)/borgerbudget
	install -m 755 $(B)/budgetd $(DESTDIR)$(SBINDIR)/budgetd
	install -m 755 $(B)/budgetctl $(DESTDIR)$(BINDIR)/budgetctl
	install -d $(DESTDIR)$(MODULEDIR)
	install -m 644 $(B)/budgetctl-draw.so \
	    $(DESTDIR)$(MODULEDIR)/budgetctl-draw.so
	install -m 644 conf/budgetd.conf \
	    $(DESTDIR)$(SYSCONFDIR)/borgerbudget/budgetd.conf.example
	install -d $(DESTDIR)$(SYSTEMDDIR) $(DESTDIR)$(SYSUSERSDIR) \
	    $(DESTDIR)$(TMPFILESDIR)
	sed 's|/usr/local/sbin|$(SBINDIR)|g; s|/etc/borgerbudget|$(SYSCONFDIR)/borgerbudget|g' \
	    systemd/budgetd.service >$(DESTDIR)$(SYSTEMDDIR)/budgetd.service
	install -m 644 systemd/budgetd.socket $(DESTDIR)$(SYSTEMDDIR)
	install -m 644 systemd/budgetd.sysusers \
	    $(DESTDIR)$(SYSUSERSDIR)/budgetd.conf
	install -m 644 systemd/budgetd.tmpfiles \
	    $(DESTDIR)$(TMPFILESDIR)/budgetd.conf
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(MANDIR)/man8
	install -m 644 man/budgetctl.1 $(DESTDIR)$(MANDIR)/man1/budgetctl.1
	install -m 644 man/budgetd.conf.5 \
	    $(DESTDIR)$(MANDIR)/man5/budgetd.conf.5
	install -m 644 man/budgetd.8 $(DESTDIR)$(MANDIR)/man8/budgetd.8
	for l in $(LINGUAS); do \
	    install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
	    install -m 644 $(B)/locale/$$l/LC_MESSAGES/borgerbudget.mo \
	    $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/borgerbudget.mo; done

clean:
	rm -rf build build-asan build-fuzz

.PHONY: all units fuzzers deps check asan fuzz bench demo install clean po
.SECONDARY:

-include $(shell find $(B) -name '*.d' 2>/dev/null)
