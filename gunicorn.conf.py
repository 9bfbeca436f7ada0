"""gunicorn's settings for the web process: gunicorn reads this file from the folder it starts in."""

# Whether a request came over HTTPS is Django's call (BEHIND_PROXY in the production settings).
# gunicorn would otherwise believe X-Forwarded-Proto from any process on the same machine.
secure_scheme_headers = {}
