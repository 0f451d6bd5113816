"""gunicorn's settings for Integrationsnetz: `gunicorn -b 127.0.0.1:8000 app:app`, started in
this folder, reads them (docs/operations.md). Settings given on the command line win.

Two processes use both cores of a small server; four threads in each keep a request that waits
for the database (SQLite lets one writer at a time) from holding up the others, and keep-alive
connections save a new TCP connection per request (gunicorn's default sync worker closes each).
"""
workers = 2
worker_class = "gthread"
threads = 4
keepalive = 5
