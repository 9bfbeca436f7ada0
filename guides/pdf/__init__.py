"""The whole guide as a PDF: built by a worker from what is published, kept in media storage, sent on request.

- signal_handlers.py: a publish, unpublish, move, rename or privacy change marks the guides it touches as wanted;
- building.py: a worker claims a wanted guide, builds it outside any transaction and records the new file;
- rendering.py: the HTML and WeasyPrint (imported only there, and only when a PDF is built);
- serving.py: the guide's /pdf/ address sends the stored file.
"""
