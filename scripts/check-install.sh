#!/usr/bin/env bash
# What a new user does after `make install`, in a throw-away prefix:
#   make install CONFIG=debug PREFIX=$tmp/prefix   (debug, so it reuses the test build)
#   from /, with $tmp/prefix/bin first on PATH: --version; audit a sample (exit 1, findings)
#   whose report links the installed rule pages; man -l renders the installed page; bash
#   completion of `venue-audit au` offers `audit`; make uninstall leaves no file behind.
# Each check prints what it checked; the last line is `check-install: N passed, M failed`,
# and the exit status is non-zero when anything failed. Installs man-db and groff-base with
# apt-get if `man` is missing. Usage: scripts/check-install.sh   (`make test` runs it)
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
prefix=$tmp/prefix
sample=$root/samples/cn-chengdu-mall-2020.yaml
passed=0
failed=0

pass() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1" >&2; failed=$((failed + 1)); }
summary() { echo "check-install: $passed passed, $failed failed"; }
# A check that later ones cannot go on without.
fatal() { fail "$1"; summary; exit 1; }
# show FILE: the last lines of a log, indented, for a failure message.
show() { tail -n "${2:-20}" "$1" | sed 's/^/    /' >&2; }

# A sub-make must not inherit the flags or variables of a `make test CONFIG=...` around us.
submake() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$root" "$@"; }

# man -l needs man-db and groff (nroff); the Makefile's install does not.
if ! command -v man >/dev/null || ! command -v nroff >/dev/null; then
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    echo "installing man-db and groff-base for man -l"
    { $SUDO apt-get update -q && $SUDO apt-get install -y -q man-db groff-base; } >"$tmp/apt.log" 2>&1 ||
        { show "$tmp/apt.log"; fatal "could not install man-db and groff-base with apt-get"; }
fi

# 1. make install
start=$SECONDS
if submake install CONFIG=debug PREFIX="$prefix" >"$tmp/install.log" 2>&1; then
    pass "make install CONFIG=debug PREFIX=$prefix ($((SECONDS - start)) s)"
else
    show "$tmp/install.log" 30
    fatal "make install CONFIG=debug PREFIX=$prefix failed (log above)"
fi
[ -x "$prefix/bin/venue-audit" ] || fatal "make install wrote no executable $prefix/bin/venue-audit"
absent=
for f in share/man/man1/venue-audit.1 share/bash-completion/completions/venue-audit \
    share/zsh/site-functions/_venue-audit share/fish/vendor_completions.d/venue-audit.fish; do
    [ -s "$prefix/$f" ] || absent="$absent $f"
done
[ -z "$absent" ] && pass "installed bin/venue-audit (executable), the man page and the bash, zsh and fish completions" ||
    fail "make install did not write:$absent"

# From now on: a user in another folder, with the installed tool first on PATH.
cd /
export PATH="$prefix/bin:$PATH"
found=$(command -v venue-audit)
[ "$found" = "$prefix/bin/venue-audit" ] && pass "from /, PATH finds the installed venue-audit" ||
    fail "from /, PATH finds '$found', not $prefix/bin/venue-audit"

# 2. --version
if version=$(venue-audit --version 2>"$tmp/err") && [[ "$version" == venue-audit* ]]; then
    pass "venue-audit --version: $(head -n 1 <<<"$version")"
else
    show "$tmp/err"; fail "venue-audit --version failed or did not start with 'venue-audit' (got: $(head -n 1 <<<"$version"))"
fi

# 3. audit a sample: exit 1 (findings), not 2 (error); links the installed rule pages.
rules=$prefix/share/doc/venue-audit/rules
venue-audit audit "$sample" --out "$tmp/out" --format text >"$tmp/audit.out" 2>"$tmp/audit.err"
status=$?
if [ "$status" = 1 ]; then
    pass "venue-audit audit $sample --out \$tmp/out --format text exits 1 (findings)"
else
    show "$tmp/audit.err"; fail "venue-audit audit exited $status, expected 1 (findings; 2 is an error)"
fi
report=$(find "$tmp/out" -name '*.txt' 2>/dev/null | head -n 1)
if [ -z "$report" ]; then
    fail "audit --out \$tmp/out --format text wrote no .txt report"
else
    # Every "see PAGE.md" of the printed findings and of the report.
    grep -oh 'see [^ ]*\.md' "$tmp/audit.out" "$report" | sed 's/^see //' | sort -u >"$tmp/links"
    outside=$(awk -v dir="$rules/" 'index($0, dir) != 1' "$tmp/links")
    if [ ! -s "$tmp/links" ]; then
        fail "the audit output links no rule page (no 'see ....md')"
    elif [ -n "$outside" ]; then
        fail "rule links outside the installed $rules/: $(head -n 3 <<<"$outside" | tr '\n' ' ')"
    else
        pass "the audit output and report link $(wc -l <"$tmp/links") rule pages, all under the installed share/doc/venue-audit/rules/"
    fi
    missing=$(while read -r page; do [ -f "$page" ] || echo "$page"; done <"$tmp/links")
    if [ ! -d "$rules" ]; then
        fail "$rules does not exist"
    elif [ -n "$missing" ]; then
        fail "linked rule pages missing: $(head -n 3 <<<"$missing" | tr '\n' ' ')"
    else
        pass "share/doc/venue-audit/rules/ holds $(find "$rules" -name '*.md' | wc -l) pages, every linked one among them"
    fi
fi

# 4. the man page renders, without warnings, and documents audit.
page=$prefix/share/man/man1/venue-audit.1
if MANWIDTH=80 man --warnings -l "$page" >"$tmp/man.txt" 2>"$tmp/man.err" && [ ! -s "$tmp/man.err" ]; then
    if grep -q 'audit' "$tmp/man.txt" && grep -q 'NAME' "$tmp/man.txt"; then
        pass "man -l share/man/man1/venue-audit.1 renders ($(wc -l <"$tmp/man.txt") lines, no warnings) and mentions audit"
    else
        fail "man -l renders share/man/man1/venue-audit.1 without NAME or without 'audit'"
    fi
else
    show "$tmp/man.err"; fail "man -l share/man/man1/venue-audit.1 failed or warned (above)"
fi

# 5. bash completion: `venue-audit au<TAB>` offers audit, through the function that
# `complete -p venue-audit` names, as bash would call it.
completion=$prefix/share/bash-completion/completions/venue-audit
reply=$(bash --norc --noprofile -c '
    source "$1" || exit 3
    spec=$(complete -p venue-audit) || exit 4
    fn=$(sed -E "s/.* -F ([^ ]+) .*/\1/" <<<"$spec")
    COMP_WORDS=(venue-audit au); COMP_CWORD=1
    COMP_LINE="venue-audit au"; COMP_POINT=${#COMP_LINE}
    "$fn" venue-audit au venue-audit
    printf "%s\n" "${COMPREPLY[@]}"' bash "$completion" 2>"$tmp/comp.err")
status=$?
if [ "$status" = 0 ] && grep -qx 'audit' <<<"$reply"; then
    pass "bash completion: completing 'venue-audit au' offers audit"
else
    show "$tmp/comp.err"
    fail "bash completion of 'venue-audit au' (exit $status) offers '$(tr '\n' ' ' <<<"$reply")', not audit"
fi

# 6. make uninstall leaves no file behind.
if submake uninstall CONFIG=debug PREFIX="$prefix" >"$tmp/uninstall.log" 2>&1; then
    left=$(find "$prefix" -type f)
    if [ -z "$left" ]; then
        pass "make uninstall PREFIX=$prefix leaves no file behind"
    else
        fail "make uninstall left $(wc -l <<<"$left") files, such as: $(head -n 3 <<<"$left" | tr '\n' ' ')"
    fi
    [ ! -e "$prefix/share/doc/venue-audit" ] && pass "make uninstall removed share/doc/venue-audit/" ||
        fail "make uninstall left share/doc/venue-audit/"
else
    show "$tmp/uninstall.log"; fail "make uninstall PREFIX=$prefix failed (log above)"
fi

summary
[ "$failed" = 0 ]
