"""Production logs as JSON lines, one object per line, that never quote what a campaigner typed.

An exception is logged as its type and where it was raised, never its message: database and
mail errors quote the values involved (an email address, a name). A request is logged as its
method and path, never its query string, body or headers. Anything that looks like an email
address in a message is masked as well.
"""

import json
import logging
import re
import traceback
from datetime import UTC, datetime

EMAIL_ADDRESS = re.compile(r"[^\s@<>()\"',;:/]+@[^\s@<>()\"',;:/]+\.[^\s@<>()\"',;:/]+")


def _exception(exc_type, exc, tb):
    causes = []
    cause = (exc.__cause__ or exc.__context__) if exc is not None else None
    while cause is not None and len(causes) < 5:
        causes.append(_type_name(type(cause)))
        cause = cause.__cause__ or cause.__context__
    return {
        "type": _type_name(exc_type),
        "caused_by": causes,
        "frames": [f"{frame.filename}:{frame.lineno} in {frame.name}" for frame in traceback.extract_tb(tb)],
    }


def _type_name(cls):
    return cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": EMAIL_ADDRESS.sub("[email address]", record.getMessage()),
        }
        status_code = getattr(record, "status_code", None)
        if isinstance(status_code, int):
            entry["status"] = status_code
        request = getattr(record, "request", None)
        # Django's request logs carry the request; the development server's carry a socket.
        if isinstance(getattr(request, "method", None), str) and isinstance(getattr(request, "path", None), str):
            entry["method"] = request.method
            entry["path"] = EMAIL_ADDRESS.sub("[email address]", request.path)
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = _exception(*record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
