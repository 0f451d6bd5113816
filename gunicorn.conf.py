"""gunicorn's settings for Integrationsnetz: `gunicorn -b 127.0.0.1:8000 app:app`, started in
this folder, reads them (docs/operations.md). Settings given on the command line win.

Two processes use both cores of a small server; four threads in each keep a request that waits
for the database (SQLite lets one writer at a time) from holding up the others, and keep-alive
connections save a new TCP connection per request (gunicorn's default sync worker closes each).
An idle keep-alive connection is kept longer than its client (the reverse proxy's upstream pool,
nginx: 60 s) keeps it: whichever side closes an idle connection first must be the client, or a
request sent just as the server closes it fails with "connection closed without response".
"""
workers = 2
worker_class = "gthread"
threads = 4
keepalive = 75
