#!/usr/bin/env python3
"""One HTTP request for the site tests, without following redirects.

    httpget.py METHOD PORT PATH [BODYFILE]

Prints the status and the Location header (if any) on one line; writes the
body to BODYFILE.  PATH is sent as given (no normalising, so ../ reaches
the server).  Exit 1 when nothing answers on 127.0.0.1:PORT.
"""
import http.client
import sys

method, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
try:
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    host = sys.argv[5] if len(sys.argv) > 5 else None
    c.putrequest(method, path, skip_host=host is not None,
                 skip_accept_encoding=True)
    if host is not None:
        c.putheader("Host", host)
    c.endheaders()
    r = c.getresponse()
    body = r.read()
except OSError as e:
    print("no answer: %s" % e)
    sys.exit(1)
if len(sys.argv) > 4:
    with open(sys.argv[4], "wb") as f:
        f.write(body)
print(r.status, r.getheader("Location", ""), r.getheader("Content-Type", ""))
