"""`koers serve --host H --port P`: the application server (gunicorn)."""

from django.core.management.base import BaseCommand
from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from koers.wsgi import application

# Asked by the load balancer every few seconds: not worth a line each in the access log.
UNLOGGED_PATHS = frozenset({"/gezond/klaar/"})


class _Logger(Logger):
    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO") not in UNLOGGED_PATHS:
            super().access(resp, req, environ, request_time)


class _Server(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return application


class Command(BaseCommand):
    help = "Start de applicatieserver."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)

    def handle(self, *args, host, port, workers, threads, **options):
        self.stdout.write(f"Koers draait op http://{host}:{port}/ (stoppen: Ctrl+C)")
        _Server(
            {
                "bind": f"{host}:{port}",
                "workers": workers,
                "threads": threads,
                # Longer than a load balancer's or client's idle timeout (nginx 75 s, most 60 s), so
                # the other side closes an idle connection first: with gunicorn's 2 s a POST sent
                # on a connection the server was just closing failed (seen once in the soak).
                "keepalive": 75,
                "accesslog": "-",
                "access_log_format": '%(h)s "%(m)s %(U)s" %(s)s %(L)ss',
                "logger_class": _Logger,
            }
        ).run()
