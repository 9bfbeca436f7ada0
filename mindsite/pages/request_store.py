"""Values worked out once per request and forgotten after it: a dict per store, per request.

Outside a request (a command, a test calling a function directly) a store's get() is None, and
its user works the value out every time.
"""

import contextvars

_variables = []


class RequestStore:
    def __init__(self, name):
        self.variable = contextvars.ContextVar(name, default=None)
        _variables.append(self.variable)

    def get(self):
        return self.variable.get()


class RequestStoresMiddleware:
    """Give each request its own empty stores, so no request sees another's values."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tokens = [variable.set({}) for variable in _variables]
        try:
            return self.get_response(request)
        finally:
            for variable, token in zip(_variables, tokens, strict=True):
                variable.reset(token)
