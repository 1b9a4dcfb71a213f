#line 1516 "book/34-command.nw"
#!/bin/sh
# Generated from book/34-command.nw; do not edit.
# usage: CC=cc LIBS="-lgsl ..." sh check-lib.sh LIB CMDLIB [PENDING.o ...]
# Fails when the library LIB refers to the command's code, holds program code
# outside the PENDING objects, or does not link alone with LIBS.
set -eu
lib=$1
cmd=$2
shift 2
pending="$*"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

#line 1540 "book/34-command.nw"
# list the symbols of both archives: "object symbol type" per line
syms() {
    a=$1
    shift
    nm -P -A "$@" "$a" | awk '{ o = $1; sub(/^.*\[/, "", o); sub(/\]:$/, "", o); print o, $2, $3 }'
}
syms "$lib" -g --defined-only > "$tmp/def"
syms "$cmd" -g --defined-only > "$tmp/cmddef"
syms "$lib" -u | awk '$3 == "U"' > "$tmp/undef"
#line 1551 "book/34-command.nw"
# find references to symbols that the library does not define
awk -v lib="$lib" '
    FILENAME == ARGV[1] { def[$2] = 1; next }
    FILENAME == ARGV[2] { cmd[$2] = 1; next }
    !($2 in def) && ($2 ~ /^ggs_/ || $2 in cmd) {
        printf "check-lib: %s: %s refers to %s, which %s\n", lib, $1, $2,
               ($2 in cmd) ? "only the command archive defines" : "no archive defines"
        bad = 1
    }
    END { exit bad }' "$tmp/def" "$tmp/cmddef" "$tmp/undef" || status=1
#line 1565 "book/34-command.nw"
# find program code in the library
awk -v lib="$lib" -v pending="$pending" '
    BEGIN { n = split(pending, p, " "); for (i = 1; i <= n; i++) pend[p[i]] = 1 }
    FILENAME == ARGV[1] {
        owner[$2] = $1
        nsym[$1]++
        if ($2 ~ /^ggs_cmd_/ || $2 ~ /^ggs_.*_main$/) {
            nprog[$1]++
            prog[$1] = prog[$1] " " $2
        }
        next
    }
    ($2 in owner) && owner[$2] != $1 { called[owner[$2]] = 1 }
    END {
        for (o in nprog)
            if (o in pend)
                printf "check-lib: note: %s still holds program code:%s\n", o, prog[o]
            else {
                printf "check-lib: %s: %s holds program code:%s; move its file to " \
                       "CMD_SRC\n", lib, o, prog[o]
                bad = 1
            }
        for (o in pend)
            if (!(o in nprog)) {
                printf "check-lib: %s is in LIB_PENDING but holds no program code (or is " \
                       "not in %s): drop it from the list\n", o, lib
                bad = 1
            } else if (nprog[o] == nsym[o] && !(o in called)) {
                printf "check-lib: %s holds nothing but program code and no other object " \
                       "of %s calls it: move its file to CMD_SRC\n", o, lib
                bad = 1
            }
        exit bad
    }' "$tmp/def" "$tmp/undef" || status=1
#line 1601 "book/34-command.nw"
# link every object of the library into an empty program
printf 'int main(void) { return 0; }\n' > "$tmp/main.c"
# shellcheck disable=SC2086
if ! ${CC:-cc} "$tmp/main.c" -Wl,--whole-archive "$lib" -Wl,--no-whole-archive $LIBS \
        -o "$tmp/a.out" 2> "$tmp/link.err"; then
    echo "check-lib: $lib does not link alone with $LIBS:"
    if grep -qE 'undefined reference|cannot find' "$tmp/link.err"; then
        grep -oE "undefined reference to .[^']*'|cannot find .*" "$tmp/link.err" | sort -u
    else
        cat "$tmp/link.err"
    fi
    status=1
fi
#line 1534 "book/34-command.nw"
[ $status -eq 0 ] && echo "check-lib: $lib holds no command code and links alone with $LIBS"
exit $status
