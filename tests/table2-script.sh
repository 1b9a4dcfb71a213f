#line 3184 "book/21-nvpdef.nw"
# Generated from book/21-nvpdef.nw; do not edit.
# Test of scripts/table2.sh with a stand-in for gengs: bash tests/table2-script.sh
set -u
T=$(mktemp -d "${TMPDIR:-/tmp}/gengs-table2-XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
fail() { echo "table2-script: FAILED: $*" >&2; exit 1; }
#line 3200 "book/21-nvpdef.nw"
mkdir -p "$T/data"
awk 'BEGIN { for (w = 1; w <= 30; w++) print "word" w, 0 }' > "$T/data/vocab.new"
for part in train:120:11 test:40:12; do
    IFS=: read -r name D seed <<< "$part"
    awk -v D="$D" -v s="$seed" 'function rnd() { s = (s * 1103515245 + 12345) % 2147483648
                                                return s / 2147483648 }
        BEGIN { for (d = 0; d < D; d++) {
                    line = "1"; half = (d % 2) * 15
                    if (d != 7) for (w = 1; w <= 15; w++) if (rnd() < 0.4)
                        line = line " " (half + w) ":" (1 + int(3 * rnd()))
                    print line } }' > "$T/data/$name.feat"
done
#line 3216 "book/21-nvpdef.nw"
cat > "$T/fake-gengs" <<'FAKE'
#!/bin/bash
out=; seed=; model=; epochs=; resume=0
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out=$2; shift;; --seed) seed=$2; shift;; --model) model=$2; shift;;
        --epochs) epochs=$2; shift;; --resume) resume=1;;
    esac
    shift
done
mkdir "$FAKE_LOCK" 2>/dev/null || { echo "another run is going on" >&2; exit 3; }
trap 'rmdir "$FAKE_LOCK"' EXIT
echo "$model $seed resume=$resume epochs=$epochs" >> "$FAKE_CALLS"
[ "$model-$seed" = "${FAKE_FAIL:-}" ] && { echo "gengs: error: made to fail" >&2; exit 1; }
case $model in nvdm) b=800;; nvpdef) b=700;; stacked) b=600;; *) exit 2;; esac
: > "$out/checkpoint.bin"
printf 'topic 0: %s_%s 100%% {x}\ntopic 1: b\n' "$model" "$seed" > "$out/topics.txt"
{
    printf '%s%s\n' "epoch,step,tau,train_nelbo_relaxed,test_ppl_doc_relaxed,test_ppl_doc," \
        "valid_ppl_doc,test_ppl_corpus,test_kl,seconds,docs_per_s"
    for e in 1 2 3; do
        case $e in 1) v=500;; 2) v=400;; 3) v=450;; esac
        r=$((b - 100 + 10 * seed + e)); [ "$model" = nvdm ] && r=nan   # as the real command
        echo "$e,$((10 * e)),0.9,1,$r,$((b + 10 * seed + e)),$v,1,1,1,1"
    done
} > "$out/log.csv"
echo "epoch 3/3 fake"
FAKE
chmod +x "$T/fake-gengs"
export FAKE_LOCK=$T/lock FAKE_CALLS=$T/calls
#line 3248 "book/21-nvpdef.nw"
S=scripts/table2.sh
[ -f "$S" ] || fail "run from the root of the source tree"
msg=$(GENGS=$T/fake-gengs TABLE2_DATA= TABLE2_RUNS=$T/runs bash $S 3 2>&1) \
    && fail "no TABLE2_DATA was accepted"
[[ "$msg" == *"set TABLE2_DATA=DIR"* ]] || fail "no TABLE2_DATA: '$msg'"
mkdir -p "$T/nodata"
msg=$(GENGS=$T/fake-gengs TABLE2_DATA=$T/nodata TABLE2_RUNS=$T/runs bash $S 3 2>&1) \
    && fail "an empty data directory was accepted"
[[ "$msg" == *"$T/nodata/train.feat is missing"* ]] || fail "empty directory: '$msg'"
msg=$(GENGS=$T/fake-gengs TABLE2_DATA=$T/data TABLE2_RUNS=$T/runs bash $S 0 2>&1) \
    && fail "0 epochs were accepted"
[[ "$msg" == *"not a positive integer"* ]] || fail "0 epochs: '$msg'"
msg=$(GENGS=$T/fake-gengs TABLE2_DATA=$T/data TABLE2_RUNS=$T/runs TABLE2_ONLY="nvdm lda" \
      bash $S 3 2>&1) && fail "TABLE2_ONLY = 'nvdm lda' was accepted"
[[ "$msg" == *"TABLE2_ONLY"* ]] || fail "TABLE2_ONLY = 'nvdm lda': '$msg'"
[ ! -e "$T/calls" ] || fail "a refused invocation ran gengs"
#line 3268 "book/21-nvpdef.nw"
GENGS=$T/fake-gengs TABLE2_DATA=$T/data TABLE2_RUNS=$T/runs TABLE2_OUT=$T/out \
    FAKE_FAIL=stacked-3 bash $S 3 > "$T/stdout" 2>&1
[ $? -eq 1 ] || fail "a failed run did not make the script fail"
want="nvdm 1 resume=0 epochs=3
nvdm 2 resume=0 epochs=3
nvdm 3 resume=0 epochs=3
nvpdef 1 resume=0 epochs=3
nvpdef 2 resume=0 epochs=3
nvpdef 3 resume=0 epochs=3
stacked 1 resume=0 epochs=3
stacked 2 resume=0 epochs=3
stacked 3 resume=0 epochs=3"
[ "$(cat "$T/calls")" = "$want" ] || fail "the runs were: $(cat "$T/calls")"
grep -q "another run" "$T"/runs/*/stderr.log && fail "two runs overlapped"
[ "$(grep -c ' start ' "$T/runs/progress.log")" = 9 ] \
    || fail "progress: $(cat "$T/runs/progress.log")"
[ "$(grep -c ' done ' "$T/runs/progress.log")" = 8 ] \
    || fail "progress: $(cat "$T/runs/progress.log")"
grep -q "FAIL  stacked-seed3 (status 1): gengs: error: made to fail" "$T/runs/progress.log" \
    || fail "the failure is not in the progress log"
md=$T/out/table2.md
stacked="| Multi-stacked NVPDEF (20-50) | 783 +- 17.6"
for row in "| NVDM (50) | 803 +- 9.3 | 822 +- 10.0 | 823 +- 10.0 | --- | 3 of 3 | 3/3/3 |" \
    "| NVPDEF (50) | 759 +- 13.1 | 722 +- 10.0 | 723 +- 10.0 | 622 +- 10.0 | 3 of 3 | 3/3/3 |" \
    "$stacked | 617 +- 7.1 | 618 +- 7.1 | 517 +- 7.1 | 2 of 3 | 3/3 |"; do
    grep -qF "$row" "$md" || fail "no row '$row' in $(cat "$md")"
done
grep -q "relaxed (not a bound)" "$md" || fail "the relaxed column is not labelled"
[ "$(cat "$T/out/table2-topics-nvpdef.tex")" = 'topic 0: nvpdef\_1 100\% \{x\}\\
topic 1: b\\' ] || fail "topics: $(cat "$T/out/table2-topics-nvpdef.tex")"
grep -qF 'NVPDEF (50) & 759 $\pm$ 13.1 & 722 $\pm$ 10.0 & 723 $\pm$ 10.0 & 622 $\pm$ 10.0 & 3' \
    "$T/out/table2.tex" || fail "tex: $(cat "$T/out/table2.tex")"
: > "$T/calls"
GENGS=$T/fake-gengs TABLE2_DATA=$T/data TABLE2_RUNS=$T/runs TABLE2_OUT=$T/out \
    bash $S 3 > "$T/stdout" 2>&1 || fail "the second invocation failed: $(cat "$T/stdout")"
[ "$(grep -c 'resume=1' "$T/calls")" = 8 ] && grep -q "stacked 3 resume=0" "$T/calls" \
    || fail "not resumed (all but the failed run, which wrote no checkpoint): $(cat "$T/calls")"
grep -qF "$stacked | 622 +- 10.0 | 623 +- 10.0 | 522 +- 10.0 | 3 of 3 |" \
    "$md" || fail "after the second invocation: $(cat "$md")"
: > "$T/calls"
GENGS=$T/fake-gengs TABLE2_DATA=$T/data TABLE2_RUNS=$T/only TABLE2_OUT=$T/onlyout \
    TABLE2_ONLY=nvpdef bash $S 3 > "$T/stdout" 2>&1 || fail "TABLE2_ONLY=nvpdef failed"
[ "$(cat "$T/calls")" = "nvpdef 1 resume=0 epochs=3
nvpdef 2 resume=0 epochs=3
nvpdef 3 resume=0 epochs=3" ] || fail "TABLE2_ONLY=nvpdef ran: $(cat "$T/calls")"
grep -qF "| NVDM (50) | 803 +- 9.3 | --- | --- | --- | 0 of 3 |" "$T/onlyout/table2.md" \
    && grep -qF "| NVPDEF (50) | 759 +- 13.1 | 722 +- 10.0 |" "$T/onlyout/table2.md" \
    || fail "TABLE2_ONLY=nvpdef wrote: $(cat "$T/onlyout/table2.md")"
#line 3318 "book/21-nvpdef.nw"
if [ -n "${TABLE2_TEST_GENGS:-}" ]; then
    GENGS=$TABLE2_TEST_GENGS TABLE2_DATA=$T/data TABLE2_RUNS=$T/real TABLE2_OUT=$T/realout \
        TABLE2_ARGS="--hidden 16 --samples 2" bash $S 1 > "$T/stdout" 2>&1 \
        || fail "the real runs: $(cat "$T/stdout"; cat "$T"/real/*/stderr.log)"
    grep -v '^| NVDM' "$T/realout/table2.md" | grep -qF -- '| --- |' \
        && fail "a column is empty: $(cat "$T/realout/table2.md")"
    [ "$(grep -c '| 3 of 3 |' "$T/realout/table2.md")" = 3 ] \
        || fail "the real runs: $(cat "$T/realout/table2.md")"
    cat "$T/realout/table2.md"
fi
#line 3195 "book/21-nvpdef.nw"
echo "table2-script: 1 passed, 0 failed"
