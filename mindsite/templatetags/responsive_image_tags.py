from django import template

from mindsite.responsive_images import picture

register = template.Library()


@register.simple_tag
def responsive_image(image, layout, alt="", lead=False, css_class=""):
    """{% responsive_image story.image "card" alt=story.image_alt_text %}: a <picture> at the sizes
    that layout (mindsite/responsive_images.py LAYOUTS) is shown at. lead=True for the page's main
    image near its top; every other image loads as the reader nears it."""
    return picture(image, layout, alt, lead=lead, css_class=css_class)
