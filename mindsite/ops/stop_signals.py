"""SIGTERM and SIGINT ask a worker (the mail worker, the PDF worker) to stop after its pass.

The handler only sets a flag. A handler that logs or sets a threading.Event takes a lock; a second
signal soon after the first (Ctrl-C twice, `make run`'s `kill 0` after a SIGTERM to its group, a
process manager's stop) runs the handler again inside the first, or while the worker's own wait
holds that lock, and the worker waits on itself for ever. The worker's loop notices the flag,
within a fraction of a second while it waits, and logs from there.
"""

import signal
import time

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
# How often a waiting worker looks at the flag.
NAP_SECONDS = 0.1


class StopSignals:
    """`with StopSignals() as stop:` installs the handlers (and puts the earlier ones back after);
    `stop.requested` is the signal's name once one has come, and `stop.wait(seconds)` sleeps until
    then or until the seconds have passed."""

    def __init__(self):
        self.signal_number = None
        self.previous = {}

    def handle(self, signum, frame):
        self.signal_number = signum  # nothing else: see the module's docstring

    @property
    def requested(self):
        return signal.Signals(self.signal_number).name if self.signal_number is not None else None

    def wait(self, seconds):
        """Sleep for `seconds`, in short naps, or until a stop is asked for. True if one has been."""
        deadline = time.monotonic() + seconds
        while self.signal_number is None:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            time.sleep(min(left, NAP_SECONDS))
        return self.signal_number is not None

    def __enter__(self):
        self.previous = {sig: signal.signal(sig, self.handle) for sig in STOP_SIGNALS}
        return self

    def __exit__(self, *exc_info):
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)
        return False
