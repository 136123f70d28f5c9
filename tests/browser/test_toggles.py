"""Material's drawer and search toggles without the autocomplete="off" HTML refuses on a
checkbox (overrides/base.html): a page gone back to still starts with both closed."""

import pytest

MEETING = "meetings/2015-first-meeting/"


@pytest.mark.parametrize("toggle", ["__drawer", "__search"])
def test_a_page_gone_back_to_starts_with_the_toggle_closed(new_page, site_url, toggle):
    page, recorder = new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url + MEETING)
    assert page.get_attribute(f"#{toggle}", "autocomplete") is None
    page.evaluate(f"document.getElementById('{toggle}').click()")
    assert page.evaluate(f"document.getElementById('{toggle}').checked")
    page.goto(site_url)
    page.go_back()  # the browser restores the form's state, the checkbox's too
    page.wait_for_load_state("load")
    assert not page.evaluate(f"document.getElementById('{toggle}').checked")
    assert recorder.errors == [] and recorder.violations == []
