import pytest


@pytest.mark.django_db
def test_every_page_type_renders(client, site):
    for page in [site.home, site.index, site.campaign, site.guide, site.chapters[0], site.story_index, site.stories[0]]:
        response = client.get(page.url)
        assert response.status_code == 200, page
    assert client.get(site.guide.url + "print/").status_code == 200
