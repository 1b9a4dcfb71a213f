#line 15 "book/99-end.nw"
#!/bin/sh
# Generated from book/99-end.nw; do not edit.
# A noweave filter (noweave -autodefs c -filter 'sh scripts/index-filter.sh' -index):
# of the identifier definitions in the noweb markup on standard input, keep
# those of the library (names that begin with ggs_ or GGS_) and drop the rest.
exec sed -e '/^@index \(local\)\{0,1\}defn /{' \
         -e '/^@index \(local\)\{0,1\}defn \(ggs\|GGS\)_/!d' \
         -e '}'
