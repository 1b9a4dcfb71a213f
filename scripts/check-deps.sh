#line 72 "book/29-pool.nw"
#!/bin/sh
# Generated from book/29-pool.nw; do not edit.
# check-deps.sh OBJECT...: the objects in an order where each comes after the
# objects whose symbols it uses; exit 1, naming a cycle, when there is none.
# check-deps.sh --self-test: check the checker on a known cycle.
set -eu
#line 150 "book/29-pool.nw"
if [ $# -eq 0 ]; then
    echo "usage: check-deps.sh OBJECT... | --self-test" >&2
    exit 2
fi
if [ "$1" = --self-test ]; then
    st=$(mktemp -d)
    trap 'rm -rf "$st"' EXIT
    echo 'int b(int); int a(int x) { return x > 0 ? b(x - 1) : 0; }' > "$st/a.c"
    echo 'int a(int); int b(int x) { return x > 0 ? a(x - 1) : 1; }' > "$st/b.c"
    ${CC:-cc} -c "$st/a.c" -o "$st/a.o" && ${CC:-cc} -c "$st/b.c" -o "$st/b.o"
    if sh "$0" "$st/a.o" "$st/b.o" > "$st/out" 2>&1; then
        echo "check-deps: error: the self-test's cycle a.o <-> b.o was not found" >&2
        exit 1
    fi
    if ! grep -q '  a uses b of b' "$st/out" || ! grep -q '  b uses a of a' "$st/out"; then
        echo "check-deps: error: the self-test's cycle was not named:" >&2
        cat "$st/out" >&2
        exit 1
    fi
    echo "check-deps: self-test: the cycle a.o <-> b.o is found and named"
    exit 0
fi
#line 79 "book/29-pool.nw"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/defs"
: > "$tmp/uses"
: > "$tmp/pairs"
#line 96 "book/29-pool.nw"
for o in "$@"; do
    b=$(basename "$o" .o)
    if ! nm -P --defined-only "$o" > "$tmp/nm" 2> "$tmp/nm.err"; then
        echo "check-deps: error: nm cannot read $o: $(cat "$tmp/nm.err")" >&2
        exit 1
    fi
    awk -v b="$b" '$2 ~ /^[A-TV-Zi]$/ { print $1, b }' "$tmp/nm" >> "$tmp/defs"
    nm -P --undefined-only "$o" | awk -v b="$b" '{ print $1, b }' >> "$tmp/uses"
    echo "$b $b" >> "$tmp/pairs"
done
#line 111 "book/29-pool.nw"
awk 'NR == FNR { def[$1] = $2; next }
     ($1 in def) && def[$1] != $2 && !seen[$2 " " def[$1]]++ { print $2, def[$1], $1 }' \
    "$tmp/defs" "$tmp/uses" > "$tmp/edges"
if [ $# -gt 1 ] && [ ! -s "$tmp/edges" ]; then
    echo "check-deps: error: no object uses a symbol of another: were the symbol tables read?" >&2
    exit 1
fi
awk '{ print $2, $1 }' "$tmp/edges" >> "$tmp/pairs"
#line 125 "book/29-pool.nw"
if tsort "$tmp/pairs" > "$tmp/order" 2> "$tmp/tsort.err"; then
    echo "check-deps: $# objects, $(wc -l < "$tmp/edges") dependencies, no cycle;"
    echo "in order (each uses only those above it):"
    while read -r b; do
        printf '  %-14s uses %s\n' "$b" \
            "$(awk -v b="$b" '$1 == b { printf "%s ", $2 }' "$tmp/edges" | sed 's/ $//')"
    done < "$tmp/order"
    exit 0
fi
sed -n '/input contains a loop/,$p' "$tmp/tsort.err" | sed '1d; s/^tsort: //' \
    | awk '/input contains a loop/ { exit } { print }' > "$tmp/cycle"
if [ ! -s "$tmp/cycle" ]; then
    echo "check-deps: error: tsort failed: $(cat "$tmp/tsort.err")" >&2
    exit 1
fi
echo "check-deps: the objects' dependencies have a cycle:" >&2
awk 'NR == FNR { sym[$2 " " $1] = $3; next } { m[n++] = $1 }
     END { for (i = 0; i < n; i++) { a = m[(i + 1) % n]; b = m[i];
                                      printf "  %s uses %s of %s\n", a, sym[b " " a], b } }' \
    "$tmp/edges" "$tmp/cycle" >&2
exit 1
