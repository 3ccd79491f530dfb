"""gunicorn's configuration, the alternative to `make serve`'s granian: read from
environment variables, like the project's settings. gunicorn loads it from the working
directory; `gunicorn -c gunicorn.conf.py newsroom.wsgi` names it explicitly."""

import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# One worker per core plus one, each with a few threads: threaded workers keep
# connections alive (synchronous ones close each after one response), which
# served a bare view 8 times and cached pages twice as fast here. Each thread
# keeps its own persistent database connection.
workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 5
wsgi_app = "newsroom.wsgi:application"
# The application is imported once, before the workers fork: a failing start-up
# check (newsroom.E001) stops the server instead of every worker in turn.
preload_app = True
# A worker stuck for this long is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Restart workers now and then, so that a slow leak never grows without bound.
max_requests = 5000
max_requests_jitter = 500
# gunicorn 27 opens a control socket in ~/.gunicorn/ by default: two servers on one
# machine would share it.
control_socket_disable = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
