"""Entry point for `flask --app app …` and `gunicorn app:app`."""
from coordination.factory import create_app, settle_server_process

app = create_app()
# The objects created at start-up stay out of the garbage collector's full passes (which
# otherwise add 100+ ms to every ~15th request), and it runs less often (factory.GC_THRESHOLDS).
settle_server_process()
