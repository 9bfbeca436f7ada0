"""Site search: guides, their parts and stories, on Wagtail's database search backend.

query.py cleans what a reader typed into words; excerpts.py finds the passage each result
matched and marks the words; views.py answers /search/.
"""
