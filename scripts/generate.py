"""Write ``taskrouter_client/_generated`` from Twilio's OpenAPI description and the overlay.

    python scripts/generate.py            # write the generated modules
    python scripts/generate.py --check    # exit 1 if they differ from what would be written

The spec (``tests/data/spec/twilio_taskrouter_v1.json``) gives every wire fact: names,
locations, types, patterns, enums, required flags and response fields. The overlay
(``taskrouter_client/_spec/overlay.py``) gives what the spec does not say, one row per
operation with no defaults. This script joins them into a plan (which TypedDicts, models and
operations each module holds) and refuses what does not fit: an operation without a row or a
row without an operation, a parameter or field no rule can type, a group whose schemas
disagree between operations. ``generate_code.py`` turns the plan into code.

Stdlib only; the output is formatted with ``ruff`` (the ``lint`` extra), found on the PATH.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from generate_code import GenerationError, render, sentence, snake

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "tests" / "data" / "spec" / "twilio_taskrouter_v1.json"
OVERLAY = ROOT / "taskrouter_client" / "_spec" / "overlay.py"
OUT = ROOT / "taskrouter_client" / "_generated"

LEFT_OUT = frozenset({"Page"})  # Twilio refuses absolute paging (HTTP 400)

# Hand-written parameter groups (``_endpoints/common.py``) and the wires they declare.
HAND_GROUPS = {"ListParams": ("PageSize", "PageToken"), "IfMatchParams": ("If-Match",)}

SpecParam = tuple[str, dict[str, Any], bool, str]
"""A parameter as the spec gives it: (location, schema, required, description)."""


# -- reading -------------------------------------------------------------------------------


def load_overlay() -> ModuleType:
    """The overlay module, loaded by path (it is stdlib only; the package is not imported)."""
    spec = importlib.util.spec_from_file_location("taskrouter_overlay", OVERLAY)
    if spec is None or spec.loader is None:
        raise GenerationError(f"cannot load {OVERLAY}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@dataclass
class SpecOp:
    """One operation of the spec."""

    name: str
    method: str
    path: str
    op: dict[str, Any]

    def parameters(self) -> dict[str, SpecParam]:
        """Wire name -> its spec, for every parameter but path SIDs and ``Page``."""
        found: dict[str, SpecParam] = {}
        for parameter in self.op.get("parameters", []):
            if parameter["in"] != "path" and parameter["name"] not in LEFT_OUT:
                found[parameter["name"]] = (
                    parameter["in"],
                    parameter["schema"],
                    parameter.get("required", False),
                    parameter.get("description", ""),
                )
        content = self.op.get("requestBody", {}).get("content", {})
        form = content.get("application/x-www-form-urlencoded", {}).get("schema", {})
        for name, schema in form.get("properties", {}).items():
            found[name] = (
                "form",
                {key: value for key, value in schema.items() if key != "description"},
                name in form.get("required", ()),
                schema.get("description", ""),
            )
        return found

    def json_body(self) -> bool:
        """Whether the spec gives it a JSON body."""
        return "application/json" in self.op.get("requestBody", {}).get("content", {})

    def response_schema(self) -> dict[str, Any] | None:
        """The success response's schema, or None when it has no body."""
        for status, response in self.op["responses"].items():
            if status.startswith("2"):
                content = response.get("content")
                return None if content is None else content["application/json"]["schema"]
        raise GenerationError(f"{self.name}: no success response")

    def list_key(self) -> str | None:
        """The envelope key holding a list's items, or None for a single result."""
        schema = self.response_schema()
        if schema is None or "$ref" in schema:
            return None
        keys = [key for key in schema["properties"] if key != "meta"]
        if len(keys) != 1:
            raise GenerationError(f"{self.name}: not a list envelope")
        return keys[0]

    def model_schema(self) -> str | None:
        """The schema of the model it returns (a list's item schema), by name."""
        schema = self.response_schema()
        key = self.list_key()
        if schema is None:
            return None
        ref = schema["properties"][key]["items"]["$ref"] if key else schema["$ref"]
        return str(ref).rsplit("/", 1)[1]


def spec_operations(spec: dict[str, Any]) -> dict[str, SpecOp]:
    """Every operation of the spec, by operationId."""
    found = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and "operationId" in op:
                found[op["operationId"]] = SpecOp(op["operationId"], method.upper(), path, op)
    return found


# -- typing parameters ---------------------------------------------------------------------


@dataclass
class Param:
    """One TypedDict field."""

    keyword: str
    wire: str
    location: str
    python: str
    encoder: str
    required: bool
    doc: str

    def line(self) -> str:
        """The field's declaration."""
        kind = f"Required[{self.python}]" if self.required else f"{self.python} | None"
        wire = f'{self.location}("{self.wire}", {self.encoder})'
        return f"{self.keyword}: Annotated[{kind}, {wire}]"


class Typer:
    """Python types and encoders for spec parameters and fields."""

    def __init__(self, overlay: ModuleType) -> None:
        self.enums = overlay.ENUMS

    def enum(self, ref: str) -> str:
        """The enum class for a ``$ref`` to a spec enum."""
        name = ref.rsplit("/", 1)[1]
        if name not in self.enums:
            raise GenerationError(f"enum schema {name} has no row in ENUMS")
        return str(self.enums[name].name)

    def typed(self, where: str, schema: dict[str, Any]) -> tuple[str, str]:  # noqa: PLR0911
        """(Python type, encoder) for a parameter's schema, by the rules below."""
        if "$ref" in schema:
            enum = self.enum(schema["$ref"])
            return f"{enum} | {enum}Literal", f"choice({enum})"
        pattern = schema.get("pattern", "")
        if re.fullmatch(r"\^[A-Z]{2}\[0-9a-fA-F\]\{32\}\$", pattern):
            return "str", f'sid("{pattern[1:3]}")'
        kind = schema.get("type")
        items = schema.get("items", {})
        if kind == "array" and "$ref" in items:
            enum = self.enum(items["$ref"])
            one = f"{enum} | {enum}Literal"
            return f"Sequence[{one}] | {one}", f"repeated(choice({enum}))"
        if kind == "array" and items == {"type": "string"}:
            return "Sequence[str] | str", "repeated(text)"
        if kind == "string" and "enum" in schema:
            values = ", ".join(f'"{value}"' for value in schema["enum"])
            return f"Literal[{values}]", f"choice(({values},))"
        formats = {"date-time": ("datetime", "timestamp()"), "uri": ("str", "url")}
        if kind == "string" and schema.get("format") in formats:
            return formats[schema["format"]]
        simple = {"integer": ("int", "integer()"), "boolean": ("bool", "boolean")}
        if kind in simple:
            return simple[kind]
        if schema == {"type": "string"}:
            return "str", "text"
        raise GenerationError(f"{where}: no rule types {schema}; give it an Arg in the overlay")

    def param(self, where: str, wire: str, spec: SpecParam, arg: Any) -> Param:
        """The field for a spec parameter, typed by its overlay ``Arg`` if it has one."""
        location, schema, required, description = spec
        python, encoder = (arg.python, arg.encoder) if arg else self.typed(where, schema)
        doc = arg.doc if arg and arg.doc else sentence(description or wire)
        return Param(snake(wire), wire, location, python, encoder, required, doc)


# -- the plan ------------------------------------------------------------------------------


@dataclass
class ParamsClass:
    """One TypedDict of parameters."""

    name: str
    bases: tuple[str, ...]
    params: list[Param]
    doc: str
    since: str


@dataclass
class Family:
    """What one generated module holds."""

    name: str
    classes: list[ParamsClass] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    operations: list[str] = field(default_factory=list)


class Plan:
    """The spec and the overlay joined: every module's TypedDicts, models and operations."""

    def __init__(self, spec: dict[str, Any], overlay: ModuleType) -> None:
        self.overlay = overlay
        self.ops = spec_operations(spec)
        self.schemas: dict[str, Any] = spec["components"]["schemas"]
        self.typer = Typer(overlay)
        self.families: dict[str, Family] = {}
        self.group_specs: dict[str, dict[str, SpecParam]] = {}
        self.check_rows()
        for name, row in overlay.OPERATIONS.items():
            self.add_operation(name, row)
        for schema, model in overlay.MODELS.items():
            if model.family is not None:
                self.family(model.family).models.append(schema)
        for name, group in overlay.GROUPS.items():
            self.add_group(name, group)
        for family in self.families.values():
            family.classes = self.bases_first(family)

    def family(self, name: str) -> Family:
        """The family ``name``, created on first use."""
        return self.families.setdefault(name, Family(name))

    def check_rows(self) -> None:
        """Every operation has a row and every row an operation; every model a row."""
        missing = sorted(set(self.ops) - set(self.overlay.OPERATIONS))
        extra = sorted(set(self.overlay.OPERATIONS) - set(self.ops))
        if missing or extra:
            raise GenerationError(f"no row for {missing}; rows without an operation: {extra}")
        returned = {op.model_schema() for op in self.ops.values()} - {None}
        unknown = sorted(str(schema) for schema in returned - set(self.overlay.MODELS))
        if unknown:
            raise GenerationError(f"response schemas without a row in MODELS: {unknown}")

    def add_operation(self, name: str, row: Any) -> None:
        """Plan an operation and the TypedDicts of its parameters."""
        op = self.ops[name]
        schema = op.model_schema()
        model = self.overlay.MODELS[schema].name if schema else None
        if model != row.model:
            raise GenerationError(f"{name}: the spec returns {model}, the row says {row.model}")
        family = self.family(row.family)
        family.operations.append(name)
        spec_params = self.with_body(name, row, op)
        bases = (row.params,) if row.params in self.overlay.GROUPS else row.bases
        covered = self.covered_by(name, bases, spec_params)
        own = [wire for wire in spec_params if wire not in covered]
        unknown = sorted(set(row.args) - set(own))
        if unknown:
            raise GenerationError(f"{name}: args for parameters it does not have: {unknown}")
        if row.params in ("NoParams", *self.overlay.GROUPS):
            if own:
                raise GenerationError(f"{name}: {row.params} leaves out {own}")
            return
        args = {**row.args, **(row.body or {})}
        params = [self.typer.param(name, w, spec_params[w], args.get(w)) for w in own]
        doc = f"Keywords of ``{row.place}()``.\n\nSpec operation {name}."
        family.classes.append(ParamsClass(row.params, bases, params, doc, row.since))
        if "ListParams" in bases:
            family.classes.append(
                ParamsClass(
                    row.params.replace("Params", "Arguments"),
                    (row.params, "Limit"),
                    [],
                    f":class:`{row.params}` and ``limit``.\n\nThe keywords of ``{row.place}()``.",
                    row.since,
                )
            )

    def with_body(self, name: str, row: Any, op: SpecOp) -> dict[str, SpecParam]:
        """The spec's parameters, and the fields of a JSON body it leaves undescribed."""
        found = op.parameters()
        if op.json_body() != (row.body is not None):
            raise GenerationError(f"{name}: a body row is for, and only for, a JSON body")
        for wire, arg in (row.body or {}).items():
            found[wire] = ("form", {}, True, arg.doc)
        return found

    def covered_by(
        self, name: str, bases: tuple[str, ...], spec_params: dict[str, SpecParam]
    ) -> set[str]:
        """The wires the groups ``bases`` declare, noting their schemas."""
        covered: set[str] = set()
        for base in bases:
            for wire in self.group_wires(base):
                if wire not in spec_params:
                    raise GenerationError(f"{name}: group {base} declares {wire}, not a parameter")
                covered.add(wire)
            self.record_group(base, spec_params, name)
        return covered

    def group_wires(self, name: str) -> tuple[str, ...]:
        """Every wire a group declares, its bases' included."""
        if name in HAND_GROUPS:
            return HAND_GROUPS[name]
        group = self.overlay.GROUPS[name]
        inherited = tuple(wire for base in group.bases for wire in self.group_wires(base))
        return inherited + tuple(group.wires)

    def record_group(self, group: str, spec_params: dict[str, SpecParam], where: str) -> None:
        """Note the schemas of a group's wires; they must agree in every operation."""
        if group in HAND_GROUPS:
            return
        row = self.overlay.GROUPS[group]
        known = self.group_specs.setdefault(group, {})
        for wire in row.wires:
            if wire in known and self.shape(known[wire]) != self.shape(spec_params[wire]):
                raise GenerationError(f"{where}: {wire} differs from group {group}'s")
            known.setdefault(wire, spec_params[wire])
        for base in row.bases:
            self.record_group(base, spec_params, where)

    def shape(self, spec: SpecParam) -> tuple[object, ...]:
        """A parameter as the SDK types it: two spec enums of one class agree."""
        location, schema, required, _ = spec
        return location, self.typer.typed("group", schema), required

    def add_group(self, name: str, group: Any) -> None:
        """Plan a parameter group's TypedDict, typed from the operations using it."""
        if name not in self.group_specs:
            raise GenerationError(f"group {name} is used by no operation")
        specs = self.group_specs[name]
        params = [self.typer.param(name, w, specs[w], group.args.get(w)) for w in group.wires]
        self.family(group.family).classes.append(
            ParamsClass(name, group.bases, params, group.doc, group.since)
        )

    @staticmethod
    def bases_first(family: Family) -> list[ParamsClass]:
        """The family's TypedDicts with each after the ones of its module it extends."""
        names = {cls.name for cls in family.classes}
        done: list[ParamsClass] = []
        pending = list(family.classes)
        while pending:
            ready = [
                cls
                for cls in pending
                if all(base not in names or base in {d.name for d in done} for base in cls.bases)
            ]
            if not ready:
                raise GenerationError(f"{family.name}: circular parameter groups")
            done += ready
            pending = [cls for cls in pending if cls not in ready]
        return done


# -- formatting and writing ----------------------------------------------------------------


def formatted(path: Path, text: str) -> str:
    """``text`` with imports sorted and formatted by ruff, as the linters want it."""
    steps = [
        ["ruff", "check", "--quiet", "--fix-only", "--select", "I", "--stdin-filename", str(path)],
        ["ruff", "format", "--quiet", "--stdin-filename", str(path)],
    ]
    for step in steps:
        done = subprocess.run(
            [*step, "-"], input=text, capture_output=True, text=True, check=False, cwd=ROOT
        )
        if done.returncode != 0:
            raise GenerationError(f"ruff failed on {path}: {done.stderr}")
        text = done.stdout
    return text


def differences(files: dict[Path, str]) -> list[str]:
    """How the files on disk differ from ``files``, and generated files no longer written."""
    stale = sorted(set(OUT.glob("*.py")) - set(files))
    problems = [f"{path} is not generated any more" for path in stale]
    for path, text in sorted(files.items()):
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            diff = difflib.unified_diff(
                current.splitlines(), text.splitlines(), str(path), "generated", lineterm="", n=1
            )
            problems.append("\n".join(list(diff)[:40]))
    return problems


def main() -> int:
    """Generate, or with ``--check`` compare; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the files are stale")
    options = parser.parse_args()
    plan = Plan(json.loads(SPEC.read_text(encoding="utf-8")), load_overlay())
    files = {path: formatted(path, text) for path, text in render(plan, OUT).items()}
    if options.check:
        problems = differences(files)
        if problems:
            print("\n".join([*problems, "run: python scripts/generate.py"]), file=sys.stderr)
        return 1 if problems else 0
    OUT.mkdir(exist_ok=True)
    for path in set(OUT.glob("*.py")) - set(files):
        path.unlink()
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except GenerationError as error:
        print(f"generate.py: {error}", file=sys.stderr)
        sys.exit(2)
