"""A frontend cache backend for the tests: a real wagtail.contrib.frontend_cache backend that records
each batch it is asked to purge, instead of calling Cloudflare or CloudFront."""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

# One list per purge_batch call, in order.
batches = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        batches.append(list(urls))


def purged_urls():
    return {url for batch in batches for url in batch}
