"""Entry point for `flask --app app …` and `gunicorn app:app`."""
import gc

from coordination.factory import create_app

app = create_app()
# The objects created at start-up live as long as the process: keep them out of the garbage
# collector's full passes, which otherwise add 100+ ms to every ~15th request.
gc.freeze()
