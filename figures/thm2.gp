#line 858 "book/03-truncation.nw"
# Generated from book/03-truncation.nw; do not edit.
# Theorem 2: exact P(Z != X) and the bound of the proof against n, one curve
# per distribution.  Run in the directory that holds thm2.dat (verify/thm2).
set terminal pdfcairo size 5in,3.2in font "Helvetica,8"
set output "thm2.pdf"
set logscale xy
set format y "10^{%T}"
set xrange [1.8:140]
set yrange [1e-13:2]
set xtics (2, 3, 5, 10, 20, 50, 100)
set xlabel "window size n"
set ylabel "P(Z != X)"
set key outside right top Left reverse samplen 2
set tics out nomirror scale 0.5
set border 3
names = "poisson:2 poisson:7 poisson:100 geometric:0.25 negbin:3,0.4 binomial:20,0.3"
colors = "#1f77b4 #d62728 #2ca02c #ff7f0e #9467bd #8c564b"
plot for [i=0:5] "thm2.dat" index i using 2:($3 > 0 ? $3 : 1/0) with linespoints \
         pt 7 ps 0.5 lc rgb word(colors, i + 1) title word(names, i + 1), \
     for [i=0:5] "thm2.dat" index i using 2:4 with lines dt 2 lc rgb word(colors, i + 1) notitle
