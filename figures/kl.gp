#line 147 "book/06-kl.nw"
# Generated from book/06-kl.nw; do not edit.
# KL(Poisson(2) || Poisson(3)) of the truncations against n, and the distance
# to the closed form.  Run in the directory that holds kl.dat (book-data.sh).
set terminal pdfcairo size 6.5in,2.5in font "Helvetica,8"
set output "kl.pdf"
set key bottom right Left reverse samplen 2
set tics out nomirror scale 0.5
set border 3
set xlabel "truncation level n"
set multiplot layout 1,2 margins 0.07,0.99,0.16,0.95 spacing 0.08,0
set xrange [1.5:16.5]
set yrange [0:0.36]
set ylabel "KL"
plot "kl.dat" using 1:2 with linespoints pt 7 ps 0.5 lc rgb "#1f77b4" title "with the tail term", \
     "" using 1:3 with linespoints pt 5 ps 0.5 lc rgb "#d62728" title "tail term dropped", \
     "" using 1:4 with linespoints pt 9 ps 0.6 lc rgb "#2ca02c" title "renormalized", \
     "" using 1:5 with lines dt 2 lc rgb "black" title "closed form"
set logscale y
set format y "10^{%T}"
set xrange [1.5:25.5]
set yrange [1e-13:1]
set key top right
set ylabel "|KL - value|"
# below 1e-13 the difference is rounding, not truncation
d(a, b) = abs(a - b) > 1e-13 ? abs(a - b) : 1/0
plot "kl.dat" using 1:(d($2, $5)) with linespoints pt 7 ps 0.5 lc rgb "#1f77b4" \
         title "with the tail term", \
     "" using 1:(d($3, $5)) with linespoints pt 5 ps 0.5 lc rgb "#d62728" \
         title "tail term dropped", \
     "" using 1:(d($4, $5)) with linespoints pt 9 ps 0.6 lc rgb "#2ca02c" \
         title "renormalized"
unset multiplot
