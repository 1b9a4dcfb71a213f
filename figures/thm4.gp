#line 1050 "book/05-gengs.nw"
# Generated from book/05-gengs.nw; do not edit.
# Mean error of GenGS against the temperature (verify/thm4), with the
# first-order prediction tau*ln2*E|Z-Z'|.  Run in the directory of thm4.dat.
set terminal pdfcairo size 4in,3in font "Helvetica,8"
set output "thm4.pdf"
set logscale xy
set format y "10^{%T}"
set format x "10^{%T}"
set xlabel "temperature \317\204"
set ylabel "mean |GenGS - T(GM)|"
set key top left Left reverse
name(i) = i == 0 ? "Poisson(7), n = 20" \
        : i == 1 ? "geometric(0.25), n = 12" : "binomial(20, 0.3), n = 21"
colors = "#1f77b4 #d62728 #2ca02c"
plot for [i=0:2] "thm4.dat" index i using 1:2 with points pt 7 ps 0.6 \
         lc rgb word(colors, i + 1) title name(i), \
     for [i=0:2] "thm4.dat" index i using 1:4 with lines dt 2 lc rgb word(colors, i + 1) notitle
