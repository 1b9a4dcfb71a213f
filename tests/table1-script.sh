#line 6614 "book/20-vae.nw"
# Generated from book/20-vae.nw; do not edit.
# Test of scripts/table1.sh with a stand-in for gengs: bash tests/table1-script.sh
set -u
S=$PWD/scripts/table1.sh
[ -f "$S" ] || { echo "table1-script: run from the root of the source tree" >&2; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/gengs-table1-XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
fail() { echo "table1-script: FAILED: $*" >&2; exit 1; }
mkdir -p "$T/data/binarized_mnist" "$T/data/omniglot" "$T/cwd"
: > "$T/cwd/rfx"
cat > "$T/fake-gengs" <<'FAKE'
#!/bin/bash
out=; est=; ep=
while [ $# -gt 0 ]; do
    case "$1" in --out) out=$2; shift;; --estimator) est=$2; shift;; --epochs) ep=$2; shift;;
    esac
    shift
done
echo "$est" >> "$FAKE_CALLS"
echo "$est $ep" >> "$FAKE_CALLS.epochs"
[ "$est" = "${FAKE_FAIL:-}" ] && { echo "gengs: error: made to fail" >&2; exit 1; }
case $est in gengs) v=90;; gengs-st) v=91;; 'rf*') v=92;; muprop) v=93;; nvil) v=94;;
             vimco) v=95;; rebar) v=96;; relax) v=97;; 'storb*') v=98;; *) exit 2;; esac
{   # the test NELBO falls by 10 per epoch: v.5 after the first
    echo "epoch,step,tau,train_nelbo_relaxed,train_recon_relaxed,train_kl,test_nelbo"
    for ((e = 1; e <= ep; e++)); do echo "$e,$((10 * e)),0.9,1,1,1,$((v - 10 * (e - 1))).5"; done
} > "$out/log.csv"
echo "epoch 1/1 fake"
FAKE
chmod +x "$T/fake-gengs"
export FAKE_CALLS=$T/calls
run() {
    (cd "$T/cwd" && GENGS=$T/fake-gengs TABLE1_DATA=$T/data TABLE1_RUNS=$T/runs \
        TABLE1_OUT=$T/out TABLE1_NAME=t TABLE1_ONLY="mnist-poisson2-implicit" "$@" \
        bash "$S" "${RUN_EPOCHS:-1}" > "$T/log" 2>&1)
}
run env TABLE1_ESTIMATORS="gengs rf* relax storb*" TABLE1_JOBS=1 FAKE_FAIL=muprop \
    && [ -f "$T/out/t-baselines.md" ] || fail "the first run: $(cat "$T/log")"
[ -d "$T/runs/mnist-poisson2-implicit-rfstar" ] || fail "no rf* run directory"
[ -d "$T/runs/mnist-poisson2-implicit-storbstar" ] || fail "no storb* run directory"
[ ! -e "$T/runs/mnist-poisson2-implicit-rfx" ] || fail "rf* was expanded by the shell"
grep -q "| mnist | Pois(2) | 90.50 (96.04 +- 1.44) | 92.50 (122.81 +- 2.41) |" \
    "$T/out/t-baselines.md" || fail "the row: $(cat "$T/out/t-baselines.md")"
grep -q "| 97.50 (122.71 +- 1.92) | 98.50 (124.02 +- 4.91) |" "$T/out/t-baselines.md" \
    || fail "the RELAX and StoRB* columns: $(cat "$T/out/t-baselines.md")"
grep -q "mnist & Pois(2) & 90.50 (96.04) & 92.50 (122.81) & 97.50 (122.71) & 98.50 (124.02)" \
    "$T/out/t-baselines.tex" || fail "the LaTeX row: $(cat "$T/out/t-baselines.tex")"
grep -q "| mnist | Pois(2) | implicit | 96.04 +- 1.44 | 90.50 |" "$T/out/t.md" \
    || fail "the GenGS table: $(cat "$T/out/t.md")"
rm -rf "$T/runs" "$T/out"
run env TABLE1_ESTIMATORS="gengs muprop vimco" FAKE_FAIL=muprop \
    && fail "a failed run gave status 0"
grep -q "| 90.50 (96.04 +- 1.44) | --- (125.43 +- 2.27) | 95.50 (122.55 +- 3.28) |" \
    "$T/out/t-baselines.md" || fail "the failed run's row: $(cat "$T/out/t-baselines.md")"
grep -q "^- mnist-poisson2-implicit-muprop: gengs: error: made to fail" \
    "$T/out/t-baselines.md" || fail "the failed run's reason: $(cat "$T/out/t-baselines.md")"
rm -rf "$T/runs" "$T/out" "$FAKE_CALLS.epochs"
RUN_EPOCHS=3 run env TABLE1_ESTIMATORS="gengs vimco" TABLE1_BASELINE_EPOCHS=2 \
    || fail "the run with a baseline budget: $(cat "$T/log")"
[ "$(sort "$FAKE_CALLS.epochs" | tr '\n' ' ')" = "gengs 3 vimco 2 " ] \
    || fail "the budgets: $(cat "$FAKE_CALLS.epochs")"
grep -q "| mnist | Pois(2) | 80.50 (96.04 +- 1.44) | 85.50 (122.55 +- 3.28) |" \
    "$T/out/t-baselines.md" || fail "GenGS at the baselines' epoch: $(cat "$T/out/t-baselines.md")"
grep -q "| mnist | Pois(2) | implicit | 96.04 +- 1.44 | 70.50 |" "$T/out/t.md" \
    || fail "GenGS's last epoch: $(cat "$T/out/t.md")"
RUN_EPOCHS=3 run env TABLE1_ESTIMATORS="gengs vimco" TABLE1_BASELINE_EPOCHS=4 \
    && fail "a baseline budget above EPOCHS was accepted"
grep -q "TABLE1_BASELINE_EPOCHS = '4'" "$T/log" || fail "the budget's message: $(cat "$T/log")"
run env TABLE1_ESTIMATORS="gengs rf" && fail "an unknown estimator was accepted"
grep -q "'rf' is not one of" "$T/log" || fail "the unknown estimator's message: $(cat "$T/log")"
echo "table1-script: ok"
