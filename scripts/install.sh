#!/usr/bin/env bash
# Builds composeplan (release) and installs it with its bash, zsh and fish
# completions and its man page.
#
#   scripts/install.sh                    # build, install under /usr/local
#   scripts/install.sh --prefix ~/.local  # install under ~/.local (no root needed)
#   scripts/install.sh --binary PATH      # install PATH instead of building
#
# The man page comes from swift-argument-parser's generate-manual tool (built
# with composeplan, or found next to --binary); without it, from the --help
# texts (scripts/make-manpage.sh).
#
# Installs PREFIX/bin/composeplan,
#   PREFIX/share/bash-completion/completions/composeplan,
#   PREFIX/share/zsh/site-functions/_composeplan,
#   PREFIX/share/fish/vendor_completions.d/composeplan.fish,
#   PREFIX/share/man/man1/composeplan.1
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=/usr/local
binary=
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix=$2; shift 2 ;;
        --binary) binary=$2; shift 2 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 64 ;;
    esac
done

if [ -z "$binary" ]; then
    echo "building composeplan (release; the first build takes 5 to 10 minutes)" >&2
    swift build -c release --product composeplan
    swift build -c release --product generate-manual
    binary="$(swift build -c release --show-bin-path)/composeplan"
fi
manual_tool="$(dirname "$binary")/generate-manual"

install -d "$prefix/bin" "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" \
    "$prefix/share/fish/vendor_completions.d" "$prefix/share/man/man1"
install -m 755 "$binary" "$prefix/bin/composeplan"
installed="$prefix/bin/composeplan"
"$installed" --generate-completion-script bash > "$prefix/share/bash-completion/completions/composeplan"
"$installed" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_composeplan"
"$installed" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/composeplan.fish"
if [ -x "$manual_tool" ]; then
    "$manual_tool" "$installed" --output-directory "$prefix/share/man/man1"
else
    scripts/make-manpage.sh "$installed" > "$prefix/share/man/man1/composeplan.1"
fi

echo "installed $installed $("$installed" --version), its completions and its man page (man composeplan)" >&2
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "note: $prefix/bin is not on PATH; add it: export PATH=\"$prefix/bin:\$PATH\"" >&2 ;;
esac
