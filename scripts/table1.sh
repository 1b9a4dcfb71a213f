#line 5225 "book/20-vae.nw"
# Generated from book/20-vae.nw; do not edit.
# Reproduce the GenGS columns of Table 1 of Joo et al.: bash scripts/table1.sh [EPOCHS]
set -u
EPOCHS=${1:-${TABLE1_EPOCHS:-100}}
GENGS=${GENGS:-build/gengs}
DATA=${TABLE1_DATA:-}
JOBS=${TABLE1_JOBS:-2}
RUNS=${TABLE1_RUNS:-build/table1}
OUT=${TABLE1_OUT:-results}
ONLY=${TABLE1_ONLY:-}
read -r -a EXTRA <<< "${TABLE1_ARGS:-}"   # more options for every run, split at blanks
export OPENBLAS_NUM_THREADS=1

die() { echo "table1: error: $*" >&2; exit 1; }
[ -x "$GENGS" ] || die "$GENGS is missing (run make first)"
[[ "$EPOCHS" =~ ^[1-9][0-9]*$ ]] || die "EPOCHS = '$EPOCHS' is not a positive integer"
[ -n "$DATA" ] || die "set TABLE1_DATA=DIR, a directory that holds binarized_mnist/ and" \
    "omniglot/ (README.md, section 'The paper's data sets', says where to get them)"
for d in binarized_mnist omniglot; do
    [ -d "$DATA/$d" ] || die "$DATA/$d is missing (TABLE1_DATA=$DATA; see README.md)"
done
mkdir -p "$RUNS" "$OUT" || die "cannot create $RUNS or $OUT"
PROGRESS=$RUNS/progress.log
log() { echo "$(date '+%Y-%m-%d %H:%M:%S') $*" | tee -a "$PROGRESS"; }

#line 5257 "book/20-vae.nw"
PRIORS="poisson:2 poisson:3 geometric:0.25 geometric:0.5 negbin:3,0.5 negbin:5,0.7"
declare -A LABEL=( [poisson:2]="Pois(2)" [poisson:3]="Pois(3)" [geometric:0.25]="Geom(.25)"
                   [geometric:0.5]="Geom(.5)" [negbin:3,0.5]="NegBin(3,.5)"
                   [negbin:5,0.7]="NegBin(5,.3)" )
declare -A PAPER=(
  [mnist-poisson:2-explicit]="103.18 \$\\pm\$ 0.92"
  [mnist-poisson:2-implicit]="96.04 \$\\pm\$ 1.44"
  [mnist-poisson:3-explicit]="105.15 \$\\pm\$ 1.71"
  [mnist-poisson:3-implicit]="96.01 \$\\pm\$ 1.27"
  [mnist-geometric:0.25-explicit]="98.43 \$\\pm\$ 0.81"
  [mnist-geometric:0.25-implicit]="92.52 \$\\pm\$ 1.62"
  [mnist-geometric:0.5-explicit]="100.92 \$\\pm\$ 1.24"
  [mnist-geometric:0.5-implicit]="93.81 \$\\pm\$ 1.60"
  [mnist-negbin:3,0.5-explicit]="98.58 \$\\pm\$ 1.27"
  [mnist-negbin:3,0.5-implicit]="94.52 \$\\pm\$ 1.52"
  [mnist-negbin:5,0.7-explicit]="100.88 \$\\pm\$ 2.35"
  [mnist-negbin:5,0.7-implicit]="95.37 \$\\pm\$ 1.43"
  [omniglot-poisson:2-explicit]="127.89 \$\\pm\$ 1.44"
  [omniglot-poisson:2-implicit]="118.17 \$\\pm\$ 2.22"
  [omniglot-poisson:3-explicit]="131.53 \$\\pm\$ 1.76"
  [omniglot-poisson:3-implicit]="119.15 \$\\pm\$ 1.92"
  [omniglot-geometric:0.25-explicit]="115.23 \$\\pm\$ 2.00"
  [omniglot-geometric:0.25-implicit]="107.79 \$\\pm\$ 2.84"
  [omniglot-geometric:0.5-explicit]="115.14 \$\\pm\$ 2.43"
  [omniglot-geometric:0.5-implicit]="108.48 \$\\pm\$ 2.78"
  [omniglot-negbin:3,0.5-explicit]="118.57 \$\\pm\$ 2.71"
  [omniglot-negbin:3,0.5-implicit]="117.02 \$\\pm\$ 2.18"
  [omniglot-negbin:5,0.7-explicit]="119.57 \$\\pm\$ 2.02"
  [omniglot-negbin:5,0.7-implicit]="117.54 \$\\pm\$ 2.76"
)
# run name: mnist-poisson2-implicit (no colons, dots or commas in file names)
name_of() { echo "$1-$(echo "$2" | tr -d ':.,')-$3"; }
CONFIGS=()
for ds in mnist omniglot; do
    for prior in $PRIORS; do
        for inf in explicit implicit; do
            n=$(name_of $ds $prior $inf)
            if [ -z "$ONLY" ] || [[ " $ONLY " == *" $n "* ]]; then
                CONFIGS+=("$ds $prior $inf")
            fi
        done
    done
done
[ ${#CONFIGS[@]} -gt 0 ] || die "no configuration matches TABLE1_ONLY = '$ONLY'"
#line 5304 "book/20-vae.nw"
run_one() {
    local ds=$1 prior=$2 inf=$3 n dir args t0 rc
    n=$(name_of $ds $prior $inf)
    dir=$RUNS/$n
    args=(vae --prior "$prior" --inference "$inf" --epochs "$EPOCHS" --threads 1 --out "$dir"
          "${EXTRA[@]}")
    if [ "$ds" = mnist ]; then
        args+=(--data binarized-mnist --data-dir "$DATA/binarized_mnist")
    else
        args+=(--data omniglot --data-dir "$DATA/omniglot")
    fi
    [ -f "$dir/checkpoint.bin" ] && args+=(--resume)
    mkdir -p "$dir"
    log "start $n"
    t0=$(date +%s)
    "$GENGS" "${args[@]}" >> "$dir/stdout.log" 2>> "$dir/stderr.log"
    rc=$?
    echo $(( $(date +%s) - t0 + $(cat "$dir/seconds" 2>/dev/null || echo 0) )) > "$dir/seconds"
    if [ $rc -eq 0 ]; then
        log "done  $n: $(tail -n 1 "$dir/stdout.log")"
    else
        log "FAIL  $n (status $rc): $(tail -n 1 "$dir/stderr.log")"
    fi
    return $rc
}
#line 5332 "book/20-vae.nw"
log "table1: ${#CONFIGS[@]} runs of $EPOCHS epochs, $JOBS at a time, in" \
    "$RUNS${EXTRA[*]:+ (options: ${EXTRA[*]})}"
T0=$(date +%s)
FAILED=0
for c in "${CONFIGS[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do
        wait -n || FAILED=1
    done
    run_one $c &
done
while [ "$(jobs -rp | wc -l)" -gt 0 ]; do
    wait -n || FAILED=1
done
wait || FAILED=1
WALL=$(( $(date +%s) - T0 ))
log "table1: all runs finished in $((WALL / 3600)) h $((WALL % 3600 / 60)) min"
#line 5353 "book/20-vae.nw"
# the column named $2 of the last line of the CSV file $1 (columns are found by name, so
# that logs whose other columns were renamed or added still read)
field() {
    awk -F, -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i }
                          { last = $0 }
                          END { if (c) { split(last, f, ","); print f[c] } }' "$1"
}
{
    echo "| data | prior | inference | paper (GenGS) | ours, discrete | ours, relaxed |" \
         "epochs | minutes |"
    echo "|---|---|---|---|---|---|---|---|"
} > "$OUT/table1.md.tmp"
{
    echo "% Generated by scripts/table1.sh on $(date '+%Y-%m-%d');" \
         "$EPOCHS epochs per run${EXTRA[*]:+ with ${EXTRA[*]}}."
    echo "\\begin{tabular}{@{}lllrrrrr@{}}"
    echo "\\toprule"
    echo "data & prior & inference & paper & ours, discrete & ours, relaxed & epochs & min\\\\"
    echo "\\midrule"
} > "$OUT/table1.tex.tmp"
for c in "${CONFIGS[@]}"; do
    set -- $c
    n=$(name_of "$1" "$2" "$3")
    csv=$RUNS/$n/log.csv
    paper=${PAPER[$1-$2-$3]}
    if [ -f "$csv" ] && [ "$(wc -l < "$csv")" -gt 1 ]; then
        disc=$(field "$csv" test_nelbo); rel=$(field "$csv" test_nelbo_relaxed)
        ep=$(field "$csv" epoch)
        min=$(( $(cat "$RUNS/$n/seconds" 2>/dev/null || echo 0) / 60 ))
        disc=$(printf '%.2f' "$disc"); rel=$(printf '%.2f' "$rel")
    else
        disc="---"; rel="---"; ep=0; min=0
    fi
    md=${paper//\$\\pm\$/+-}
    echo "| $1 | ${LABEL[$2]} | $3 | $md | $disc | $rel | $ep | $min |" >> "$OUT/table1.md.tmp"
    echo "$1 & ${LABEL[$2]} & $3 & $paper & $disc & $rel & $ep & $min\\\\" \
         >> "$OUT/table1.tex.tmp"
done
{
    echo "\\bottomrule"
    echo "\\end{tabular}"
} >> "$OUT/table1.tex.tmp"
echo "" >> "$OUT/table1.md.tmp"
echo "Total wall time: $((WALL / 60)) min for ${#CONFIGS[@]} runs of $EPOCHS epochs," \
     "$JOBS at a time." >> "$OUT/table1.md.tmp"
mv "$OUT/table1.md.tmp" "$OUT/table1.md"
mv "$OUT/table1.tex.tmp" "$OUT/table1.tex"
for ds in mnist omniglot; do
    d=$RUNS/$(name_of $ds poisson:2 implicit)
    [ -f "$d/reconstructions.png" ] && cp "$d/reconstructions.png" "$OUT/figure4-$ds.png"
    [ -f "$d/samples.png" ] && cp "$d/samples.png" "$OUT/samples-$ds.png"
done
log "table1: wrote $OUT/table1.md and $OUT/table1.tex"
exit $FAILED
