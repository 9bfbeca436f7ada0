"""gunicorn's settings for the web process: gunicorn reads this file from the folder it starts in."""

# Whether a request came over HTTPS is Django's call (BEHIND_PROXY in the production settings).
# gunicorn would otherwise believe X-Forwarded-Proto from any process on the same machine.
secure_scheme_headers = {}

# gunicorn's own messages as JSON lines too, like the site's (mindsite/ops/json_logging.py).
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "mindsite.ops.json_logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "root": {"level": "INFO", "handlers": ["console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
        # No access log: each line would hold a reader's IP address and browser. The proxy in front keeps its own.
        "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
    },
}
