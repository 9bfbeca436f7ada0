"""'Is this page useful?' on guide parts and stories: the readers' form and the editors' report.

A page type asks the question by saying so itself (`asks_if_useful = True`), so this site-wide
package never imports a content app.
"""
