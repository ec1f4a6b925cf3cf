"""Teach griffe (and so mkdocstrings) this SDK's idioms, for the site's API reference.

Loaded by mkdocs.yml (``extensions: - scripts/griffe_sdk.py:SDK``); the package is not changed.

- **Resource faces.** A face declares its operations as class attributes on a private base
  shared by both clients (``fetch = Call(FETCH_WORKER, NoParams, "Fetch the Worker.")``, see
  ``taskrouter_client/_resources/base.py``). Each public face gets them as what they are at
  run time: methods (``async`` on the async client's faces) returning the operation's model,
  lists returning a ``Paginator``, statistics and children as attributes of their type, and
  ``__call__`` for one item. Every member the face inherits from its private bases is
  copied onto it, with the base's type variable bound (``_Flows[Reservation]``: ``fetch()``
  returns a ``Reservation``), so that a face reads as a class of its own.
- **Clients.** ``Client`` and ``AsyncClient`` get their private base's members the same way,
  its type variables bound (``http_client: httpx.Client | None``).
- **Keywords.** A method's keywords are the fields of a TypedDict (``**params:
  Unpack[CreateTaskParams]``, or the declaration's second argument): they become
  keyword-only parameters, each described by its field's docstring (from the spec).
- **Model fields** without a docstring get their description in the spec, from the schema
  their model's docstring names (``Spec schema ``taskrouter.v1.workspace.worker````).
- **reST in docstrings** (``:class:`Task```, ``.. versionadded:: 0.2.0``, a ``::`` literal
  block) becomes Markdown: code spans, a version note, a fenced Python block.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import griffe

PACKAGE = "taskrouter_client"
SPEC = (
    Path(__file__).resolve().parent.parent / "tests" / "data" / "spec" / "twilio_taskrouter_v1.json"
)
_SCHEMA = re.compile(r"[Ss]pec schema ``([\w.]+)``")
_UNDESCRIBED = {"links": "The URLs of related resources, by name."}
"""Fields the spec leaves without a description."""
DECLARATIONS = {"Call", "Lister", "Fetches", "Child", "Item"}
ASYNC_RUNNER = "AsyncRunner"


class SDK(griffe.Extension):
    """Rewrite the loaded package for the reference (see the module's docstring)."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:  # noqa: ARG002
        """Called by griffe once the package and its submodules are loaded."""
        if pkg.name != PACKAGE:
            return
        for module in pkg["_resources"].modules.values():
            for cls in list(module.classes.values()):
                if "__init__" in cls.members:  # made by the clients, never by hand
                    cls.del_member("__init__")
                if not cls.is_alias and not cls.name.startswith("_"):
                    _flatten(cls)
        for client in ("Client", "AsyncClient"):
            _flatten(pkg["_client"][client])
        _describe_fields(pkg)
        links = _Links(pkg)
        for obj in _walk(pkg):
            obj.labels -= {"class-attribute", "instance-attribute"}  # noise on every field
            if obj.docstring is not None:
                obj.docstring.value = markdown(obj.docstring.value, links.target(obj))


def _describe_fields(pkg: griffe.Module) -> None:
    """Give a model's fields their description in the spec, where they have none of their own.

    A model's docstring names its schema (``Spec schema ``taskrouter.v1.workspace.worker````).
    """
    schemas = json.loads(SPEC.read_text(encoding="utf-8"))["components"]["schemas"]
    for cls in _walk(pkg):
        match = _SCHEMA.search(cls.docstring.value) if cls.docstring else None
        if not isinstance(cls, griffe.Class) or match is None:
            continue
        properties = schemas[match.group(1)]["properties"]
        for name, member in cls.members.items():
            if isinstance(member, griffe.Attribute) and member.docstring is None:
                schema = properties.get(name, {})
                if "$ref" in schema:
                    schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
                text = schema.get("description") or _UNDESCRIBED.get(name)
                if text:
                    member.docstring = griffe.Docstring(
                        text, parent=member, parser=griffe.Parser.google
                    )


def _walk(obj: griffe.Object) -> list[griffe.Object]:
    found = [obj]
    for member in obj.members.values():
        if not member.is_alias:
            found.extend(_walk(member))
    return found


# -- faces ------------------------------------------------------------------------------------


def _flatten(face: griffe.Class) -> None:
    """Copy every public member of the face's private bases onto it, made concrete.

    Members come in the order a reader wants them: those of the face's own private base
    (``fetch``, the flows), then the face's own, then those every face shares (``sid``).
    """
    is_async = _bound_to(face, ASYNC_RUNNER)
    bindings = _type_bindings(face)
    ours = [cls for cls in face.mro() if cls.path.startswith(PACKAGE + ".")]
    shared = [cls for cls in ours if cls.module.name == "base"]
    made: dict[str, Any] = {}
    for cls in [*[c for c in ours if c not in shared], face, *shared]:
        for name, member in cls.members.items():
            if name in made or (name.startswith("_") and name not in {"__call__", "__init__"}):
                continue
            if cls is not face and name in face.members:
                member = face.members[name]  # noqa: PLW2901  # the face's own wins
            concrete = _concrete(member, is_async=is_async, bindings=bindings)
            if concrete is not None:
                made[name] = concrete
    for name in made:
        if name in face.members:
            face.del_member(name)
    for name, member in made.items():
        face.set_member(name, member)


def _bound_to(cls: griffe.Class, runner: str) -> bool:
    """Whether a base of ``cls`` (at any depth) is subscripted with ``runner``."""
    for base in cls.bases:
        if isinstance(base, griffe.ExprSubscript) and runner in str(base.slice):
            return True
    return any(_bound_to(base, runner) for base in cls.resolved_bases)


def _type_bindings(face: griffe.Class) -> dict[str, Any]:
    """The type variables its bases bind: ``{"R": Reservation}`` for ``_Flows[Reservation]``.

    A private base ``Base[X, Y]`` binds the type variables (single letters) of its own
    bases' subscripts, in order: ``class _BaseClient(Generic[H, R])``.
    """
    bindings: dict[str, Any] = {}
    for base_expr, base in zip(face.bases, face.resolved_bases, strict=False):
        if not isinstance(base_expr, griffe.ExprSubscript):
            continue
        variables = [
            name
            for expr in base.bases
            if isinstance(expr, griffe.ExprSubscript)
            for name in _elements(expr.slice)
            if isinstance(name, griffe.ExprName) and len(name.name) == 1
        ]
        for variable, value in zip(variables, _elements(base_expr.slice), strict=False):
            bindings[variable.name] = _literal_type(value)
    return bindings


def _elements(expr: Any) -> list[Any]:
    return list(expr.elements) if isinstance(expr, griffe.ExprTuple) else [expr]


def _literal_type(value: Any) -> Any:
    """A type written as a string (``"httpx.Client"``) as the text of the type."""
    if isinstance(value, str) and value[:1] in {"'", '"'}:
        return ast.literal_eval(value)
    return value


def _concrete(member: Any, *, is_async: bool, bindings: dict[str, Any]) -> Any:
    """The member as the face shows it, or None to leave it out."""
    if isinstance(member, griffe.Function):
        return _copy_function(member, bindings)
    if not isinstance(member, griffe.Attribute):
        return None
    value = member.value
    if isinstance(value, griffe.ExprCall) and str(value.function) in DECLARATIONS:
        return _declared(member, value, is_async=is_async)
    if member.docstring is None or "property" not in member.labels:
        return None
    copy = griffe.Attribute(
        member.name,
        lineno=member.lineno,
        endlineno=member.endlineno,
        annotation=member.annotation,
        docstring=_docstring(member.docstring.value),
    )
    copy.labels = set(member.labels)
    return copy


def _declared(member: griffe.Attribute, call: griffe.ExprCall, *, is_async: bool) -> Any:
    """A ``Call``/``Lister``/``Fetches``/``Child``/``Item`` declaration, as its face shows it."""
    kind = str(call.function)
    positional = [arg for arg in call.arguments if not isinstance(arg, griffe.ExprKeyword)]
    keywords = {
        arg.name: ast.literal_eval(str(arg.value))
        for arg in call.arguments
        if isinstance(arg, griffe.ExprKeyword)
    }
    where = {"lineno": member.lineno, "endlineno": member.endlineno}
    if kind == "Child":
        sync, asynchronous, doc = positional
        return griffe.Attribute(
            member.name,
            annotation=asynchronous if is_async else sync,
            docstring=_docstring(_text(doc)),
            **where,
        )
    if kind == "Item":
        sync, asynchronous = positional
        return _item(keywords, asynchronous if is_async else sync, where)
    op, params, doc = positional
    model = _model_of(op)
    description = _text(doc)
    if kind == "Fetches":
        endpoint = "AsyncEndpoint" if is_async else "Endpoint"
        fields = _fields(params.resolved)
        return griffe.Attribute(
            member.name,
            annotation=griffe.ExprSubscript(_public(endpoint, "resources"), model),
            docstring=_docstring(_with_keywords(description, fields, typed=True)),
            **where,
        )
    fields = _fields(params.resolved)
    parameters = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    parameters += [_keyword(name, annotation, required) for name, annotation, required, _ in fields]
    if kind == "Lister":
        paginator = "AsyncPaginator" if is_async else "Paginator"
        returns: Any = griffe.ExprSubscript(_public(paginator), model)
    else:
        returns = model
    function = griffe.Function(
        member.name,
        parameters=griffe.Parameters(*parameters),
        returns=returns,
        docstring=_docstring(_with_keywords(description, fields)),
        **where,
    )
    if kind == "Call" and is_async:
        function.labels.add("async")
    return function


def _item(keywords: dict[str, Any], context: Any, where: dict[str, Any]) -> griffe.Function:
    argument, prefix = keywords["argument"], keywords["prefix"]
    if prefix is None:
        which = f"by its SID or its TaskChannel's unique name (``{argument}``)"
    else:
        which = f"by its SID (``{argument}``, ``{prefix}`` and 32 hex digits)"
    doc = f"One item {which}: checked at once, nothing is sent."
    parameters = griffe.Parameters(
        griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword),
        griffe.Parameter(
            argument, annotation="str", kind=griffe.ParameterKind.positional_or_keyword
        ),
    )
    return griffe.Function(
        "__call__", parameters=parameters, returns=context, docstring=_docstring(doc), **where
    )


def _copy_function(function: griffe.Function, bindings: dict[str, Any]) -> griffe.Function:
    """The function with its ``**params: Unpack[TD]`` spelt out and type variables bound."""
    parameters = []
    fields = []
    for parameter in function.parameters:
        unpacked = _unpacked_parameter(parameter)
        if unpacked is None:
            parameters.append(
                griffe.Parameter(
                    parameter.name,
                    annotation=_bind(parameter.annotation, bindings),
                    kind=parameter.kind,
                    default=parameter.default,
                )
            )
            continue
        fields = _fields(unpacked)
        parameters += [_keyword(name, annotation, req) for name, annotation, req, _ in fields]
    doc = function.docstring.value if function.docstring else ""
    copy = griffe.Function(
        function.name,
        lineno=function.lineno,
        endlineno=function.endlineno,
        parameters=griffe.Parameters(*parameters),
        returns=_bind(function.returns, bindings),
        docstring=_docstring(_with_keywords(doc, fields)),
    )
    copy.labels = set(function.labels)
    return copy


def _unpacked(function: griffe.Function) -> griffe.Class | None:
    for parameter in function.parameters:
        found = _unpacked_parameter(parameter)
        if found is not None:
            return found
    return None


def _unpacked_parameter(parameter: griffe.Parameter) -> griffe.Class | None:
    """The TypedDict of ``**params: Unpack[TD]``, else None."""
    annotation = parameter.annotation
    if (
        parameter.kind is griffe.ParameterKind.var_keyword
        and isinstance(annotation, griffe.ExprSubscript)
        and str(annotation.left) == "Unpack"
        and isinstance(annotation.slice, griffe.ExprName)
    ):
        return annotation.slice.resolved  # type: ignore[return-value]
    return None


def _bind(annotation: Any, bindings: dict[str, Any]) -> Any:
    """``annotation`` with the bound type variables replaced, at any depth."""
    if isinstance(annotation, griffe.ExprName):
        return bindings.get(annotation.name, annotation)
    if not isinstance(annotation, griffe.Expr) or not bindings:
        return annotation
    changes = {}
    for field in dataclasses.fields(annotation):
        value = getattr(annotation, field.name)
        if isinstance(value, list):
            changes[field.name] = [_bind(item, bindings) for item in value]
        elif isinstance(value, griffe.Expr):
            changes[field.name] = _bind(value, bindings)
    return dataclasses.replace(annotation, **changes)


def _fields(typed_dict: Any) -> list[tuple[str, Any, bool, str]]:
    """A TypedDict's fields, its own first, then its bases': name, type, required, doc."""
    fields: dict[str, tuple[str, Any, bool, str]] = {}
    for cls in [typed_dict, *typed_dict.mro()]:
        for name, attribute in cls.members.items():
            if name in fields or not isinstance(attribute, griffe.Attribute):
                continue
            if name.startswith("_") or attribute.annotation is None:
                continue
            annotation, required = _unwrap(attribute.annotation)
            doc = attribute.docstring.value if attribute.docstring else ""
            fields[name] = (name, annotation, required, doc)
    ordered = list(fields.values())
    return [field for field in ordered if field[2]] + [field for field in ordered if not field[2]]


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """A field's type and whether it is required: ``Annotated[Required[X], ...]`` is (X, True)."""
    required = False
    while isinstance(annotation, griffe.ExprSubscript) and str(annotation.left) in {
        "Annotated",
        "Required",
        "NotRequired",
    }:
        required = required or str(annotation.left) == "Required"
        inner = annotation.slice
        annotation = inner.elements[0] if isinstance(inner, griffe.ExprTuple) else inner
    return annotation, required


def _keyword(name: str, annotation: Any, required: bool) -> griffe.Parameter:  # noqa: FBT001
    return griffe.Parameter(
        name,
        annotation=annotation,
        kind=griffe.ParameterKind.keyword_only,
        default=None if required else "None",
    )


_SECTION = re.compile(r"^(?:[A-Z][a-z]+(?: [A-Za-z]+)?:[ \t]*$|\.\. \w+::)", re.MULTILINE)
"""Where a docstring's sections start: ``Raises:``, ``Returns:``, or a reST version note."""


def _with_keywords(
    doc: str, fields: list[tuple[str, Any, bool, str]], *, typed: bool = False
) -> str:
    """``doc`` with a Google-style ``Args:`` section of the fields, before its other sections.

    ``typed``: give each field's type in the section (an attribute has no signature to take
    them from).
    """
    if not fields:
        return doc
    lines = ["Args:"]
    for name, annotation, _, field_doc in fields:
        described = " ".join(field_doc.split()) or "See Twilio's documentation of the operation."
        kind = f" ({annotation})" if typed else ""
        lines.append(f"    {name}{kind}: {described}")
    section = "\n".join(lines)
    start = _SECTION.search(doc)
    if start is None:
        return f"{doc.rstrip()}\n\n{section}"
    return f"{doc[: start.start()]}{section}\n\n{doc[start.start() :]}"


def _model_of(op: griffe.ExprName) -> Any:
    """``Worker`` for ``FETCH_WORKER: Operation[Worker]``."""
    annotation = _resolve(op).annotation
    return annotation.slice if isinstance(annotation, griffe.ExprSubscript) else annotation


def _resolve(name: griffe.ExprName) -> Any:
    parent = name.parent
    assert isinstance(parent, griffe.Object)  # noqa: S101  # names in a class body have one
    return parent.modules_collection[name.canonical_path]


def _text(value: Any) -> str:
    """A declaration's docstring argument: a literal, or the name of a module constant."""
    if isinstance(value, griffe.ExprName):
        return ast.literal_eval(str(_resolve(value).value))
    return ast.literal_eval(str(value))


def _public(name: str, module: str = "") -> griffe.ExprName:
    return griffe.ExprName(name, parent=PACKAGE + (f".{module}" if module else ""))


def _docstring(value: str) -> griffe.Docstring:
    return griffe.Docstring(value, parser=griffe.Parser.google)


# -- reST to Markdown ---------------------------------------------------------------------------

PUBLIC_MODULES = ("", "resources", "types", "testing", "webhooks", "tokens")
"""Modules whose ``__all__`` the reference renders (tests/test_docs.py checks it does)."""


class _Links:
    """Where a reST role's target is rendered, if it is: a cross-reference, else None."""

    def __init__(self, pkg: griffe.Module) -> None:
        self.collection = pkg.modules_collection
        self.rendered: set[str] = set()
        by_name: dict[str, set[str]] = {}
        for name in PUBLIC_MODULES:
            module = pkg[name] if name else pkg
            for export in module.exports or ():
                path = module.members[str(export)].canonical_path
                self.rendered.add(path)
                by_name.setdefault(str(export), set()).add(path)
        self.unique = {name: paths.pop() for name, paths in by_name.items() if len(paths) == 1}

    def target(self, scope: griffe.Object) -> Callable[[str], str | None]:
        """Resolves role targets as written in ``scope``'s docstring."""

        def resolve(written: str) -> str | None:
            head, _, rest = written.partition(".")
            try:
                path = scope.resolve(head)
            except (griffe.NameResolutionError, ValueError):
                path = self.unique.get(head, "")
            if path not in self.rendered:
                return None
            if rest and not self._public_member(f"{path}.{rest}"):
                return None
            return f"{path}.{rest}" if rest else path

        return resolve

    def _public_member(self, path: str) -> bool:
        name = path.rsplit(".", 1)[1]
        if name.startswith("_") and name != "__call__":
            return False
        try:
            self.collection[path]
        except KeyError:
            return False
        return True


_ROLE = re.compile(r":(?:py:)?(?:class|meth|func|attr|exc|mod|data|obj):`(~?)([^`]+)`")
_VERSION = re.compile(
    r"^\.\. (versionadded|versionchanged|deprecated):: *(\S+)\n?((?:[ \t]+\S.*\n?)*)", re.MULTILINE
)
_VERSION_WORDS = {
    "versionadded": "Added in version",
    "versionchanged": "Changed in version",
    "deprecated": "Deprecated since version",
}
_LITERAL = re.compile(r"::\n\n((?:(?:[ \t]+.*)?\n)+)", re.MULTILINE)


def markdown(text: str, target: Callable[[str], str | None] = lambda _: None) -> str:
    """The reST of a docstring as Markdown (roles, version notes, literal blocks).

    A role becomes a cross-reference where ``target`` says where it is rendered, else code.
    """

    def role(match: re.Match[str]) -> str:
        written = match.group(2).removesuffix("()")
        shown = written.rsplit(".", 1)[-1] if match.group(1) else written
        path = target(written)
        return f"[`{shown}`][{path}]" if path else f"`{shown}`"

    text = _ROLE.sub(role, text)
    text = _VERSION.sub(_version_note, text)
    return _LITERAL.sub(_fenced, text + "\n").rstrip("\n")


def _version_note(match: re.Match[str]) -> str:
    words = _VERSION_WORDS[match.group(1)]
    detail = " ".join(match.group(3).split())
    note = f"*{words} {match.group(2)}*" + (f": {detail}" if detail else ".")
    return note + "\n\n"


def _fenced(match: re.Match[str]) -> str:
    block = match.group(1)
    lines = block.rstrip("\n").split("\n")
    indent = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    code = "\n".join(line[indent:] for line in lines)
    return ":\n\n```python\n" + code + "\n```\n\n"
