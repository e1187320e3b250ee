#!/usr/bin/env bash
# Writes composeplan's man page (roff, section 1) to standard output, made
# from the `--help` text of the binary and of each of its commands, so the
# page always matches the binary.
# Usage: scripts/make-manpage.sh [path/to/composeplan] > composeplan.1
set -euo pipefail
binary=${1:-composeplan}

# Roff-safe text: backslashes doubled, lines starting with . or ' protected.
escape() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

version=$("$binary" --version)
commands=$("$binary" --help | awk '/^SUBCOMMANDS:/ {on=1; next} on && /^  [a-z]/ {print $1} on && /^$/ && seen {exit} on {seen=1}')

cat <<ROFF
.TH COMPOSEPLAN 1 "" "composeplan $version" "User Commands"
.SH NAME
composeplan \\- plan, draw and apply Docker Compose changes, like terraform plan/apply
.SH SYNOPSIS
.B composeplan
.I command
.RI [ options ]
.SH DESCRIPTION
composeplan reads compose files, observes a Docker Engine (or a saved
snapshot of it), and builds a reconciliation plan: a graph of atomic
operations with their dependencies. It prints the plan, draws it, writes an
HTML report, and applies a reviewed plan with a parallel executor.
.PP
.nf
ROFF
"$binary" --help | escape
echo ".fi"
for command in $commands; do
    echo ".SH COMMAND: ${command^^}"
    echo ".nf"
    "$binary" "$command" --help | escape
    echo ".fi"
done
cat <<'ROFF'
.SH EXIT STATUS
0 success; 1 failure (bad input, a failed operation, a stale plan); 64 bad
command-line usage; 2 for
.B plan \-\-detailed\-exitcode
with changes.
.SH SEE ALSO
.BR docker-compose (1)
ROFF
