# The prologue every bench script shares: strict mode, the repository as
# the working folder, a scratch folder removed on exit ($work), and the
# release binary built and named ($bin). Sourced, not run:
#
#   . "$(dirname "$0")/lib.sh"
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
bin=$PWD/target/release/renaksi
