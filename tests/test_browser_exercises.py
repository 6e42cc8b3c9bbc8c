"""In the built HTML, with no kernel: exercises answered in Chromium, progress kept, cleared and restored."""

from __future__ import annotations

import re

import pytest

from nkbook.exercises import load_bank
from nkbook.exercises.widget import module_source

pytestmark = [pytest.mark.browser, pytest.mark.book]

BANK = load_bank()
CHAPTER = "chapters/survey-hopes.html"
# Make localStorage throw, as a browser with storage blocked does.
BLOCK_STORAGE = """
Object.defineProperty(window, 'localStorage', {
  configurable: true,
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
});
"""

THEME_ERRORS_WITHOUT_STORAGE = {"The operation is insecure.", "Got invalid theme mode: undefined. Resetting to auto."}


def open_chapter(page, site, chapter=CHAPTER):
    page.goto(f"{site}/{chapter}")
    page.wait_for_selector("form.nkbook-exercise[data-ready=true]")


def form(page, qid):
    return page.locator(f'[data-exercise-id="{qid}"]')


def feedback(page, qid):
    return form(page, qid).locator("[role=status]").inner_text()


def submit(page, qid):
    form(page, qid).locator("button[type=submit]").click()


def label_of(qid, correct):
    return next(o.text for o in BANK[qid].shown_options if o.correct == correct)


def score(page):
    return page.locator(".nkbook-progress__score").inner_text()


def order_now(page, qid):
    return (
        form(page, qid)
        .locator(".nkbook-exercise__item")
        .evaluate_all("items => items.map(li => li.getAttribute('data-item'))")
    )


def put_in_order(page, qid, target):
    """Move the items with their buttons, by keyboard (focus and Enter), until they stand in ``target``."""
    for place, item in enumerate(target):
        while order_now(page, qid).index(item) > place:
            button = form(page, qid).get_by_role("button", name=f"Move \u201c{item}\u201d up")
            button.focus()
            page.keyboard.press("Enter")


def test_single_choice_wrong_then_right_with_one_verdict_word(page, site):
    open_chapter(page, site)
    form(page, "survey-1").get_by_label(label_of("survey-1", False), exact=True).check()
    submit(page, "survey-1")
    assert feedback(page, "survey-1").startswith("\u2716 Not yet: ")
    box = form(page, "survey-1").locator("[role=status]")
    # Right and wrong differ by the border's style too, not by colour alone (and the built CSS keeps the rules).
    assert box.evaluate("el => getComputedStyle(el).borderLeftStyle") == "dotted"
    form(page, "survey-1").get_by_label("35", exact=True).check()
    assert feedback(page, "survey-1") == "", "feedback on an answer no longer in the form is cleared"
    submit(page, "survey-1")
    text = feedback(page, "survey-1")
    assert text.startswith("\u2714 Right: ") and not re.search(r"\b(Correct|Yes)\b", text.split("\n")[0])
    assert form(page, "survey-1").get_attribute("data-status") == "correct"
    assert box.evaluate("el => getComputedStyle(el).borderLeftStyle") == "solid"


def test_multiple_choice_partial_names_the_option(page, site):
    open_chapter(page, site)
    wrong = label_of("survey-2", False)
    form(page, "survey-2").get_by_label(label_of("survey-2", True), exact=True).check()
    form(page, "survey-2").get_by_label(wrong, exact=True).check()
    submit(page, "survey-2")
    text = feedback(page, "survey-2")
    assert text.startswith("\u25d1 Partly right: 1 of your 2 ticks is right") and f"\u201c{wrong}\u201d" in text


def test_numeric_with_comma_and_percent_and_bad_input(page, site):
    open_chapter(page, site)
    field = form(page, "survey-3").locator("input[type=text]")
    field.fill("sixty-five")
    submit(page, "survey-3")
    assert "is not a number we can read" in feedback(page, "survey-3")
    assert field.input_value() == "sixty-five", "a rejected answer is kept for the reader to mend"
    field.fill("0.65")
    field.press("Enter")
    assert "looks like a fraction" in feedback(page, "survey-3")
    field.fill("65,0 %")
    field.press("Enter")
    assert "Right" in feedback(page, "survey-3")


def test_ordering_starts_shuffled_and_is_put_right_by_keyboard(page, site):
    open_chapter(page, site)
    q = BANK["survey-4"]
    assert order_now(page, "survey-4") == list(q.start_items) != list(q.items)
    put_in_order(page, "survey-4", q.items)
    assert order_now(page, "survey-4") == list(q.items)
    form(page, "survey-4").locator("button[type=submit]").focus()
    page.keyboard.press("Enter")
    assert "Right" in feedback(page, "survey-4")


def test_short_text_reveals_model_answer_and_rejects_empty(page, site):
    open_chapter(page, site)
    submit(page, "survey-6")
    assert "Write your answer first" in feedback(page, "survey-6")
    form(page, "survey-6").locator("textarea").fill("It is the source's own reading." * 300)
    submit(page, "survey-6")
    assert "Model answer" in feedback(page, "survey-6")


def answer_some(page):
    form(page, "survey-1").get_by_label("35", exact=True).check()
    submit(page, "survey-1")
    form(page, "survey-3").locator("input[type=text]").fill("65 %")
    submit(page, "survey-3")
    form(page, "survey-6").locator("textarea").fill("My own answer, kept.")
    put_in_order(page, "survey-4", BANK["survey-4"].items)


def test_answers_and_score_survive_a_reload(page, site):
    open_chapter(page, site)
    n = sum(1 for q in BANK.values() if q.chapter == "survey-hopes" and q.type != "text")
    assert score(page).endswith(f"0 of {n} checked right; 0 open answers written.")
    assert "nothing is sent anywhere" in page.locator(".nkbook-progress").inner_text()
    answer_some(page)
    assert score(page).endswith(f"2 of {n} checked right; 1 open answer written.")
    page.reload()
    page.wait_for_selector("form.nkbook-exercise[data-ready=true]")
    assert form(page, "survey-1").get_by_label("35", exact=True).is_checked()
    assert form(page, "survey-3").locator("input[type=text]").input_value() == "65 %"
    assert form(page, "survey-6").locator("textarea").input_value() == "My own answer, kept."
    assert order_now(page, "survey-4") == list(BANK["survey-4"].items)
    assert feedback(page, "survey-1").startswith("\u2714 Right")
    assert score(page).endswith(f"2 of {n} checked right; 1 open answer written.")
    # The introduction lists each chapter's progress.
    page.goto(f"{site}/chapters/intro.html")
    page.wait_for_selector("[data-progress-list][data-ready=true]")
    listing = page.locator("[data-progress-list]").inner_text()
    title = {
        c: page.locator(f'table a[href$="{c}.html"]').first.inner_text().strip() for c in ("survey-hopes", "arrested")
    }
    assert f"{title['survey-hopes']}: 2 of {n} checked right; 1 open answer written." in listing
    assert f"{title['arrested']}: not started" in listing


def test_answers_survive_a_reload_from_a_folder(browser, built_book):
    context = browser.new_context()
    page = context.new_page()
    url = (built_book["html"] / CHAPTER).as_uri()
    page.goto(url)
    page.wait_for_selector("form.nkbook-exercise[data-ready=true]")
    form(page, "survey-3").locator("input[type=text]").fill("65")
    submit(page, "survey-3")
    page.reload()
    page.wait_for_selector("form.nkbook-exercise[data-ready=true]")
    assert form(page, "survey-3").locator("input[type=text]").input_value() == "65"
    assert "1 of" in score(page) and "nothing is sent anywhere" in page.locator(".nkbook-progress").inner_text()
    context.close()


def test_clear_this_chapter_and_clear_all(page, site):
    page.on("dialog", lambda dialog: dialog.accept())
    open_chapter(page, site)
    answer_some(page)
    open_chapter(page, site, "chapters/arrested.html")
    form(page, "arrested-3").locator("input[type=text]").fill("RMB 980")
    submit(page, "arrested-3")
    assert "Right" in feedback(page, "arrested-3")
    open_chapter(page, site)
    page.get_by_role("button", name="Clear this chapter\u2019s answers").click()
    assert not form(page, "survey-1").get_by_label("35", exact=True).is_checked()
    assert form(page, "survey-6").locator("textarea").input_value() == ""
    assert feedback(page, "survey-1") == ""
    assert order_now(page, "survey-4") == list(BANK["survey-4"].start_items)
    assert " 0 of " in score(page)
    page.reload()
    page.wait_for_selector("form.nkbook-exercise[data-ready=true]")
    assert form(page, "survey-3").locator("input[type=text]").input_value() == ""
    open_chapter(page, site, "chapters/arrested.html")
    assert form(page, "arrested-3").locator("input[type=text]").input_value() == "RMB 980", "other chapters kept"
    page.get_by_role("button", name="Clear all my answers in this book").click()
    page.reload()
    page.wait_for_selector("form.nkbook-exercise[data-ready=true]")
    assert form(page, "arrested-3").locator("input[type=text]").input_value() == ""
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('nkbook:')).length") <= 1


def test_a_cancelled_clear_keeps_the_answers(page, site):
    page.on("dialog", lambda dialog: dialog.dismiss())
    open_chapter(page, site)
    answer_some(page)
    page.get_by_role("button", name="Clear this chapter\u2019s answers").click()
    assert form(page, "survey-1").get_by_label("35", exact=True).is_checked()


def test_exercises_work_with_storage_blocked_and_say_answers_will_not_be_kept(page, site):
    page.context.add_init_script(BLOCK_STORAGE)
    open_chapter(page, site)
    assert (
        page.evaluate("(() => { try { localStorage; return 'open'; } catch (e) { return 'blocked'; } })()") == "blocked"
    )
    warning = page.locator(".nkbook-progress__warning").inner_text()
    assert "will not be kept" in warning
    answer_some(page)
    assert "Right" in feedback(page, "survey-1")
    assert " 2 of " in score(page)
    page.goto(f"{site}/chapters/intro.html")
    page.wait_for_selector("[data-progress-list][data-ready=true]")
    assert "will not be kept" in page.locator("[data-progress-list]").inner_text()
    # The theme's own scripts (pydata-sphinx-theme reads its colour mode from storage) throw when storage
    # is blocked; the page still works. The exercises' script catches every storage error itself.
    assert set(page.console_errors) <= THEME_ERRORS_WITHOUT_STORAGE


def test_show_the_answer_after_two_wrong_checks_counts_as_shown(page, site):
    open_chapter(page, site)
    show = form(page, "survey-1").get_by_role("button", name="Show the answer")
    assert not show.is_visible()
    form(page, "survey-1").get_by_label(label_of("survey-1", False), exact=True).check()
    submit(page, "survey-1")
    assert not show.is_visible(), "one wrong check is not enough"
    submit(page, "survey-1")  # a second wrong check (the same wrong answer counts again)
    assert "Not yet" in feedback(page, "survey-1")
    assert show.is_visible()
    show.click()
    text = feedback(page, "survey-1")
    assert text.startswith("\u2139 The answer: \u201c35\u201d") and BANK["survey-1"].explanation in text
    assert "Source: Daily NK" in text and BANK["survey-1"].quote[:30] in text
    assert ", 1 shown" in score(page) and score(page).split(": ", 1)[1].startswith("0 of")
    page.reload()
    page.wait_for_selector("form.nkbook-exercise[data-ready=true]")
    assert ", 1 shown" in score(page)


def test_no_exercise_is_wider_than_a_320px_phone(browser, site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    too_wide, sizes = {}, []
    for chapter in sorted({q.chapter for q in BANK.values()}):
        open_chapter(page, site, f"chapters/{chapter}.html")
        found = page.evaluate("""() => [...document.querySelectorAll('form.nkbook-exercise, .nkbook-progress')]
          .filter(el => { const r = el.getBoundingClientRect();
                          return r.left < 0 || r.right > window.innerWidth + 0.5
                                 || el.scrollWidth > el.clientWidth + 1; })
          .map(el => el.getAttribute('data-exercise-id') || el.className)""")
        if found:
            too_wide[chapter] = found
        # The move buttons of a put-in-order item are at least 44 px: big enough for a finger.
        sizes += page.locator(".nkbook-exercise__move").evaluate_all(
            "bs => bs.map(b => [b.getBoundingClientRect().width, b.getBoundingClientRect().height])"
        )
    context.close()
    assert too_wide == {}
    assert sizes and all(w >= 44 and h >= 44 for w, h in sizes)


def test_put_in_order_prints_as_a_lettered_list_with_blanks(page, site):
    open_chapter(page, site)
    page.emulate_media(media="print")
    order = form(page, "survey-4").locator(".nkbook-exercise__order")
    assert order.evaluate("el => getComputedStyle(el).listStyleType") == "upper-alpha"
    assert not form(page, "survey-4").locator(".nkbook-exercise__move").first.is_visible()
    blank = form(page, "survey-4").locator(".nkbook-exercise__blank").first
    assert blank.evaluate("el => el.getBoundingClientRect().width") > 20
    assert blank.evaluate("el => getComputedStyle(el).borderBottomStyle") == "solid"
    assert not page.locator(".nkbook-progress").is_visible()


def test_the_live_widget_module_answers_like_the_book(page, site):
    """The anywidget module (the book's script plus a render function), run as a JS module the way
    anywidget runs it: it wires the form it is given, and checks with the same rules.  The host is a
    bare page, as JupyterLab's is to the widget: the book's own pages allow no script from a blob."""
    page.route(
        f"{site}/widget-host.html",
        lambda route: route.fulfill(
            body="<!DOCTYPE html><html lang='en'><head><title>Host</title></head><body></body></html>",
            content_type="text/html",
        ),
    )
    page.goto(f"{site}/widget-host.html")
    html = BANK["survey-3"]
    from nkbook.exercises.static import render

    page.evaluate(
        """async ([source, html]) => {
        const url = URL.createObjectURL(new Blob([source], {type: 'text/javascript'}));
        const mod = await import(url);
        const el = document.createElement('div');
        el.id = 'widget-host';
        document.body.appendChild(el);
        mod.default.render({model: {get: () => html}, el});
    }""",
        [module_source(), render(html)],
    )
    host = page.locator("#widget-host")
    host.locator("input[type=text]").fill("65 per cent")
    host.locator("button[type=submit]").click()
    assert host.locator("[role=status]").inner_text().startswith("\u2714 Right")
    assert page.locator(".nkbook-progress").count() == 0, "a widget does not add a chapter panel"


def test_no_request_leaves_the_machine_and_no_console_error(page, site):
    open_chapter(page, site)
    page.locator("figure.nkbook-chart").first.scroll_into_view_if_needed()
    # Drawn (out of sight until it can take the picture's place without moving the text)
    page.wait_for_selector("figure.nkbook-chart--ready", state="attached")
    assert page.off_host == []
    assert page.console_errors == []


def test_without_javascript_the_questions_stay_readable(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/{CHAPTER}")
    ordering = form(page, "survey-4")
    assert (
        ordering.locator(".nkbook-exercise__order").evaluate("el => getComputedStyle(el).listStyleType")
        == "upper-alpha"
    )
    assert ordering.locator(".nkbook-exercise__item").all_inner_texts() == list(BANK["survey-4"].start_items)
    assert ordering.locator(".nkbook-exercise__blank").first.evaluate("el => el.getBoundingClientRect().width") > 20
    assert form(page, "survey-1").get_by_label("35", exact=True).is_visible()
    assert not form(page, "survey-1").get_by_role("button", name="Show the answer").is_visible()
    assert page.locator(".nkbook-progress").count() == 0
    context.close()
