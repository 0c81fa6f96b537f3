#!/usr/bin/env bash
# The sequential script of the benchmark: one curl per read, one after the other, as a
# hand-written check would. Usage: one_at_a_time.sh URL_FILE (one URL a line; the user and
# password come from SN_HANDOFF_USERNAME and SN_HANDOFF_PASSWORD). Fails on the first answer
# that is not 200.
set -euo pipefail
while IFS= read -r url; do
    [ -n "$url" ] || continue
    status=$(curl -s -o /dev/null -w '%{http_code}' -u "$SN_HANDOFF_USERNAME:$SN_HANDOFF_PASSWORD" \
        -H 'Accept: application/json' "$url")
    if [ "$status" != 200 ]; then
        echo "$status: $url" >&2
        exit 1
    fi
done <"$1"
