"""The live form of an exercise: ipywidgets controls, checked by :func:`.checking.check` in the kernel."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from .bank import Question
from .checking import Feedback, check
from .static import BUTTON, LEVEL_NAMES, _display_order, _ordinals

STATUS_LABELS = {
    "correct": "\u2714 Right",
    "partial": "\u25d1 Partly right",
    "incorrect": "\u2716 Not yet",
    "revealed": "\u2139 Model answer",
    "invalid": "\u26a0 Check your input",
}


def feedback_html(result: Feedback) -> str:
    """The feedback as HTML: the same words as the static form, led by a symbol and a word (not colour alone)."""
    html = f"<div role='status'><strong>{STATUS_LABELS[result.status]}: </strong>{escape(result.message)}"
    if result.explanation:
        html += f"<p>{escape(result.explanation)}</p>"
    return html + "</div>"


class ExerciseWidget(w.VBox):
    """A question, its controls, a check button and the feedback."""

    def __init__(self, question: Question):
        self.question = question
        self.feedback = w.HTML(value="")
        self._read = self._build_controls()
        button = w.Button(description=BUTTON.get(question.type, "Check"), button_style="",
                          tooltip="Check your answer")
        button.on_click(lambda _: self.submit())
        prompt = w.HTML(value=f"<p><strong>{LEVEL_NAMES[question.level]}</strong> {escape(question.prompt)}</p>")
        super().__init__([prompt, self.controls, button, self.feedback])
        self.add_class("nkbook-exercise-widget")

    def _build_controls(self):
        q = self.question
        if q.type == "single":
            radios = w.RadioButtons(options=[o.text for o in q.options], value=None,
                                    layout=w.Layout(width="auto"))
            self.controls = radios
            return lambda: radios.value
        if q.type == "multiple":
            boxes = [w.Checkbox(value=False, description=o.text, indent=False, layout=w.Layout(width="auto"))
                     for o in q.options]
            self.controls = w.VBox(boxes)
            return lambda: [o.text for o, box in zip(q.options, boxes) if box.value]
        if q.type == "numeric":
            field = w.Text(placeholder="e.g. 27.5", description=f"Answer{' (' + q.unit + ')' if q.unit else ''}:",
                           style={"description_width": "initial"}, continuous_update=False)
            self.controls = field
            return lambda: field.value
        if q.type == "text":
            area = w.Textarea(placeholder="Your answer", layout=w.Layout(width="100%", height="6em"))
            self.controls = area
            return lambda: area.value
        shown = _display_order(q)
        places = [w.Dropdown(options=[("Choose…", "")] + [(i, i) for i in shown], value="", description=label,
                             style={"description_width": "initial"}, layout=w.Layout(width="auto"))
                  for label in _ordinals(len(q.items))]
        self.controls = w.VBox(places)
        return lambda: [p.value for p in places] if all(p.value for p in places) else None

    def submit(self, answer=None) -> Feedback:
        """Check the answer in the controls (or ``answer``, for tests) and show the feedback."""
        result = check(self.question, self._read() if answer is None else answer)
        self.feedback.value = feedback_html(result)
        return result
