"""The question bank as an IMS QTI 1.2 content package (a zip), for Canvas, Blackboard and Brightspace.

The zip holds ``imsmanifest.xml`` (IMS Content Packaging) and one QTI 1.2 assessment per chapter,
named and ordered as in the book. Items follow the shape Canvas exports and imports (its
``question_type`` metadata, ``response_lid`` and ``response_str`` responses, a ``SCORE`` out of 100,
``general_fb``, ``correct_fb`` and ``general_incorrect_fb`` feedback), which Blackboard and
Brightspace read too. ``tests/test_exercise_exports.py`` validates every file against the IMS QTI ASI
1.2 and Content Packaging schemas.

- Single and multiple choice: the options in the book's order, each with its feedback. A multiple
  choice question scores 100 when exactly the right options are ticked; partial credit is the LMS's
  own setting (Canvas gives it by default).
- Numeric: the answer within its tolerance, with feedback for a right and a wrong answer.
- Open questions: essays with the explanation as general feedback. QTI 1.2 has no field for graders:
  the model answer, points and rubric are in a ``qticomment`` of the item, which no LMS shows, and in
  the answer key.
- Put-in-order questions: QTI 1.2 and Canvas's classic quizzes have no ordering type, so they are
  matching questions, each item matched to its place ("1st", "2nd", ...), as in :mod:`.moodle`.

Why not a library: ``text2qti`` reads its own Markdown dialect (our text would need escaping into it)
and has no matching or ordering question; ``qti-package-maker`` writes no per-option feedback in its
Canvas output, has no ordering there, and would add lxml and three more packages to the light
install. The standard library's ``xml.etree`` writes it in one module.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from ..bank import Question, load_bank
from .common import BOOK, by_chapter, chapter_label, grader_notes_text, places, plain, weight
from .moodle import html

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
QTI_XSD = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
QUESTION_TYPE = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "numeric": "numerical_question",
    "text": "essay_question",
    "ordering": "matching_question",
}
# Fixed times in the zip, so that the same bank gives the same bytes on every build.
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    # Tags are unqualified: the root element declares QTI's namespace as the default (see _serialise).
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _material(parent: ET.Element, text: str, texttype: str = "text/html") -> ET.Element:
    material = _sub(parent, "material")
    _sub(material, "mattext", text, texttype=texttype)
    return material


def _metadata(parent: ET.Element, fields: dict[str, str]) -> None:
    metadata = _sub(parent, "qtimetadata")
    for label, entry in fields.items():
        field = _sub(metadata, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _condition(resprocessing: ET.Element, stop: bool = False) -> tuple[ET.Element, ET.Element]:
    # continue="No": when this condition holds, the conditions after it are not looked at.
    condition = ET.SubElement(resprocessing, "respcondition", {"continue": "No" if stop else "Yes"})
    return condition, _sub(condition, "conditionvar")


def _show(condition: ET.Element, ident: str) -> None:
    _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=ident)


def _score(condition: ET.Element, value: float, action: str = "Set") -> None:
    _sub(condition, "setvar", weight(value), action=action, varname="SCORE")


def _feedback(item: ET.Element, ident: str, text: str) -> None:
    feedback = _sub(item, "itemfeedback", ident=ident)
    _material(_sub(feedback, "flow_mat"), html(text))


def _choice(q: Question, presentation: ET.Element, resprocessing: ET.Element, item: ET.Element) -> None:
    idents = [f"{q.id}-{n}" for n in range(1, len(q.options) + 1)]
    response = _sub(presentation, "response_lid", ident="response1", rcardinality=q.type.capitalize())
    choices = _sub(response, "render_choice", shuffle="No")  # the book's order, as in the answer key
    for ident, option in zip(idents, q.shown_options):
        _material(_sub(choices, "response_label", ident=ident), plain(option.text), texttype="text/plain")
    for ident in idents:
        condition, var = _condition(resprocessing)
        _sub(var, "varequal", ident, respident="response1")
        _show(condition, f"{ident}_fb")
    condition, var = _condition(resprocessing, stop=True)
    if q.type == "single":
        (right,) = (i for i, o in zip(idents, q.shown_options) if o.correct)
        _sub(var, "varequal", right, respident="response1")
    else:  # exactly the right options: each right one ticked, no wrong one
        both = _sub(var, "and")
        for ident, option in zip(idents, q.shown_options):
            if option.correct:
                _sub(both, "varequal", ident, respident="response1")
            else:
                _sub(_sub(both, "not"), "varequal", ident, respident="response1")
    _score(condition, 100)
    for ident, option in zip(idents, q.shown_options):
        _feedback(item, f"{ident}_fb", option.feedback)


def _numeric(q: Question, presentation: ET.Element, resprocessing: ET.Element, item: ET.Element) -> None:
    response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
    _sub(_sub(response, "render_fib", fibtype="Decimal"), "response_label", ident="answer1")
    condition, var = _condition(resprocessing, stop=True)
    either = _sub(var, "or")
    _sub(either, "varequal", weight(q.answer), respident="response1")
    within = _sub(either, "and")
    _sub(within, "vargte", weight(q.answer - q.tolerance), respident="response1")
    _sub(within, "varlte", weight(q.answer + q.tolerance), respident="response1")
    _score(condition, 100)
    _right_or_wrong(q, condition, resprocessing, item)


def _right_or_wrong(q: Question, right: ET.Element, resprocessing: ET.Element, item: ET.Element) -> None:
    """The right answer's condition shows the right-answer feedback; any other answer, the wrong-answer one."""
    _show(right, "correct_fb")
    condition, var = _condition(resprocessing)
    _sub(var, "other")
    _show(condition, "general_incorrect_fb")
    _feedback(item, "correct_fb", q.feedback_correct)
    _feedback(item, "general_incorrect_fb", q.feedback_incorrect)


def _essay(q: Question, presentation: ET.Element, resprocessing: ET.Element, item: ET.Element) -> None:
    response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
    _sub(_sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
    _sub(_condition(resprocessing, stop=True)[1], "other")


def _matching(q: Question, presentation: ET.Element, resprocessing: ET.Element, item: ET.Element) -> None:
    """Each item a response whose choices are the places; see :func:`.moodle._matching` for why."""
    labels = places(len(q.items))
    place_ids = [f"{q.id}-place-{n}" for n in range(1, len(labels) + 1)]
    for n, text in enumerate(q.items, start=1):
        response = _sub(presentation, "response_lid", ident=f"response_{q.id}-item-{n}", rcardinality="Single")
        _material(response, plain(text), texttype="text/plain")
        choices = _sub(response, "render_choice", shuffle="No")
        for ident, label in zip(place_ids, labels):
            _material(_sub(choices, "response_label", ident=ident), label, texttype="text/plain")
    for n, ident in enumerate(place_ids, start=1):
        condition, var = _condition(resprocessing)
        _sub(var, "varequal", ident, respident=f"response_{q.id}-item-{n}")
        _score(condition, 100 / len(place_ids), action="Add")
    condition, var = _condition(resprocessing, stop=True)
    every = _sub(var, "and")
    for n, ident in enumerate(place_ids, start=1):
        _sub(every, "varequal", ident, respident=f"response_{q.id}-item-{n}")
    _right_or_wrong(q, condition, resprocessing, item)


def item_element(q: Question) -> ET.Element:
    """One question as a QTI 1.2 ``<item>``."""
    item = ET.Element("item", ident=q.id, title=q.id)
    if q.type == "text":
        _sub(item, "qticomment", grader_notes_text(q))
    _metadata(
        _sub(item, "itemmetadata"),
        {
            "question_type": QUESTION_TYPE[q.type],
            "points_possible": "1.0",
            "nkbook_chapter": q.chapter,
            "nkbook_level": q.level,
        },
    )
    presentation = _sub(item, "presentation")
    _material(presentation, html(q.prompt + (f" ({q.unit})" if q.type == "numeric" and q.unit else "")))
    resprocessing = _sub(item, "resprocessing")
    outcomes = _sub(resprocessing, "outcomes")
    _sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    # The explanation, to every student after answering (Canvas's general feedback).
    condition, var = _condition(resprocessing)
    _sub(var, "other")
    _show(condition, "general_fb")
    build = {"single": _choice, "multiple": _choice, "numeric": _numeric, "text": _essay, "ordering": _matching}
    build[q.type](q, presentation, resprocessing, item)
    # itemfeedback comes last in an item; the general feedback first among them.
    feedbacks = [child for child in item if child.tag == "itemfeedback"]
    for child in feedbacks:
        item.remove(child)
    _feedback(item, "general_fb", q.explanation)
    item.extend(feedbacks)
    return item


def assessment_xml(ident: str, title: str, questions: list[Question]) -> str:
    """One chapter's questions as a QTI 1.2 ``questestinterop`` document."""
    root = ET.Element("questestinterop", {XSI: f"{QTI_NS} {QTI_XSD}"})
    assessment = _sub(root, "assessment", ident=ident, title=title)
    _metadata(assessment, {"cc_maxattempts": "1"})
    section = _sub(assessment, "section", ident=f"{ident}-section")
    for q in questions:
        section.append(item_element(q))
    return _serialise(root, QTI_NS)


def manifest_xml(files: list[tuple[str, str]]) -> str:
    """``imsmanifest.xml``: one ``imsqti_xmlv1p2`` resource per (identifier, file)."""

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, attrs)
        element.text = text
        return element

    manifest = ET.Element("manifest", {"identifier": "nkbook-question-bank", XSI: f"{CP_NS} {CP_XSD}"})
    metadata = sub(manifest, "metadata")
    sub(metadata, "schema", "IMS Content")
    sub(metadata, "schemaversion", "1.1.3")
    sub(manifest, "organizations")
    resources = sub(manifest, "resources")
    for identifier, href in files:
        resource = sub(resources, "resource", identifier=identifier, type="imsqti_xmlv1p2", href=href)
        sub(resource, "file", href=href)
    return _serialise(manifest, CP_NS)


def _serialise(root: ET.Element, namespace: str) -> str:
    # ElementTree's default_namespace refuses unqualified attributes, so the root declares it itself.
    root.set("xmlns", namespace)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def qti_files(bank: dict[str, Question] | None = None) -> dict[str, str]:
    """The package's files by name: ``imsmanifest.xml`` and ``NN-<chapter>.xml`` per chapter, in book order."""
    bank = load_bank() if bank is None else bank
    files: dict[str, str] = {}
    for number, (chapter, title, questions) in enumerate(by_chapter(bank), start=1):
        ident = f"{number:02d}-{chapter}"
        files[f"{ident}.xml"] = assessment_xml(ident, f"{BOOK}: {chapter_label(number, title)}", questions)
    manifest = manifest_xml([(f"nkbook-{name.removesuffix('.xml')}", name) for name in files])
    return {"imsmanifest.xml": manifest, **files}


def write_qti_zip(target: Path, bank: dict[str, Question] | None = None) -> Path:
    """Write the QTI 1.2 package to ``target`` (a .zip); the same bank gives the same bytes."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for name, text in qti_files(bank).items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, text.encode("utf-8"))
    return target
