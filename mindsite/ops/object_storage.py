"""Uploads in S3-compatible object storage (django-storages), when AWS_STORAGE_BUCKET_NAME is set.

A module of its own so that boto3 is imported only by a site that uses it.
"""

from storages.backends.s3 import S3Storage

from mindsite.ops.media import ORIGINALS, RENDITIONS, cache_control_for


class MediaStorage(S3Storage):
    """Object storage for uploads, with the same cache headers the web process would send."""

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        # Wagtail's names are relative to MEDIA_ROOT; the storage hands us its key, under AWS_LOCATION.
        prefix = self.location.strip("/")
        if prefix and name.startswith(prefix + "/"):
            name = name[len(prefix) + 1 :]
        params.setdefault("CacheControl", cache_control_for(name))
        if not name.startswith((RENDITIONS, ORIGINALS)):
            params.setdefault("ContentDisposition", "attachment")
        return params
