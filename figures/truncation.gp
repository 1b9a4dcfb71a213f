#line 131 "book/03-truncation.nw"
# Generated from book/03-truncation.nw; do not edit.
# The truncation of Poisson(7) to {4, ..., 10}: the pmf of X (left) and the
# truncated pmf with the folded tails (right).  Run in the directory that
# holds truncation-full.dat and truncation-window.dat (figures/book-data.sh).
set terminal pdfcairo size 6.5in,2.3in font "Helvetica,8"
set output "truncation.pdf"
m = 4; last = 10
in_window(x) = x >= m && x <= last
set style fill solid 0.7 noborder
set boxwidth 0.7 absolute
set key off
set tics out nomirror scale 0.5
set border 3
set xrange [-0.7:20.7]
set yrange [0:0.2]
set xtics 0, 2
set xlabel "value"
set multiplot layout 1,2 margins 0.07,0.99,0.17,0.9 spacing 0.06,0
set title "X, Poisson(7)"
set ylabel "probability"
plot "truncation-full.dat" using 1:(in_window($1) ? $2 : 1/0) with boxes lc rgb "#6baed6", \
     "" using 1:(in_window($1) ? 1/0 : $2) with boxes lc rgb "#bdbdbd"
set title "Z = min(max(X, 4), 10): the truncated pmf"
unset ylabel
plot "truncation-window.dat" using 1:2 with boxes lc rgb "#d62728", \
     "truncation-full.dat" using 1:(in_window($1) ? $2 : 1/0) with boxes lc rgb "#6baed6"
unset multiplot
