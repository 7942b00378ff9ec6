"""Generate the entity models (attrs classes and enums) from Mambu's OpenAPI files.

    python tools/generate_models.py           # (re)write mambu_async/entities/generated/*.py
    python tools/generate_models.py --check   # exit 1 when a generated file is missing or differs

Reads ``mambu_async/testing/openapi/<file>.json`` (Mambu's v2 swagger 2.0 files) and writes one module per
file into ``mambu_async/entities/generated/``: the definitions reachable from the file's entity roots
(:data:`ROOTS`) as ``MambuModel`` attrs classes, and their string enums as ``StrEnum`` classes. A
definition that several files define identically is written once, in ``generated/shared.py``. The public
entity classes (``MambuLoan``...) subclass the generated root model and add the hand-written behaviour.

Rules (what the hand-written models followed, so every existing name stays):

- a class is named after its definition (:data:`CLASS_NAMES` renames the few that clash across files);
- an attribute is the snake_case of its property; ``id`` and ``encodedKey`` first, then by property name;
  every attribute is optional and defaults to ``None`` (Mambu omits what is unset);
- ``number`` is ``Decimal``, ``integer`` ``int``, ``boolean`` ``bool``, ``string`` ``str`` (``date-time``
  an aware ``datetime``, ``date`` a ``date``), a ``$ref`` the referenced class, ``array`` a ``list``;
- an ``enum`` property is ``<Prefix><Property> | str`` (a value Mambu adds later stays a ``str``); the
  prefix is the class name (or :data:`ENUM_PREFIXES`; :data:`ENUM_NAMES` names a few outright);
- properties starting with ``_`` are custom field sets (``MambuEntity.custom_fields``), not attributes.

The output depends only on the OpenAPI files and this script (no dates, no tool versions), so ``--check``
in the test suite fails exactly when someone changed either without regenerating.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import json
import keyword
import re
import sys
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from mambu_async.entities.serde import to_camel, to_snake  # noqa: E402  (after the repo is on the path)

OPENAPI_DIR = REPO / "mambu_async" / "testing" / "openapi"
OUTPUT_DIR = REPO / "mambu_async" / "entities" / "generated"
PACKAGE = "mambu_async.entities.generated"
COMMAND = "python tools/generate_models.py"
SHARED = "shared"
LINE_LENGTH = 110

#: The definitions each OpenAPI file contributes: its entities (with everything they reference). A file
#: listed with no roots gets no module (for a file only the tests read).
ROOTS: dict[str, tuple[str, ...]] = {
    "clients": ("Client", "Document", "ClientRole"),
    "deposit_accounts": ("DepositAccount", "Card", "AuthorizationHold"),
    "deposit_transactions": ("DepositTransaction",),
    "depositproducts": ("DepositProduct",),
    "loanproducts": ("LoanProduct",),
    "loans": ("LoanAccount",),
}

#: ``(file, definition)`` → class name, where not the definition's (a definition two files define
#: differently needs one in all but one file).
CLASS_NAMES: dict[tuple[str, str], str] = {
    ("deposit_transactions", "CardAcceptor"): "DepositCardAcceptor",
    ("deposit_transactions", "CardTransaction"): "DepositCardTransaction",
    ("deposit_transactions", "Fee"): "DepositTransactionFee",
    ("deposit_transactions", "TransactionDetails"): "DepositTransactionDetails",
    ("deposit_transactions", "TransferDetails"): "DepositTransferDetails",
}

#: ``(file, definition)`` → the prefix of its enums' names, where not the class name.
ENUM_PREFIXES: dict[tuple[str, str], str] = {
    ("deposit_accounts", "DepositAccount"): "Deposit",
    ("loans", "LoanAccount"): "Loan",
}

#: ``(file, definition, property)`` → enum name, where not the prefix and the property.
ENUM_NAMES: dict[tuple[str, str, str], str] = {
    ("loanproducts", "PredefinedFee", "feeApplication"): "PredefinedFeeApplication",
    ("loans", "Guarantor", "guarantorType"): "GuarantorType",
}

HEADER = (
    "# Generated from Mambu's OpenAPI files by tools/generate_models.py: do not edit.\n"
    f"# Regenerate with `{COMMAND}` (`--check`, run by the tests, fails when stale).\n"
)


class SpecError(Exception):
    """The OpenAPI files hold something this generator has no rule for."""


# --- reading the OpenAPI files --------------------------------------------------------------------------


Definitions = dict[str, dict[str, Any]]


def load_specs(openapi_dir: Path) -> dict[str, Definitions]:
    """``file stem`` → its definitions, for every ``*.json`` in ``openapi_dir``."""
    specs: dict[str, Definitions] = {}
    for path in sorted(openapi_dir.glob("*.json")):
        if path.stem not in ROOTS:
            raise SpecError(f"{path.name}: add its entity definitions to ROOTS in {COMMAND.split()[-1]}")
        definitions: Definitions = json.loads(path.read_text(encoding="utf-8"))["definitions"]
        specs[path.stem] = definitions
    return specs


def ref_name(node: dict[str, Any]) -> str | None:
    """The definition a ``$ref`` node points at."""
    ref = node.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def properties(definition: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The attribute properties in attribute order: ``id``, ``encodedKey``, then by name."""
    props = {k: v for k, v in definition.get("properties", {}).items() if not k.startswith("_")}
    head = [k for k in ("id", "encodedKey") if k in props]
    return [(k, props[k]) for k in [*head, *sorted(k for k in props if k not in head)]]


def references(definition: dict[str, Any]) -> Iterator[str]:
    """The definitions an attribute of ``definition`` refers to, in attribute order."""
    for _, prop in properties(definition):
        target = ref_name(prop) or ref_name(prop.get("items", {}))
        if target is not None:
            yield target


def reachable(definitions: Definitions, roots: Sequence[str]) -> list[str]:
    """Every definition the roots reach, dependencies before dependents (depth first)."""
    order: list[str] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        if name in seen:
            return
        if name not in definitions:
            raise SpecError(f"a $ref names {name!r}, which the file does not define")
        seen.add(name)
        for target in references(definitions[name]):
            visit(target)
        order.append(name)

    for root in roots:
        visit(root)
    return order


# --- naming -----------------------------------------------------------------------------------------------


class Model:
    """One definition to write: its class name, module and attributes."""

    def __init__(self, file: str, name: str, definition: dict[str, Any], module: str, files: list[str]):
        self.file = file
        self.name = name
        self.definition = definition
        self.module = module
        self.files = files
        self.class_name = CLASS_NAMES.get((file, name), name)
        self.enum_prefix = ENUM_PREFIXES.get((file, name), self.class_name)

    def enum_name(self, prop: str) -> str:
        name = ENUM_NAMES.get((self.file, self.name, prop))
        return name or self.enum_prefix + prop[0].upper() + prop[1:]


@dataclasses.dataclass
class EnumSpec:
    """One string enum: a property's documented values."""

    name: str
    owner: Model
    prop: str
    values: list[str]


# --- the plan: which class goes in which module ------------------------------------------------------------


class Plan:
    """Every model and enum by module, with the names resolved across files."""

    def __init__(self, specs: dict[str, Definitions]):
        self.specs = specs
        self.order = {file: reachable(defs, ROOTS[file]) for file, defs in specs.items()}
        self.shared = self._shared_definitions()
        self.models: dict[tuple[str, str], Model] = {}
        self.modules: dict[str, list[Model]] = {SHARED: []}
        for file in sorted(specs):
            if not ROOTS[file]:
                continue
            self.modules[file] = []
            for name in self.order[file]:
                module = SHARED if self._is_shared(file, name) else file
                files = [f for f in sorted(specs) if self._is_shared(f, name)] if module == SHARED else [file]
                if module == SHARED and files[0] != file:
                    model = self.models[(files[0], name)]
                else:
                    model = Model(file, name, specs[file][name], module, files)
                    self.modules[module].append(model)
                self.models[(file, name)] = model
        self.enums: dict[str, list[EnumSpec]] = {module: [] for module in self.modules}
        for module, models in self.modules.items():
            for model in models:
                for prop, node in properties(model.definition):
                    values = _enum_values(node)
                    if values is not None:
                        self.enums[module].append(EnumSpec(model.enum_name(prop), model, prop, values))
        self._check_unique_names()

    def _is_shared(self, file: str, name: str) -> bool:
        return name in self.shared and name in self.order[file] and (file, name) not in CLASS_NAMES

    def _shared_definitions(self) -> set[str]:
        """Definitions several files reach and define identically (and whose references are shared too)."""
        reached: dict[str, list[str]] = {}
        for file, names in self.order.items():
            for name in names:
                if (file, name) not in CLASS_NAMES:
                    reached.setdefault(name, []).append(file)
        shared = {
            name
            for name, files in reached.items()
            if len(files) > 1 and all(self.specs[f][name] == self.specs[files[0]][name] for f in files)
        }
        changed = True
        while changed:
            changed = False
            for name in sorted(shared):
                targets = [(f, t) for f in reached[name] for t in references(self.specs[f][name])]
                if any(t not in shared or (f, t) in CLASS_NAMES for f, t in targets):
                    shared.discard(name)
                    changed = True
        clashes = sorted(name for name, files in reached.items() if len(files) > 1 and name not in shared)
        if clashes:
            raise SpecError(
                f"definitions differing between files need a name in CLASS_NAMES: {', '.join(clashes)}"
            )
        return shared

    def _check_unique_names(self) -> None:
        owners: dict[str, str] = {}
        for module in self.modules:
            names = [m.class_name for m in self.modules[module]] + [e.name for e in self.enums[module]]
            for name in names:
                if name in owners:
                    raise SpecError(f"{name} would be defined in both {owners[name]} and {module}")
                owners[name] = module

    def model_for(self, file: str, node: dict[str, Any]) -> Model:
        name = ref_name(node)
        assert name is not None
        return self.models[(file, name)]


def _enum_values(node: dict[str, Any]) -> list[str] | None:
    target = node.get("items", {}) if node.get("type") == "array" else node
    values = target.get("enum")
    if values is None:
        return None
    if target.get("type") != "string" or not all(isinstance(v, str) for v in values):
        raise SpecError(f"only string enums are supported, got {target!r}")
    return list(values)


# --- rendering ---------------------------------------------------------------------------------------------


class Imports:
    """The names a module uses, rendered as ruff's isort would order them."""

    def __init__(self) -> None:
        self.stdlib: set[str] = set()
        self.typing: set[str] = set()
        self.first_party: dict[str, set[str]] = {}

    def use(self, module: str, name: str) -> None:
        self.first_party.setdefault(module, set()).add(name)

    def render(self) -> str:
        plain = sorted(s for s in self.stdlib if s.startswith("import "))
        froms = sorted(s for s in self.stdlib if s.startswith("from "))
        if self.typing:
            froms = sorted([*froms, f"from typing import {', '.join(sorted(self.typing))}"])
        blocks = ["from __future__ import annotations", "\n".join([*plain, *froms]), "import attrs"]
        lines = [_from_import(module, sorted(names)) for module, names in sorted(self.first_party.items())]
        blocks.append("\n".join(lines))
        return "\n\n".join(b for b in blocks if b) + "\n"


def _from_import(module: str, names: list[str]) -> str:
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= LINE_LENGTH:
        return line
    body = "".join(f"    {name},\n" for name in names)
    return f"from {module} import (\n{body})"


def annotation(plan: Plan, model: Model, prop: str, node: dict[str, Any], imports: Imports) -> str:
    """The attribute's type (without ``| None``)."""
    where = f"{model.file}.json {model.name}.{prop}"
    if node.get("type") == "array":
        items = node.get("items")
        if not isinstance(items, dict):
            raise SpecError(f"{where}: an array without items")
        if "enum" in items:
            return f"list[{model.enum_name(prop)} | str]"
        return f"list[{_scalar(plan, model, where, items, imports)}]"
    if "enum" in node:
        return f"{model.enum_name(prop)} | str"
    return _scalar(plan, model, where, node, imports)


def _scalar(plan: Plan, model: Model, where: str, node: dict[str, Any], imports: Imports) -> str:
    if ref_name(node) is not None:
        target = plan.model_for(model.file, node)
        if target.module != model.module:
            imports.use(f"{PACKAGE}.{target.module}", target.class_name)
        return target.class_name
    kind, fmt = node.get("type"), node.get("format")
    if kind == "string":
        if fmt in ("date-time", "date"):
            imports.stdlib.add("import datetime as dt")
            return "dt.datetime" if fmt == "date-time" else "dt.date"
        return "str"
    if kind == "number":
        imports.stdlib.add("from decimal import Decimal")
        return "Decimal"
    if kind == "integer":
        return "int"
    if kind == "boolean":
        return "bool"
    if kind == "object" and "properties" not in node:
        imports.typing.add("Any")
        return "dict[str, Any]"
    raise SpecError(f"{where}: no rule for {json.dumps(node)[:200]}")


def _docstring(paragraphs: list[str], indent: str = "    ") -> str:
    """A docstring of wrapped paragraphs; one line when it fits."""
    texts = [_escape(" ".join(p.split())) for p in paragraphs if p.strip()]
    if len(texts) == 1 and len(f'{indent}"""{texts[0]}"""') <= LINE_LENGTH:
        return f'{indent}"""{texts[0]}"""\n'
    # Wrapped so no paragraph ends up a single line that ruff format would join with the quotes.
    lines: list[str] = []
    for i, text in enumerate(texts):
        if i:
            lines.append("")
        first = f'{indent}"""' if i == 0 else indent
        lines.extend(
            textwrap.wrap(
                text,
                width=LINE_LENGTH - 4,
                initial_indent=first,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(line.rstrip() for line in lines) + f'\n{indent}"""\n'


#: Typographic characters ruff reports as ambiguous in docstrings (RUF002), written plainly.
_PLAIN = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u00a0": " "}
)


def _escape(text: str) -> str:
    text = text.translate(_PLAIN).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return text + " " if text.endswith('"') else text


def _sentence(description: str | None) -> str:
    """Mambu's description as the tail of ``Mambu's ``X`` (file): ...``."""
    text = " ".join((description or "").split())
    if not text:
        return ""
    if not text[1:2].isupper():
        text = text[0].lower() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _code_list(names: list[str]) -> str:
    return ", ".join(f"``{name}``" for name in names)


def render_enum(enum: EnumSpec) -> str:
    doc = _docstring([f"Values of ``{enum.owner.name}.{enum.prop}`` ({_files(enum.owner)})."])
    members = []
    for value in enum.values:
        member = re.sub(r"\W", "_", value)
        if not member.isidentifier() or keyword.iskeyword(member) or member.startswith("_"):
            member = f"V_{member}"
        line = f'    {member} = "{value}"'
        members.append(line if len(line) <= LINE_LENGTH else f'    {member} = (\n        "{value}"\n    )')
    return f"class {enum.name}(enum.StrEnum):\n{doc}\n" + "\n".join(members) + "\n"


def _files(model: Model) -> str:
    return ", ".join(f"{file}.json" for file in model.files)


def render_model(plan: Plan, model: Model, imports: Imports) -> str:
    definition = model.definition
    props = properties(definition)
    names = [prop for prop, _ in props]
    required = [p for p in names if p in set(definition.get("required", ()))]
    read_only = [p for p, node in props if node.get("readOnly")]
    paragraphs = [f"Mambu's ``{model.name}`` ({_files(model)}): {_sentence(definition.get('description'))}"]
    if required:
        paragraphs.append(f"Required on create: {_code_list(required)}.")
    if read_only:
        paragraphs.append(f"Read-only: {_code_list(read_only)}.")
    lines = [
        "@attrs.define(slots=False, kw_only=True)",
        f"class {model.class_name}(MambuModel):",
        _docstring(paragraphs).rstrip("\n"),
    ]
    if props:
        lines.append("")
    for prop, node in props:
        lines.append(_attribute(prop, annotation(plan, model, prop, node, imports)))
    return "\n".join(lines) + "\n"


def _attribute(prop: str, type_: str) -> str:
    name = to_snake(prop)
    if keyword.iskeyword(name) or not name.isidentifier():
        name = re.sub(r"\W", "_", name) + "_"
    default = "None"
    if to_camel(name) != prop:
        default = f'attrs.field(default=None, metadata={{"wire": "{prop}"}})'
    line = f"    {name}: {type_} | None = {default}"
    if len(line) <= LINE_LENGTH:
        return line
    # Wrapped as ruff format does: the value in parentheses when the annotation fits, else the annotation.
    if len(f"    {name}: {type_} | None = (") <= LINE_LENGTH:
        return f"    {name}: {type_} | None = (\n        {default}\n    )"
    return f"    {name}: (\n        {type_} | None\n    ) = {default}"


def render_module(plan: Plan, module: str) -> str:
    models = plan.modules[module]
    enums = plan.enums[module]
    imports = Imports()
    if enums:
        imports.stdlib.add("import enum")
    imports.use("mambu_async.entities.model", "MambuModel")
    bodies = [render_enum(e) for e in enums]
    bodies += [render_model(plan, m, imports) for m in models]
    exported = [m.class_name for m in models] + [e.name for e in enums]
    if module != SHARED:
        # The shared definitions this file uses are re-exported with the file's own.
        reexported = {
            plan.models[(module, name)].class_name
            for name in plan.order[module]
            if plan.models[(module, name)].module == SHARED
        }
        for name in sorted(reexported):
            imports.use(f"{PACKAGE}.{SHARED}", name)
        shared_enums = {e.name for e in plan.enums[SHARED] if e.owner.class_name in reexported}
        exported += sorted(reexported | shared_enums)
        for name in sorted(shared_enums):
            imports.use(f"{PACKAGE}.{SHARED}", name)
    all_block = "__all__ = [\n" + "".join(f'    "{name}",\n' for name in sorted(exported)) + "]\n"
    head = "\n".join([HEADER + _module_docstring(plan, module), imports.render(), all_block])
    return "\n\n".join([head, *bodies])


def _module_docstring(plan: Plan, module: str) -> str:
    if module == SHARED:
        names = ", ".join(f"``{m.name}`` ({_files(m)})" for m in plan.modules[module])
        summary = f"The definitions several of Mambu's OpenAPI files define identically: {names}."
    else:
        roots = _code_list(list(ROOTS[module]))
        summary = f"Mambu's ``{module}.json`` definitions: {roots} and the value objects it references."
    return _docstring(
        [
            summary,
            "Money and rates are ``Decimal``, date-times aware ``datetime``, dates ``datetime.date``; enums "
            "are ``StrEnum`` (a value Mambu adds later is kept as a ``str``). Properties starting with "
            "``_`` are custom field sets (``MambuEntity.custom_fields``). Entities subclass these models "
            "and add their behaviour (``mambu_async/entities/*.py``).",
        ],
        indent="",
    )


def render_package(plan: Plan) -> str:
    modules = ", ".join(f"``{m}``" for m in plan.modules if m != SHARED)
    doc = _docstring(
        [
            f"attrs models generated from Mambu's OpenAPI files: one module per file ({modules}), "
            f"and ``{SHARED}`` for definitions several files share.",
        ],
        indent="",
    )
    return HEADER + doc


def generate(openapi_dir: Path) -> dict[str, str]:
    """File name → content of every generated file."""
    plan = Plan(load_specs(openapi_dir))
    files = {"__init__.py": render_package(plan)}
    for module in plan.modules:
        files[f"{module}.py"] = render_module(plan, module)
    return files


# --- command -----------------------------------------------------------------------------------------------


def _stale(output_dir: Path, files: dict[str, str]) -> list[str]:
    problems = []
    for name, content in files.items():
        path = output_dir / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != content:
            problems.append(name)
            diff = difflib.unified_diff(
                (current or "").splitlines(keepends=True),
                content.splitlines(keepends=True),
                f"{name} (on disk)",
                f"{name} (generated)",
            )
            sys.stdout.writelines(list(diff)[:40])
    for path in sorted(output_dir.glob("*.py")):
        if path.name not in files:
            problems.append(path.name)
            print(f"{path.name}: not generated any more (delete it)")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the entity models from Mambu's OpenAPI files.")
    parser.add_argument("--check", action="store_true", help="exit 1 when a generated file is stale")
    parser.add_argument("--openapi", type=Path, default=OPENAPI_DIR, help="directory of OpenAPI *.json")
    parser.add_argument("--output", type=Path, default=OUTPUT_DIR, help="directory to write modules to")
    args = parser.parse_args(argv)
    try:
        files = generate(args.openapi)
    except SpecError as exc:
        print(f"generate_models: {exc}", file=sys.stderr)
        return 2
    if args.check:
        stale = _stale(args.output, files)
        if stale:
            print(f"stale generated models: {', '.join(stale)}; run `{COMMAND}`", file=sys.stderr)
            return 1
        return 0
    args.output.mkdir(parents=True, exist_ok=True)
    for path in sorted(args.output.glob("*.py")):
        if path.name not in files and path.read_text(encoding="utf-8").startswith(HEADER):
            path.unlink()
    for name, content in files.items():
        path = args.output / name
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
