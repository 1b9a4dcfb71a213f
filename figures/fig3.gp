#line 3042 "book/22-estimators.nw"
# Generated from book/22-estimators.nw; do not edit.
# The paper's Figure 3 as measured by gengs synth --optimize: excess loss,
# variance and |bias| (cumulative averages) against the step, one row per
# problem.  Run in the directory of the fig3-*.dat files (figures/book-data.sh).
set terminal pdfcairo size 6.5in,8.2in font "Helvetica,7"
set output "fig3.pdf"
est = "exact rf rf-star muprop rebar relax detrb storb unord unord-star gengs gengs-st " . \
      "gengs-rb"
label = "exact RF RF* MuPROP REBAR RELAX DetRB StoRB UnOrd UnOrd* GenGS GenGS-ST GenGS-RB"
colors = "#000000 #9467bd #8c564b #e377c2 #7f7f7f #7f7f7f #bcbd22 #17becf #1f77b4 " . \
         "#2ca02c #d62728 #ff7f0e #d62728"
dashes = "1 1 1 1 1 2 2 2 3 3 1 1 2"
widths = "1 1 1 1 1 1 1 1 1 1 2.5 1 2.5"
prob = "poisson binomial negbin multinomial"
title = "Poisson(20) Binomial(20,0.3) NegBin(3,0.4) Mult(3,[.7,.2,.1])"
# the estimators of row p, as indexes into the lists above (all of them on every row)
all = "1 2 3 4 5 6 7 8 9 10 11 12 13"
ix(p) = all
e(p, k) = int(word(ix(p), k))
file(p, k) = sprintf("fig3-%s-%s.dat", word(prob, p), word(est, e(p, k)))
set logscale y
set format y "10^{%T}"
set tics out nomirror scale 0.5
set border 3
set xrange [0:1000]
set xtics 0, 250
# panel (row p, column c) at screen coordinates; the bottom strip holds the key
panel(p, c) = sprintf("set lmargin at screen %g; set rmargin at screen %g; " . \
                      "set tmargin at screen %g; set bmargin at screen %g", \
                      0.07 + (c - 1) * 0.33, 0.07 + (c - 1) * 0.33 + 0.25, \
                      0.985 - (p - 1) * 0.225, 0.985 - (p - 1) * 0.225 - 0.185)
set key off
set multiplot
do for [p = 1:4] {
    set xlabel (p == 4 ? "step" : "")
    eval panel(p, 1)
    set ylabel word(title, p) . ": loss - min"
    plot for [k = 1:words(ix(p))] file(p, k) using 1:($2 > 0 ? $2 : 1/0) with lines \
         lc rgb word(colors, e(p, k)) dt int(word(dashes, e(p, k))) \
         lw real(word(widths, e(p, k)))
    eval panel(p, 2)
    set ylabel "variance"
    plot for [k = 2:words(ix(p))] file(p, k) using 1:3 with lines \
         lc rgb word(colors, e(p, k)) dt int(word(dashes, e(p, k))) \
         lw real(word(widths, e(p, k)))
    eval panel(p, 3)
    set ylabel "|bias|"
    plot for [k = 2:words(ix(p))] file(p, k) using 1:4 with lines \
         lc rgb word(colors, e(p, k)) dt int(word(dashes, e(p, k))) \
         lw real(word(widths, e(p, k)))
}
# the key: an empty plot across the bottom strip
set lmargin at screen 0.05; set rmargin at screen 0.95
set tmargin at screen 0.06; set bmargin at screen 0.005
unset logscale; unset border; unset tics; unset xlabel; unset ylabel
set xrange [0:1]; set yrange [0:1]
set key on horizontal center center maxcols 7 samplen 3 width 1
plot for [i = 1:13] 2 with lines lc rgb word(colors, i) dt int(word(dashes, i)) \
     lw real(word(widths, i)) title word(label, i)
unset multiplot
