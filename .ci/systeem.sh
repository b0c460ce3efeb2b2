#!/bin/sh
# Installs the Debian packages that are missing, each piece on its own and only when it is missing.
#
#   sh .ci/systeem.sh [python] [chromium] [java] [node]
#
#   python    $PYTHON (default python3) that can make a venv   -> python3 python3-venv
#   chromium  the browser for the browser tests                -> chromium chromium-driver
#   java      Java for the Nu Html Checker (vnu.jar)           -> default-jre-headless
#   node      Node.js with npm for the npm test tools          -> nodejs npm (only when node is absent)
#
# Node.js from another source (NodeSource, nvm, ...) is left alone: Debian's npm conflicts with
# NodeSource's nodejs, so npm is never requested when node is already there. `apt-get update`
# runs once, and only when something is missing. Not root: sudo when present, else a message.
set -eu

PYTHON=${PYTHON:-python3}
packages=""
missing=""

want() {  # want WHAT PACKAGE...
    missing="$missing $1"
    shift
    packages="$packages $*"
}

for piece in "$@"; do
    case $piece in
    python)
        if ! command -v "$PYTHON" >/dev/null 2>&1; then
            want "$PYTHON" python3 python3-venv
        elif ! "$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1; then
            want "venv (bij $PYTHON)" python3-venv
        fi ;;
    chromium)
        command -v chromium >/dev/null 2>&1 || want chromium chromium chromium-driver ;;
    java)
        command -v java >/dev/null 2>&1 || want java default-jre-headless ;;
    node)
        if ! command -v node >/dev/null 2>&1; then
            if command -v npm >/dev/null 2>&1; then want node nodejs; else want node nodejs npm; fi
        elif ! command -v npm >/dev/null 2>&1; then
            echo "Node.js is geïnstalleerd (node), maar npm ontbreekt. Installeer npm bij dezelfde bron als" >&2
            echo "Node.js (bij NodeSource zit npm in het pakket nodejs) en draai de opdracht opnieuw; het" >&2
            echo "Debian-pakket npm botst met Node.js van een andere bron en wordt daarom niet geïnstalleerd." >&2
            exit 1
        fi ;;
    *)
        echo "systeem.sh: onbekend onderdeel '$piece' (kies uit: python, chromium, java, node)" >&2
        exit 2 ;;
    esac
done

[ -n "$packages" ] || exit 0

packages=${packages# }
echo "Ontbreekt:${missing}. Installeren met apt-get: ${packages}"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get is niet beschikbaar (geen Debian of Ubuntu?). Installeer zelf: ${packages}" >&2
    echo "en draai de opdracht daarna opnieuw." >&2
    exit 1
fi
if [ "$(id -u)" = 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
else
    echo "Installeren met apt-get kan alleen als root, en sudo ontbreekt. Voer als root uit:" >&2
    echo "  apt-get update && apt-get install -y ${packages}" >&2
    echo "en draai de opdracht daarna opnieuw." >&2
    exit 1
fi
# shellcheck disable=SC2086  # $as_root and $packages are word lists on purpose
$as_root apt-get update -qq
# shellcheck disable=SC2086
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages
