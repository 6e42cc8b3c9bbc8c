"""In the built HTML, with no kernel: one exercise of each type is answered in Chromium and gives feedback."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.book]


def open_chapter(page, site):
    page.goto(f"{site}/chapters/survey-hopes.html")
    page.wait_for_selector("form.nkbook-exercise[data-ready=true]")


def feedback(page, qid):
    status = page.locator(f'[data-exercise-id="{qid}"] [role=status]')
    status.wait_for()
    return status.inner_text()


def submit(page, qid):
    page.locator(f'[data-exercise-id="{qid}"] button[type=submit]').click()


def test_single_choice_wrong_then_right(page, site):
    open_chapter(page, site)
    form = page.locator('[data-exercise-id="survey-1"]')
    form.get_by_label("26", exact=True).check()
    submit(page, "survey-1")
    assert "Not yet" in feedback(page, "survey-1") and "communicate safely" in feedback(page, "survey-1")
    form.get_by_label("35", exact=True).check()
    submit(page, "survey-1")
    assert "Right" in feedback(page, "survey-1")
    assert form.get_attribute("data-status") == "correct"


def test_multiple_choice_partial(page, site):
    open_chapter(page, site)
    form = page.locator('[data-exercise-id="survey-2"]')
    form.get_by_label("At least some women named more than one hope.").check()
    submit(page, "survey-2")
    assert "Partly right" in feedback(page, "survey-2")


def test_numeric_with_comma_and_percent_and_bad_input(page, site):
    open_chapter(page, site)
    field = page.locator('[data-exercise-id="survey-3"] input[type=text]')
    field.fill("sixty-five")
    submit(page, "survey-3")
    assert "is not a number we can read" in feedback(page, "survey-3")
    assert field.input_value() == "sixty-five", "a rejected answer is kept for the reader to mend"
    field.fill("65,0 %")
    field.press("Enter")
    assert "Right" in feedback(page, "survey-3")


def test_ordering_by_keyboard_alone(page, site):
    open_chapter(page, site)
    form = page.locator('[data-exercise-id="survey-4"]')
    items = form.locator("select").first.locator("option").all_inner_texts()[1:]
    order = ["Not to be repatriated to North Korea", "To communicate safely with their families in North Korea",
             "That routes to South Korea reopen this year"]
    assert sorted(items) == sorted(order)
    selects = form.locator("select")
    selects.nth(0).focus()
    for place, item in enumerate(order):
        select = selects.nth(place)
        select.focus()
        select.select_option(label=item)
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # focus is on the Check button after the last select
    assert "Right" in feedback(page, "survey-4")


def test_short_text_reveals_model_answer_and_rejects_empty(page, site):
    open_chapter(page, site)
    submit(page, "survey-6")
    assert "Write your answer first" in feedback(page, "survey-6")
    page.locator('[data-exercise-id="survey-6"] textarea').fill("It is the source's own reading." * 300)
    submit(page, "survey-6")
    assert "Model answer" in feedback(page, "survey-6")


def test_no_request_leaves_the_machine_and_no_console_error(page, site):
    open_chapter(page, site)
    page.locator("figure.nkbook-chart").first.scroll_into_view_if_needed()
    page.wait_for_selector("figure.nkbook-chart--drawn")
    assert page.off_host == []
    assert page.console_errors == []
