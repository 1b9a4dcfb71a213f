#line 1015 "book/05-gengs.nw"
# Generated from book/05-gengs.nw; do not edit.
# Figure 1: relaxed GenGS samples of Poisson(7) against the truncated pmf.
# Run in the directory that holds fig1.dat (written by verify/thm4).
set terminal pdfcairo size 6.5in,4.5in font "Helvetica,7"
set output "fig1.pdf"
ns = "6 9 12 20"
taus = "1 0.5 0.1"
set style fill solid 0.6 noborder
set boxwidth 0.25 absolute
set key off
set tics out nomirror scale 0.5
set border 3
set yrange [0:*]
set multiplot layout 3,4 rowsfirst margins 0.06,0.99,0.07,0.95 spacing 0.035,0.07
do for [i=0:2] {
  do for [j=0:3] {
    n = int(word(ns, j + 1))
    set title sprintf("n = %d, \317\204 = %s", n, word(taus, i + 1)) offset 0,-0.8
    set xrange [-0.6:n - 0.4]
    xstep = n <= 12 ? 1 : 2
    set xtics 0, xstep
    if (i == 2) { set xlabel "value" offset 0,0.5 } else { unset xlabel }
    if (j == 0) { set ylabel "probability" offset 1.5,0 } else { unset ylabel }
    plot "fig1.dat" index (4*i + j) using 1:2 with boxes lc rgb "#6baed6", \
         "" index (12 + j) using 1:($3 == 0 ? $2 : 1/0) with impulses lw 1.5 lc rgb "black", \
         "" index (12 + j) using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.35 lc rgb "black", \
         "" index (12 + j) using 1:($3 == 1 ? $2 : 1/0) with impulses lw 2 lc rgb "#d62728", \
         "" index (12 + j) using 1:($3 == 1 ? $2 : 1/0) with points pt 7 ps 0.45 lc rgb "#d62728"
  }
}
unset multiplot
