#line 839 "book/00-preface.nw"
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
#line 859 "book/00-preface.nw"
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
