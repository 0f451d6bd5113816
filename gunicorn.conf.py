"""gunicorn's settings for Integrationsnetz: `gunicorn -b 127.0.0.1:8000 app:app`, started in
this folder, reads them (docs/operations.md). Settings given on the command line win.

Two processes use both cores of a small server; four threads in each keep a request that waits
for the database (SQLite lets one writer at a time) from holding up the others, and keep-alive
connections save a new TCP connection per request (gunicorn's default sync worker closes each).
An idle keep-alive connection is kept longer than its client (the reverse proxy's upstream pool,
nginx: 60 s) keeps it: whichever side closes an idle connection first must be the client, or a
request sent just as the server closes it fails with "connection closed without response".

Each process listens on a socket of its own (SO_REUSEPORT), and the kernel spreads new
connections evenly over them. With one shared socket, the process that happens to accept first
keeps a kept-alive connection for good: the connections opened while the other process was still
starting, or busy, all stayed with one process, which computes on one core at a time (Python's
GIL), and the other core idled (bench/load.py showed one process at 75 % of a core and the
other at 0 %). A process restarted by gunicorn drops the connections still waiting in its own
socket's queue; clients (the proxy) open them anew.
"""
workers = 2
worker_class = "gthread"
threads = 4
keepalive = 75
reuse_port = True
