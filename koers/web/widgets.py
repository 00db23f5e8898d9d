"""Form widgets rendered in Python: the same HTML as Django's widget templates, without a template.

The contact form alone has some 70 inputs (30 working-element checkboxes, channels, purposes,
agreements); through a template each costs an include and an escape per attribute, and together
they were the largest part of the youth file's rendering time (ADR 0006). The output is the same
markup as `django/forms/jinja2/django/forms/widgets/*.html`; any other widget (the admin's own)
still renders through its template.
"""

from django.forms.renderers import TemplatesSetting
from markupsafe import Markup, escape


def _attrs(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = widget["value"]
    value_attr = "" if value is None else f' value="{escape(value)}"'
    tag = (
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value_attr}{_attrs(widget["attrs"])}>'
    )
    if widget.get("wrap_label"):
        label_for = f' for="{escape(widget["attrs"]["id"])}"' if widget["attrs"].get("id") else ""
        return f"<label{label_for}>{tag} {escape(widget['label'])}</label>"
    return tag


def _textarea(widget: dict) -> str:
    value = escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _select(widget: dict) -> str:
    parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escape(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{escape(option["value"])}"{_attrs(option["attrs"])}>'
                f"{escape(option['label'])}</option>"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


_INPUTS = (
    "input checkbox checkbox_option color date datetime email hidden input_option number password"
    " radio_option search tel text time url"
).split()
_RENDER_IN_PYTHON = {f"django/forms/widgets/{name}.html": _input for name in _INPUTS} | {
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/select.html": _select,
}


class PythonWidgetRenderer(TemplatesSetting):
    """Django's TemplatesSetting renderer, with the plain widgets rendered in Python."""

    def render(self, template_name, context, request=None):
        render = _RENDER_IN_PYTHON.get(template_name)
        if render is None:
            return super().render(template_name, context, request)
        # Every value in the HTML above went through escape().
        return Markup(render(context["widget"]))  # noqa: S704
