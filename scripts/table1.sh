#line 6209 "book/20-vae.nw"
# Generated from book/20-vae.nw; do not edit.
# Reproduce Table 1 of Joo et al.: bash scripts/table1.sh [EPOCHS]
set -u
set -f                                     # no file-name globbing: rf* is a name
EPOCHS=${1:-${TABLE1_EPOCHS:-100}}
BASE_EPOCHS=${TABLE1_BASELINE_EPOCHS:-$EPOCHS}    # the other estimators' budget
GENGS=${GENGS:-build/gengs}
DATA=${TABLE1_DATA:-}
JOBS=${TABLE1_JOBS:-2}
RUNS=${TABLE1_RUNS:-build/table1}
OUT=${TABLE1_OUT:-results}
ONLY=${TABLE1_ONLY:-}
ESTIMATORS=${TABLE1_ESTIMATORS:-gengs}
NAME=${TABLE1_NAME:-table1}
read -r -a EXTRA <<< "${TABLE1_ARGS:-}"   # more options for every run, split at blanks
export OPENBLAS_NUM_THREADS=1

die() { echo "table1: error: $*" >&2; exit 1; }
[ -x "$GENGS" ] || die "$GENGS is missing (run make first)"
[[ "$EPOCHS" =~ ^[1-9][0-9]*$ ]] || die "EPOCHS = '$EPOCHS' is not a positive integer"
[[ "$BASE_EPOCHS" =~ ^[1-9][0-9]*$ ]] && [ "$BASE_EPOCHS" -le "$EPOCHS" ] \
    || die "TABLE1_BASELINE_EPOCHS = '$BASE_EPOCHS' is not a positive integer <= EPOCHS" \
           "($EPOCHS)"
[ -n "$DATA" ] || die "set TABLE1_DATA=DIR, a directory that holds binarized_mnist/ and" \
    "omniglot/ (README.md, section 'The paper's data sets', says where to get them)"
for d in binarized_mnist omniglot; do
    [ -d "$DATA/$d" ] || die "$DATA/$d is missing (TABLE1_DATA=$DATA; see README.md)"
done
for e in $ESTIMATORS; do
    case $e in gengs|gengs-st|rf\*|muprop|nvil|vimco|rebar|relax|storb\*) ;;
        *) die "TABLE1_ESTIMATORS: '$e' is not one of gengs gengs-st rf* muprop nvil vimco" \
               "rebar relax storb*" ;;
    esac
done
[[ "$NAME" =~ ^[A-Za-z0-9_-]+$ ]] || die "TABLE1_NAME = '$NAME' must be letters, digits, - or _"
mkdir -p "$RUNS" "$OUT" || die "cannot create $RUNS or $OUT"
PROGRESS=$RUNS/progress.log
log() { echo "$(date '+%Y-%m-%d %H:%M:%S') $*" | tee -a "$PROGRESS"; }

#line 6255 "book/20-vae.nw"
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
# the paper's baselines (Table 1, implicit inference): RF*, NVIL, MuProp, VIMCO(5), REBAR,
# RELAX, StoRB*
declare -A PAPER_BASE=(
  [mnist-poisson:2-rebar]="123.44 \$\\pm\$ 2.54"
  [mnist-poisson:3-rebar]="120.62 \$\\pm\$ 2.31"
  [mnist-geometric:0.25-rebar]="135.12 \$\\pm\$ 2.74"
  [mnist-geometric:0.5-rebar]="138.37 \$\\pm\$ 2.98"
  [mnist-negbin:3,0.5-rebar]="no convergence"
  [mnist-negbin:5,0.7-rebar]="no convergence"
  [omniglot-poisson:2-rebar]="138.12 \$\\pm\$ 3.26"
  [omniglot-poisson:3-rebar]="137.92 \$\\pm\$ 3.07"
  [omniglot-geometric:0.25-rebar]="146.78 \$\\pm\$ 3.62"
  [omniglot-geometric:0.5-rebar]="149.63 \$\\pm\$ 3.49"
  [omniglot-negbin:3,0.5-rebar]="no convergence"
  [omniglot-negbin:5,0.7-rebar]="no convergence"
  [mnist-poisson:2-rf*]="122.81 \$\\pm\$ 2.41"
  [mnist-poisson:2-nvil]="129.34 \$\\pm\$ 4.72"
  [mnist-poisson:2-muprop]="125.43 \$\\pm\$ 2.27"
  [mnist-poisson:2-vimco]="122.55 \$\\pm\$ 3.28"
  [mnist-poisson:3-rf*]="123.12 \$\\pm\$ 2.21"
  [mnist-poisson:3-nvil]="130.24 \$\\pm\$ 3.32"
  [mnist-poisson:3-muprop]="125.92 \$\\pm\$ 1.81"
  [mnist-poisson:3-vimco]="121.15 \$\\pm\$ 2.57"
  [mnist-geometric:0.25-rf*]="127.90 \$\\pm\$ 1.97"
  [mnist-geometric:0.25-nvil]="135.90 \$\\pm\$ 2.38"
  [mnist-geometric:0.25-muprop]="137.90 \$\\pm\$ 2.14"
  [mnist-geometric:0.25-vimco]="127.21 \$\\pm\$ 2.55"
  [mnist-geometric:0.5-rf*]="129.20 \$\\pm\$ 2.03"
  [mnist-geometric:0.5-nvil]="138.47 \$\\pm\$ 2.30"
  [mnist-geometric:0.5-muprop]="136.40 \$\\pm\$ 1.78"
  [mnist-geometric:0.5-vimco]="129.91 \$\\pm\$ 2.90"
  [mnist-negbin:3,0.5-rf*]="116.67 \$\\pm\$ 5.97"
  [mnist-negbin:3,0.5-nvil]="119.28 \$\\pm\$ 7.80"
  [mnist-negbin:3,0.5-muprop]="131.96 \$\\pm\$ 6.49"
  [mnist-negbin:3,0.5-vimco]="112.69 \$\\pm\$ 4.30"
  [mnist-negbin:5,0.7-rf*]="130.03 \$\\pm\$ 3.99"
  [mnist-negbin:5,0.7-nvil]="133.44 \$\\pm\$ 4.27"
  [mnist-negbin:5,0.7-muprop]="144.05 \$\\pm\$ 8.15"
  [mnist-negbin:5,0.7-vimco]="124.48 \$\\pm\$ 2.72"
  [omniglot-poisson:2-rf*]="139.47 \$\\pm\$ 3.29"
  [omniglot-poisson:2-nvil]="148.01 \$\\pm\$ 4.19"
  [omniglot-poisson:2-muprop]="142.95 \$\\pm\$ 1.32"
  [omniglot-poisson:2-vimco]="138.73 \$\\pm\$ 3.42"
  [omniglot-poisson:3-rf*]="140.54 \$\\pm\$ 2.36"
  [omniglot-poisson:3-nvil]="148.13 \$\\pm\$ 3.98"
  [omniglot-poisson:3-muprop]="143.85 \$\\pm\$ 1.54"
  [omniglot-poisson:3-vimco]="139.37 \$\\pm\$ 3.10"
  [omniglot-geometric:0.25-rf*]="142.68 \$\\pm\$ 2.96"
  [omniglot-geometric:0.25-nvil]="153.69 \$\\pm\$ 2.52"
  [omniglot-geometric:0.25-muprop]="152.17 \$\\pm\$ 1.77"
  [omniglot-geometric:0.25-vimco]="142.94 \$\\pm\$ 3.96"
  [omniglot-geometric:0.5-rf*]="142.70 \$\\pm\$ 1.77"
  [omniglot-geometric:0.5-nvil]="153.20 \$\\pm\$ 1.49"
  [omniglot-geometric:0.5-muprop]="149.76 \$\\pm\$ 2.19"
  [omniglot-geometric:0.5-vimco]="142.05 \$\\pm\$ 3.56"
  [omniglot-negbin:3,0.5-rf*]="141.44 \$\\pm\$ 2.20"
  [omniglot-negbin:3,0.5-nvil]="144.44 \$\\pm\$ 2.78"
  [omniglot-negbin:3,0.5-muprop]="147.78 \$\\pm\$ 4.49"
  [omniglot-negbin:3,0.5-vimco]="141.89 \$\\pm\$ 3.84"
  [omniglot-negbin:5,0.7-rf*]="144.44 \$\\pm\$ 3.68"
  [omniglot-negbin:5,0.7-nvil]="159.40 \$\\pm\$ 5.13"
  [omniglot-negbin:5,0.7-muprop]="152.81 \$\\pm\$ 3.34"
  [omniglot-negbin:5,0.7-vimco]="150.49 \$\\pm\$ 4.09"
  [mnist-poisson:2-relax]="122.71 \$\\pm\$ 1.92"
  [mnist-poisson:3-relax]="119.84 \$\\pm\$ 2.18"
  [mnist-geometric:0.25-relax]="136.80 \$\\pm\$ 3.06"
  [mnist-geometric:0.5-relax]="139.41 \$\\pm\$ 3.59"
  [mnist-negbin:3,0.5-relax]="no convergence"
  [mnist-negbin:5,0.7-relax]="no convergence"
  [omniglot-poisson:2-relax]="137.56 \$\\pm\$ 2.94"
  [omniglot-poisson:3-relax]="137.42 \$\\pm\$ 2.96"
  [omniglot-geometric:0.25-relax]="148.91 \$\\pm\$ 4.03"
  [omniglot-geometric:0.5-relax]="151.97 \$\\pm\$ 3.90"
  [omniglot-negbin:3,0.5-relax]="no convergence"
  [omniglot-negbin:5,0.7-relax]="no convergence"
  [mnist-poisson:2-storb*]="124.02 \$\\pm\$ 4.91"
  [mnist-poisson:3-storb*]="124.41 \$\\pm\$ 5.96"
  [mnist-geometric:0.25-storb*]="131.09 \$\\pm\$ 4.95"
  [mnist-geometric:0.5-storb*]="139.67 \$\\pm\$ 2.42"
  [mnist-negbin:3,0.5-storb*]="114.36 \$\\pm\$ 4.12"
  [mnist-negbin:5,0.7-storb*]="128.02 \$\\pm\$ 2.60"
  [omniglot-poisson:2-storb*]="139.61 \$\\pm\$ 5.87"
  [omniglot-poisson:3-storb*]="140.05 \$\\pm\$ 3.68"
  [omniglot-geometric:0.25-storb*]="143.10 \$\\pm\$ 3.91"
  [omniglot-geometric:0.5-storb*]="142.56 \$\\pm\$ 2.97"
  [omniglot-negbin:3,0.5-storb*]="129.48 \$\\pm\$ 4.34"
  [omniglot-negbin:5,0.7-storb*]="151.30 \$\\pm\$ 3.98"
)
# run name: mnist-poisson2-implicit, and for another estimator than GenGS its name after
# a dash, mnist-poisson2-implicit-rfstar (no colons, dots, commas or stars in file names)
slug() { local e=${1//\*/star}; echo "${e//-/}"; }     # rf* -> rfstar, gengs-st -> gengsst
name_of() {
    local e=${4:-gengs}
    echo "$1-$(echo "$2" | tr -d ':.,')-$3$([ "$e" = gengs ] || echo "-$(slug "$e")")"
}
CONFIGS=()
for est in $ESTIMATORS; do
    for ds in mnist omniglot; do
        for prior in $PRIORS; do
            for inf in explicit implicit; do      # the baselines: implicit, as the paper's
                [ "$est" = gengs ] || [ "$inf" = implicit ] || continue
                n=$(name_of $ds $prior $inf $est)
                base=$(name_of $ds $prior $inf)
                if [ -z "$ONLY" ] || [[ " $ONLY " == *" $n "* ]] \
                   || [[ " $ONLY " == *" $base "* ]]; then
                    CONFIGS+=("$ds $prior $inf $est")
                fi
            done
        done
    done
done
[ ${#CONFIGS[@]} -gt 0 ] || die "no configuration matches TABLE1_ONLY = '$ONLY'"
#line 6400 "book/20-vae.nw"
run_one() {
    local ds=$1 prior=$2 inf=$3 est=$4 n dir args t0 rc ep=$EPOCHS
    n=$(name_of $ds $prior $inf $est)
    dir=$RUNS/$n
    [ "$est" = gengs ] || ep=$BASE_EPOCHS
    args=(vae --prior "$prior" --inference "$inf" --estimator "$est" --epochs "$ep"
          --threads 1 --out "$dir" "${EXTRA[@]}")
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
#line 6429 "book/20-vae.nw"
log "table1: ${#CONFIGS[@]} runs of $EPOCHS epochs (other estimators than GenGS:" \
    "$BASE_EPOCHS), $JOBS at a time, in" \
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
#line 6454 "book/20-vae.nw"
# the column named $2 of the CSV file $1 on its first line of epoch $3 or later, or on its
# last line when $3 is not given or the run has not reached it; empty when the file, the
# column or a finished epoch is missing (columns are found by name, so that logs whose
# other columns were renamed or added still read)
field() {
    [ -f "$1" ] || return 0
    awk -F, -v name="$2" -v e="${3:-}" '
        NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; c = h[name]; ep = h["epoch"]; next }
        c { v = $c }
        e != "" && ep && $ep + 0 >= e + 0 { exit }
        END { print v }' "$1"
}
if [[ " $ESTIMATORS " == *" gengs "* ]]; then
    
#line 6480 "book/20-vae.nw"
{
    echo "| data | prior | inference | paper (GenGS) | ours, discrete | ours, relaxed |" \
         "epochs | minutes |"
    echo "|---|---|---|---|---|---|---|---|"
} > "$OUT/$NAME.md.tmp"
{
    echo "% Generated by scripts/table1.sh on $(date '+%Y-%m-%d');" \
         "$EPOCHS epochs per run${EXTRA[*]:+ with ${EXTRA[*]}}."
    echo "\\begin{tabular}{@{}lllrrrrr@{}}"
    echo "\\toprule"
    echo "data & prior & inference & paper & ours, discrete & ours, relaxed & epochs & min\\\\"
    echo "\\midrule"
} > "$OUT/$NAME.tex.tmp"
for c in "${CONFIGS[@]}"; do
    set -- $c
    [ "$4" = gengs ] || continue
    n=$(name_of "$1" "$2" "$3")
    csv=$RUNS/$n/log.csv
    paper=${PAPER[$1-$2-$3]}
    ep=$(field "$csv" epoch)
    if [ -n "$ep" ]; then
        disc=$(printf '%.2f' "$(field "$csv" test_nelbo)")
        rel=$(printf '%.2f' "$(field "$csv" test_nelbo_relaxed)")
        min=$(( $(cat "$RUNS/$n/seconds" 2>/dev/null || echo 0) / 60 ))
    else
        disc="---"; rel="---"; ep=0; min=0
    fi
    md=${paper//\$\\pm\$/+-}
    echo "| $1 | ${LABEL[$2]} | $3 | $md | $disc | $rel | $ep | $min |" >> "$OUT/$NAME.md.tmp"
    echo "$1 & ${LABEL[$2]} & $3 & $paper & $disc & $rel & $ep & $min\\\\" \
         >> "$OUT/$NAME.tex.tmp"
done
{
    echo "\\bottomrule"
    echo "\\end{tabular}"
} >> "$OUT/$NAME.tex.tmp"
echo "" >> "$OUT/$NAME.md.tmp"
echo "Total wall time: $((WALL / 60)) min for ${#CONFIGS[@]} runs of $EPOCHS epochs," \
     "$JOBS at a time." >> "$OUT/$NAME.md.tmp"
mv "$OUT/$NAME.md.tmp" "$OUT/$NAME.md"
mv "$OUT/$NAME.tex.tmp" "$OUT/$NAME.tex"
if [ "$NAME" = table1 ]; then
    for ds in mnist omniglot; do
        d=$RUNS/$(name_of $ds poisson:2 implicit)
        [ -f "$d/reconstructions.png" ] && cp "$d/reconstructions.png" "$OUT/figure4-$ds.png"
        [ -f "$d/samples.png" ] && cp "$d/samples.png" "$OUT/samples-$ds.png"
    done
fi
#line 6468 "book/20-vae.nw"
fi
if [ "$ESTIMATORS" != gengs ]; then
    
#line 6536 "book/20-vae.nw"
declare -A SEEN=()
ROWS=()
for c in "${CONFIGS[@]}"; do
    set -- $c
    [ "$3" = implicit ] && [ -z "${SEEN[$1 $2]:-}" ] && { SEEN[$1 $2]=1; ROWS+=("$1 $2"); }
done
NOTES=()
{
    printf '| data | prior |'
    for e in $ESTIMATORS; do printf ' %s (paper) |' "$e"; done
    echo
    printf '|---|---|'
    for e in $ESTIMATORS; do printf -- '---|'; done
    echo
} > "$OUT/$NAME-baselines.md.tmp"
{
    echo "% Generated by scripts/table1.sh on $(date '+%Y-%m-%d');" \
         "$BASE_EPOCHS epochs per run${EXTRA[*]:+ with ${EXTRA[*]}}; implicit inference."
    printf '\\begin{tabular}{@{}ll'
    for e in $ESTIMATORS; do printf 'r'; done
    echo '@{}}'
    echo "\\toprule"
    printf 'data & prior'
    for e in $ESTIMATORS; do printf ' & %s' "${e//\*/\$^*\$}"; done
    echo '\\'
    echo "\\midrule"
} > "$OUT/$NAME-baselines.tex.tmp"
for row in "${ROWS[@]}"; do
    set -- $row
    md="| $1 | ${LABEL[$2]} |"; tex="$1 & ${LABEL[$2]}"
    for e in $ESTIMATORS; do
        n=$(name_of "$1" "$2" implicit "$e")
        ours=$(field "$RUNS/$n/log.csv" test_nelbo "$BASE_EPOCHS")
        [[ "$ours" =~ ^[0-9.]+$ ]] && ours=$(printf '%.2f' "$ours") || ours="---"
        if [ "$e" = gengs ]; then paper=${PAPER[$1-$2-implicit]:-}
        else paper=${PAPER_BASE[$1-$2-$e]:-}; fi
        [ "$ours" = "---" ] && [ -s "$RUNS/$n/stderr.log" ] \
            && NOTES+=("$n: $(tail -n 1 "$RUNS/$n/stderr.log")")
        pm=${paper//\$\\pm\$/+-}
        md+=" $ours (${pm:-n/a}) |"
        pt=${paper%% *}; [[ "$pt" =~ ^[0-9] ]] || pt=${paper:+---}
        tex+=" & $ours${pt:+ ($pt)}"
    done
    echo "$md" >> "$OUT/$NAME-baselines.md.tmp"
    echo "$tex\\\\" >> "$OUT/$NAME-baselines.tex.tmp"
done
{
    echo "\\bottomrule"
    echo "\\end{tabular}"
} >> "$OUT/$NAME-baselines.tex.tmp"
{
    echo ""
    echo "Test negative ELBO with discrete samples (an upper bound on -log p(x)) after" \
         "$BASE_EPOCHS epochs, implicit inference, one run each; the paper's mean +- sd in" \
         "parentheses (n/a: not in the paper). --- : no finished epoch."
    [ "$BASE_EPOCHS" -lt "$EPOCHS" ] && [[ " $ESTIMATORS " == *" gengs "* ]] \
        && echo "GenGS's figure is that of its run of $EPOCHS epochs after epoch" \
                "$BASE_EPOCHS (its final figure is in $NAME.md)."
    for note in "${NOTES[@]}"; do echo "- $note"; done
    echo "Total wall time: $((WALL / 60)) min for ${#CONFIGS[@]} runs, $JOBS at a time."
} >> "$OUT/$NAME-baselines.md.tmp"
mv "$OUT/$NAME-baselines.md.tmp" "$OUT/$NAME-baselines.md"
mv "$OUT/$NAME-baselines.tex.tmp" "$OUT/$NAME-baselines.tex"
for e in $ESTIMATORS; do
    for ds in mnist omniglot; do
        d=$RUNS/$(name_of $ds poisson:2 implicit "$e")
        [ -f "$d/reconstructions.png" ] \
            && cp "$d/reconstructions.png" "$OUT/$NAME-figure4-$ds-$(slug "$e").png"
    done
done
#line 6471 "book/20-vae.nw"
fi
log "table1: wrote the tables $OUT/$NAME*.md and $OUT/$NAME*.tex"
exit $FAILED
