"""The Moodle XML and QTI 1.2 exports, read back: every question, answer, weight and feedback of the
bank is there, no model answer is in anything a student sees, and the QTI package is valid against
the IMS schemas (tests/schemas/, offline)."""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from nkbook.exercises import load_bank
from nkbook.exercises.bank import Question
from nkbook.exercises.export import BOOK, lms_names, places, qti_files, to_moodle_xml, write_lms
from nkbook.toc import notebook_chapters

BANK = load_bank()
SCHEMAS = Path(__file__).with_name("schemas")
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


def flat(text: str) -> str:
    return " ".join(str(text).split())


def unhtml(text: str | None) -> str:
    """The text a student reads in a field of HTML (tags dropped, entities read)."""
    return flat(html.unescape(re.sub(r"<[^>]+>", " ", text or "")))


def secrets(q: Question) -> list[str]:
    """What only graders may see: an open question's model answer and the points it covers."""
    return [flat(q.model_answer), *(flat(p) for p in q.points)] if q.type == "text" else []


def expected_weights(q: Question) -> list[float]:
    if q.type == "single":
        return [100.0 if o.correct else 0.0 for o in q.shown_options]
    right = sum(o.correct for o in q.options)
    wrong = len(q.options) - right
    return [100 / right if o.correct else -100 / wrong for o in q.shown_options]


def shown_prompt(q: Question) -> str:
    return flat(q.prompt) + (f" ({q.unit})" if q.type == "numeric" and q.unit else "")


# --- Moodle XML -------------------------------------------------------------------------------------


def moodle_questions(xml: str) -> tuple[list[str], dict[str, tuple[str, ET.Element]]]:
    """(the categories in file order, each question by name with the category it is in)."""
    categories, questions, current = [], {}, None
    for question in ET.fromstring(xml).iter("question"):
        if question.get("type") == "category":
            current = question.findtext("category/text")
            categories.append(current)
        else:
            name = question.findtext("name/text")
            assert name not in questions, f"{name} is exported twice"
            questions[name] = (current, question)
    return categories, questions


def field(question: ET.Element, tag: str) -> str:
    return unhtml(question.findtext(f"{tag}/text"))


def student_visible_moodle(question: ET.Element) -> list[str]:
    """Every text of a Moodle question that a student can see (all but graderinfo and the tags)."""
    tags = ("questiontext", "generalfeedback", "correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")
    texts = [field(question, tag) for tag in tags]
    texts += [unhtml(a.findtext("text")) for a in question.iter("answer")]
    texts += [unhtml(f.findtext("text")) for f in question.iter("feedback")]
    texts += [unhtml(s.findtext("text")) for s in question.iter("subquestion")]
    return texts


@pytest.mark.parametrize("ordering_as", ["ordering", "matching"])
def test_moodle_xml_keeps_every_question_answer_weight_and_feedback(ordering_as):
    categories, questions = moodle_questions(to_moodle_xml(BANK, ordering_as=ordering_as))
    chapters = notebook_chapters()
    # One category per chapter, in the book's order, named by its place and title.
    assert categories == [f"$course$/{BOOK}/{n:02d} {title}" for n, (_, title) in enumerate(chapters, start=1)]
    number = {chapter: n for n, (chapter, _) in enumerate(chapters, start=1)}
    assert set(questions) == set(BANK)
    expected_type = {"single": "multichoice", "multiple": "multichoice", "numeric": "numerical", "text": "essay"}
    expected_type["ordering"] = ordering_as
    for qid, q in BANK.items():
        category, question = questions[qid]
        assert category.endswith(f"/{number[q.chapter]:02d} {dict(chapters)[q.chapter]}"), qid
        assert question.get("type") == expected_type[q.type], qid
        assert question.findtext("idnumber") == qid
        assert field(question, "questiontext") == shown_prompt(q)
        assert field(question, "generalfeedback") == flat(q.explanation)
        assert {t.findtext("text") for t in question.iter("tag")} == {f"chapter:{q.chapter}", f"level:{q.level}"}
        answers = question.findall("answer")
        if q.type in ("single", "multiple"):
            assert question.findtext("single") == ("true" if q.type == "single" else "false")
            assert question.findtext("shuffleanswers") == "false"  # the book's order, as in the answer key
            assert [unhtml(a.findtext("text")) for a in answers] == [flat(o.text) for o in q.shown_options]
            assert [float(a.get("fraction")) for a in answers] == pytest.approx(expected_weights(q), abs=1e-4)
            assert [unhtml(a.findtext("feedback/text")) for a in answers] == [flat(o.feedback) for o in q.shown_options]
        elif q.type == "numeric":
            right, other = answers
            assert float(right.findtext("text")) == q.answer and float(right.findtext("tolerance")) == q.tolerance
            assert float(right.get("fraction")) == 100
            assert unhtml(right.findtext("feedback/text")) == flat(q.feedback_correct)
            # "*": any other number, 0%, with the feedback for a wrong answer.
            assert other.findtext("text") == "*" and float(other.get("fraction")) == 0
            assert unhtml(other.findtext("feedback/text")) == flat(q.feedback_incorrect)
        elif q.type == "text":
            notes = question.findtext("graderinfo/text")
            assert question.find("graderinfo").get("format") == "html"
            assert f"<strong>Model answer:</strong> {html.escape(q.model_answer)}" in notes
            assert all(f"<li>{html.escape(p)}</li>" in notes for p in q.points)
            assert all(f"<strong>{level}:</strong>" in notes for level in ("Full", "Partial", "Not yet"))
        elif ordering_as == "ordering":
            # qtype_ordering: the items in the right order, each answer's fraction its place.
            assert [unhtml(a.findtext("text")) for a in answers] == [flat(i) for i in q.items]
            assert [float(a.get("fraction")) for a in answers] == list(range(1, len(q.items) + 1))
        else:
            subs = question.findall("subquestion")
            assert [unhtml(s.findtext("text")) for s in subs] == [flat(i) for i in q.items]
            assert [s.findtext("answer/text") for s in subs] == places(len(q.items))
            assert question.findtext("shuffleanswers") == "true"
        if q.type == "ordering":
            assert field(question, "correctfeedback") == flat(q.feedback_correct)
            assert field(question, "incorrectfeedback") == flat(q.feedback_incorrect)
        if q.type != "text":
            assert question.find("graderinfo") is None


@pytest.mark.parametrize("ordering_as", ["ordering", "matching"])
def test_moodle_xml_shows_students_no_model_answer(ordering_as):
    _, questions = moodle_questions(to_moodle_xml(BANK, ordering_as=ordering_as))
    visible = " | ".join(text for _, question in questions.values() for text in student_visible_moodle(question))
    for q in BANK.values():
        for secret in secrets(q):
            assert secret not in visible, f"{q.id}: grader-only text is visible to students: {secret[:60]}"


def test_moodle_xml_refuses_an_unknown_ordering_fallback():
    with pytest.raises(ValueError, match="ordering_as is 'drag'"):
        to_moodle_xml(BANK, ordering_as="drag")


# --- QTI 1.2 ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> dict[str, bytes]:
    """The zip that write_lms writes, file by file."""
    folder = tmp_path_factory.mktemp("lms")
    written = write_lms(folder, BANK)
    assert [p.name for p in written] == [
        "questions.moodle.xml",
        "questions.moodle-matching.xml",
        "questions.gift.txt",
        "questions.qti.zip",
    ]
    assert [p.name for p in written] == lms_names()  # what the pack's pages link, known without writing
    with zipfile.ZipFile(folder / "questions.qti.zip") as zipped:
        assert zipped.testzip() is None
        return {name: zipped.read(name) for name in zipped.namelist()}


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def test_qti_package_is_valid_against_the_ims_schemas(package):
    qti, cp = schema("qti/ims_qtiasiv1p2.xsd"), schema("imscp_v1p2.xsd")
    chapters = notebook_chapters()
    names = [f"{n:02d}-{chapter}.xml" for n, (chapter, _) in enumerate(chapters, start=1)]
    assert list(package) == ["imsmanifest.xml", *names]
    manifest = etree.parse(io.BytesIO(package["imsmanifest.xml"]))
    assert cp.validate(manifest), cp.error_log
    resources = manifest.getroot().findall(f"{CP}resources/{CP}resource")
    assert [(r.get("type"), r.get("href"), r.find(f"{CP}file").get("href")) for r in resources] == [
        ("imsqti_xmlv1p2", name, name) for name in names
    ]
    for name in names:
        assert qti.validate(etree.parse(io.BytesIO(package[name]))), f"{name}: {qti.error_log}"


def test_the_qti_schema_check_can_fail():
    """The vendored schema is strict enough to refuse a broken item (so the test above means something)."""
    qti = schema("qti/ims_qtiasiv1p2.xsd")
    good = next(text for name, text in qti_files(BANK).items() if name != "imsmanifest.xml")
    assert qti.validate(etree.fromstring(good.encode()))
    bad = good.replace("<resprocessing>", "<resprocessing><bogus />", 1)
    assert not qti.validate(etree.fromstring(bad.encode()))
    bad = good.replace('rcardinality="Single"', 'rcardinality="Several"', 1)
    assert not qti.validate(etree.fromstring(bad.encode()))


class Outcome:
    def __init__(self, score: float, feedback: list[str]):
        self.score, self.feedback = score, feedback


def _holds(condition: ET.Element, response: dict[str, set[str] | str]) -> bool:
    """A QTI 1.2 condition against a response (respident -> chosen idents, or the typed text)."""
    tag = condition.tag.removeprefix(QTI)
    children = list(condition)
    if tag == "conditionvar":
        return all(_holds(c, response) for c in children)
    if tag == "and":
        return all(_holds(c, response) for c in children)
    if tag == "or":
        return any(_holds(c, response) for c in children)
    if tag == "not":
        return not _holds(children[0], response)
    if tag == "other":
        return True
    given = response.get(condition.get("respident"))
    if tag == "varequal":
        if isinstance(given, set):
            return condition.text in given
        return given is not None and float(given) == float(condition.text)
    if tag in ("vargte", "varlte"):
        if given is None or isinstance(given, set):
            return False
        return float(given) >= float(condition.text) if tag == "vargte" else float(given) <= float(condition.text)
    raise AssertionError(f"the test's QTI reader does not know <{tag}>")


def score(item: ET.Element, response: dict[str, set[str] | str]) -> Outcome:
    """Run an item's response processing as an LMS does: conditions in order, SCORE set or added,
    feedback shown; a condition with continue="No" that holds ends the processing."""
    result, shown = 0.0, []
    decvar = item.find(f"{QTI}resprocessing/{QTI}outcomes/{QTI}decvar")
    assert (decvar.get("varname"), decvar.get("minvalue"), decvar.get("maxvalue")) == ("SCORE", "0", "100")
    feedback = {
        f.get("ident"): unhtml(f.findtext(f"{QTI}flow_mat/{QTI}material/{QTI}mattext"))
        for f in item.findall(f"{QTI}itemfeedback")
    }
    for condition in item.findall(f"{QTI}resprocessing/{QTI}respcondition"):
        if not _holds(condition.find(f"{QTI}conditionvar"), response):
            continue
        for setvar in condition.findall(f"{QTI}setvar"):
            value = float(setvar.text)
            result = value if setvar.get("action") == "Set" else result + value
        shown += [feedback[d.get("linkrefid")] for d in condition.findall(f"{QTI}displayfeedback")]
        if condition.get("continue") == "No":
            break
    return Outcome(min(max(result, 0), 100), shown)


def qti_items(package: dict[str, bytes]) -> dict[str, tuple[str, ET.Element]]:
    items = {}
    for name, data in package.items():
        if name == "imsmanifest.xml":
            continue
        assessment = ET.fromstring(data).find(f"{QTI}assessment")
        for item in assessment.iter(f"{QTI}item"):
            assert item.get("ident") not in items
            items[item.get("ident")] = (assessment.get("title"), item)
    return items


def metadata(item: ET.Element) -> dict[str, str]:
    fields = item.iter(f"{QTI}qtimetadatafield")
    return {f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry") for f in fields}


def labels(parent: ET.Element) -> list[tuple[str, str]]:
    """(ident, text) of each choice, in the order shown."""
    return [
        (label.get("ident"), flat(label.findtext(f"{QTI}material/{QTI}mattext")))
        for label in parent.iter(f"{QTI}response_label")
    ]


def test_qti_keeps_every_question_answer_weight_and_feedback(package):
    items = qti_items(package)
    assert set(items) == set(BANK)
    chapters = notebook_chapters()
    number = {chapter: n for n, (chapter, _) in enumerate(chapters, start=1)}
    kinds = {"single": "multiple_choice", "multiple": "multiple_answers", "numeric": "numerical"}
    kinds |= {"text": "essay", "ordering": "matching"}
    for qid, q in BANK.items():
        title, item = items[qid]
        assert title == f"{BOOK}: {number[q.chapter]:02d} {dict(chapters)[q.chapter]}", qid
        assert metadata(item) == {
            "question_type": f"{kinds[q.type]}_question",
            "points_possible": "1.0",
            "nkbook_chapter": q.chapter,
            "nkbook_level": q.level,
        }
        presentation = item.find(f"{QTI}presentation")
        assert unhtml(presentation.findtext(f"{QTI}material/{QTI}mattext")) == shown_prompt(q)
        general = flat(q.explanation)
        if q.type in ("single", "multiple"):
            response = presentation.find(f"{QTI}response_lid")
            assert response.get("rcardinality") == q.type.capitalize()
            choices = labels(response)
            assert [text for _, text in choices] == [flat(o.text) for o in q.shown_options]
            right = {ident for (ident, _), o in zip(choices, q.shown_options) if o.correct}
            # The right answer scores 100; each option shows its own feedback.
            answer = score(item, {"response1": right})
            assert answer.score == 100
            chosen = [flat(o.feedback) for o in q.shown_options if o.correct]
            assert answer.feedback == [general, *chosen]
            for (ident, _), option in zip(choices, q.shown_options):
                alone = score(item, {"response1": {ident}})
                assert alone.feedback == [general, flat(option.feedback)]
                assert alone.score == (100 if {ident} == right else 0), (qid, ident)
            if q.type == "multiple":
                everything = score(item, {"response1": {ident for ident, _ in choices}})
                assert everything.score == 0  # ticking every option is not the answer
        elif q.type == "numeric":
            for typed in (q.answer, q.answer - q.tolerance, q.answer + q.tolerance):
                assert score(item, {"response1": repr(typed)}).score == 100
                assert score(item, {"response1": repr(typed)}).feedback == [general, flat(q.feedback_correct)]
            off = q.answer + q.tolerance + max(1.0, abs(q.answer))
            wrong = score(item, {"response1": repr(off)})
            assert wrong.score == 0 and wrong.feedback == [general, flat(q.feedback_incorrect)]
        elif q.type == "text":
            assert presentation.find(f"{QTI}response_str/{QTI}render_fib") is not None
            assert score(item, {}).feedback == [general]
            # No field for graders in QTI 1.2: the notes are a comment of the item, which no LMS shows.
            assert flat(q.model_answer) in flat(item.findtext(f"{QTI}qticomment"))
        else:
            responses = presentation.findall(f"{QTI}response_lid")
            assert [flat(r.findtext(f"{QTI}material/{QTI}mattext")) for r in responses] == [flat(i) for i in q.items]
            for response in responses:
                assert [text for _, text in labels(response)] == places(len(q.items))
            # Item n in place n: 100 and the feedback for a right order; one swap: less, and the other feedback.
            right = {r.get("ident"): {labels(r)[n][0]} for n, r in enumerate(responses)}
            assert score(item, right).score == pytest.approx(100)
            assert score(item, right).feedback == [general, flat(q.feedback_correct)]
            first, second = (r.get("ident") for r in responses[:2])
            swapped = right | {first: right[second], second: right[first]}
            assert score(item, swapped).score == pytest.approx(100 * (len(q.items) - 2) / len(q.items))
            assert score(item, swapped).feedback == [general, flat(q.feedback_incorrect)]


def test_qti_shows_students_no_model_answer(package):
    for qid, (_, item) in qti_items(package).items():
        visible = [unhtml(m.text) for m in item.iter(f"{QTI}mattext")]
        for secret in secrets(BANK[qid]):
            assert all(secret not in text for text in visible), f"{qid}: grader-only text is visible: {secret[:60]}"


def test_qti_zip_is_the_same_on_every_build(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    write_lms(first, BANK)
    write_lms(second, BANK)
    for name in ("questions.qti.zip", "questions.moodle.xml", "questions.gift.txt"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
