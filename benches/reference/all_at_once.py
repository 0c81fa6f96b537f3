"""The reference client of the benchmark: sends every read it is given at once (one thread
each) with basic auth, reads every answer whole, and exits 0 when all answered 200.

Usage: all_at_once.py URL_FILE   (one URL a line; the user and password come from
SN_HANDOFF_USERNAME and SN_HANDOFF_PASSWORD). Python's standard library only."""

import base64
import os
import sys
import threading
import urllib.request


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        urls = [line.strip() for line in f if line.strip()]
    pair = f"{os.environ['SN_HANDOFF_USERNAME']}:{os.environ['SN_HANDOFF_PASSWORD']}"
    headers = {
        "Authorization": "Basic " + base64.b64encode(pair.encode()).decode(),
        "Accept": "application/json",
    }
    statuses = [None] * len(urls)

    def read(i, url):
        request = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                answer.read()
                statuses[i] = answer.status
        except Exception as e:  # the status (or the failure) is what the caller checks
            statuses[i] = repr(e)

    threads = [threading.Thread(target=read, args=(i, u)) for i, u in enumerate(urls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    failed = [(u, s) for u, s in zip(urls, statuses) if s != 200]
    for url, status in failed:
        print(f"{status}: {url}", file=sys.stderr)
    sys.exit(1 if failed else 0)


main()
