#line 846 "book/00-preface.nw"
#!/bin/sh
# Generated from book/00-preface.nw; do not edit.
# Write the data of the book's figures (into FIGDIR) and the program outputs
# that the book includes (into BOOKDIR).  make book runs it.
# Usage: figures/book-data.sh GENGS FIGDIR BOOKDIR
set -e
[ $# -eq 3 ] || { echo "usage: $0 GENGS FIGDIR BOOKDIR" >&2; exit 2; }
gengs=$1 fig=$2 book=$3
mkdir -p "$fig" "$book"
# book_show: print a command as a reader types it, then its output with the tabs
# expanded (a tab in a verbatim text is one space)
book_show() {
    echo "\$ gengs $*"
    "$gengs" "$@" > "$book/show.tmp"
    expand -t 8 "$book/show.tmp"
    rm -f "$book/show.tmp"
}
#line 866 "book/00-preface.nw"
# the worked example of chapter 1
{ book_show pmf poisson:2 --n 4
  book_show sample poisson:2 --n 4 --tau 0.5 --gumbel 0.5,-0.3,1.2,0.1 --grad
} > "$book/example.out"
#line 126 "book/03-truncation.nw"
# the truncation figure of the truncation chapter (its window: m = 4, n = 7)
"$gengs" pmf poisson:7 --n 25 > "$fig/truncation-full.dat"
"$gengs" pmf poisson:7 --left 4 --n 7 > "$fig/truncation-window.dat"
#line 122 "book/06-kl.nw"
# the KL figure of the KL chapter: n, KL_n, tail term dropped, renormalized, closed form
"$gengs" pmf poisson:2 --n 60 > "$fig/kl-q.tmp"
"$gengs" pmf poisson:3 --n 60 > "$fig/kl-p.tmp"
echo "# KL(Poisson(2) || Poisson(3)) of the truncations; n KL_n dropped renormalized closed" \
    > "$fig/kl.dat"
for n in $(seq 2 25); do
    "$gengs" pmf poisson:2 --n $n > "$fig/kl-qn.tmp"
    "$gengs" pmf poisson:3 --n $n > "$fig/kl-pn.tmp"
    awk -v n=$n '
        /^#/ { next }
        FILENAME ~ /kl-qn/ { tq[$1] = $2; next }
        FILENAME ~ /kl-pn/ { tp[$1] = $2; next }
        FILENAME ~ /kl-q\./ { q[$1] = $2; next }
        { p[$1] = $2 }
        END {
            for (k = 0; k < n; k++) if (tq[k] > 0) kl += tq[k] * log(tq[k] / tp[k])
            for (k = 0; k < n - 1; k++) drop += q[k] * log(q[k] / p[k])
            for (k = 0; k < n; k++) { sq += q[k]; sp += p[k] }
            for (k = 0; k < n; k++) ren += q[k] / sq * log(q[k] / sq / (p[k] / sp))
            printf "%d %.17g %.17g %.17g %.17g\n", n, kl, drop, ren, 2 * log(2 / 3) + 1
        }' "$fig/kl-qn.tmp" "$fig/kl-pn.tmp" "$fig/kl-q.tmp" "$fig/kl-p.tmp" >> "$fig/kl.dat"
done
rm -f "$fig"/kl-*.tmp
#line 2982 "book/22-estimators.nw"
# Figure 3 of the estimators chapter: each estimator minimizes J_n on four
# problems; rows every 10 of 1000 steps, 1000 measuring draws per row
fig3_estimators="exact rf rf-star muprop rebar relax detrb storb unord unord-star"
fig3_estimators="$fig3_estimators gengs gengs-st gengs-rb"
fig3_run() {   # fig3_run NAME DIST THETA0: one CSV per estimator, smoothed into .dat
    "$gengs" synth "$2" --estimator exact --optimize 20001 --start "$3" --lr 0.02 \
        --draws 2 --seed 1 --draw-targets 10 --record-every 20000 --out "$fig/fig3-$1-min.csv"
    best=$(tail -n 1 "$fig/fig3-$1-min.csv" | cut -d, -f2)
    for e in $fig3_estimators; do
        case $e in rf-star|unord|unord-star) k=2 ;; *) k=1 ;; esac
        "$gengs" synth "$2" --estimator $e --optimize 1000 --start "$3" --lr 0.02 \
            --draws 1000 --seed 1 --tau 0.5 --samples $k --draw-targets 10 \
            --record-every 10 --out "$fig/fig3-$1-$e.csv"
        # columns: step, loss, then Q each of theta, exact, mean, variance, bias
        awk -F, -v best="$best" 'NR > 1 {
                Q = (NF - 2) / 5; n++; l += $2 - best; b2 = 0
                for (q = 1; q <= Q; q++) { v += $(2 + 3 * Q + q); b2 += $(2 + 4 * Q + q) ^ 2 }
                b += sqrt(b2)
                printf "%d %.6g %.6g %.6g\n", $1, l / n, v / n, b / n
            }' "$fig/fig3-$1-$e.csv" > "$fig/fig3-$1-$e.dat"
    done
}
fig3_run poisson poisson:20 10
fig3_run binomial binomial:20,0.3 0.6
fig3_run negbin negbin:3,0.4 0.7
fig3_run multinomial multinomial:3,0.7,0.2,0.1 0.2,0.3,0.5
#line 3015 "book/22-estimators.nw"
{ printf "%-10s %-20s %-20s %-20s %-20s\n" "" "Poisson(20)" "Binomial(20,0.3)" \
      "NegBin(3,0.4)" "Mult(3,[.7,.2,.1])"
  printf "%-10s" "estimator"
  for p in 1 2 3 4; do printf " %8s %11s" "variance" "bias(se)"; done
  echo
  for e in $fig3_estimators; do
      printf "%-10s" $e
      for p in poisson binomial negbin multinomial; do
          if [ ! -f "$fig/fig3-$p-$e.csv" ]; then printf " %8s %11s" "-" "-"; continue; fi
          awk -F, 'NR > 1 && $1 >= 500 {
                  Q = (NF - 2) / 5; n++
                  for (q = 1; q <= Q; q++) { v += $(2 + 3 * Q + q); b[q] += $(2 + 4 * Q + q) }
              }
              END { bias = b[1] / n
                    if (Q > 1) { bias = 0; for (q = 1; q <= Q; q++) bias += (b[q] / n) ^ 2
                                 bias = sqrt(bias) }
                    printf " %8.2g %11s", v / n, sprintf("%.1f(%.2g)", bias,
                                                         sqrt(v / 1000) / n) }' \
              "$fig/fig3-$p-$e.csv"
      done
      echo
  done
} > "$book/fig3.out"
