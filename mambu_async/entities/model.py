"""``MambuModel``: the lazy, lossless attrs base of every entity and value object.

A model built from wire JSON keeps the decoded dict (``_raw``) and structures a field only when it is first
read (``__getattr__`` runs only for attributes not yet in the instance ``__dict__``), so turning a page of
FULL loans into entities costs one object allocation each. Reading or assigning a field puts it in the
instance ``__dict__``; such "materialized" fields are the only ones that can differ from ``_raw``, which
makes change tracking cheap:

- :meth:`MambuModel.to_wire` is ``_raw`` (unknown keys and custom field sets verbatim) with the
  materialized fields written back in Mambu's formats;
- :meth:`MambuModel.diff` yields JSON-patch operations for exactly the values that changed, descending into
  nested value objects that still wrap their loaded dict (``/disbursementDetails/firstRepaymentDate``).

Subclasses are ``@attrs.define(slots=False, kw_only=True)`` classes whose fields all default to ``None``;
an attribute's wire key is its camelCase name (or ``metadata={"wire": "key"}``).
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, Self

import attrs

from mambu_async.connector.validation import check_amount
from mambu_async.entities.serde import (
    Malformed,
    MambuFieldError,
    converter,
    copy_json,
    is_strict,
    to_camel,
)

__all__ = [
    "MISSING",
    "FieldSpec",
    "MambuModel",
    "PatchOp",
    "apply_ops",
    "model_fields",
    "unstructure",
    "value_ops",
]

MISSING: Any = attrs.NOTHING
PatchOp = dict[str, Any]


@attrs.frozen
class FieldSpec:
    """How one attribute maps to the wire."""

    name: str
    wire: str
    type: Any
    structure: Callable[[Any, Any], Any]
    is_model: bool
    is_money: bool
    """A ``Decimal`` field (money or a rate)."""


@attrs.frozen
class _Plan:
    by_name: dict[str, FieldSpec]
    by_wire: dict[str, FieldSpec]


_PLANS: dict[type, _Plan] = {}


def _is_model_type(tp: Any) -> bool:
    """``Model``, ``Model | None`` or ``list[Model]``."""
    if isinstance(tp, type):
        return issubclass(tp, MambuModel)
    return any(_is_model_type(arg) for arg in typing.get_args(tp))


def _plan(cls: type[MambuModel]) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        attrs.resolve_types(cls)
        specs = []
        for field in attrs.fields(cls):
            if field.metadata.get("local"):
                continue
            wire = field.metadata.get("wire") or to_camel(field.name)
            hook = converter.get_structure_hook(field.type)
            is_money = field.type is Decimal or Decimal in typing.get_args(field.type)
            specs.append(FieldSpec(field.name, wire, field.type, hook, _is_model_type(field.type), is_money))
        plan = _Plan({s.name: s for s in specs}, {s.wire: s for s in specs})
        _PLANS[cls] = plan
    return plan


def model_fields(cls: type[MambuModel]) -> dict[str, FieldSpec]:
    """The wire fields of a model class by attribute name."""
    return _plan(cls).by_name


@attrs.define(slots=False, kw_only=True)
class MambuModel:
    """Base of entities and value objects: lazy structuring, lossless ``to_wire``, change tracking."""

    _raw: dict[str, Any] = attrs.field(
        factory=dict, init=False, repr=False, eq=False, metadata={"local": True}
    )
    _path: str = attrs.field(
        default=attrs.Factory(lambda self: type(self).__name__, takes_self=True),
        init=False,
        repr=False,
        eq=False,
        metadata={"local": True},
    )

    # --- construction -------------------------------------------------------------------------

    @classmethod
    def from_wire(cls, data: dict[str, Any], *, path: str = "") -> Self:
        """A model over Mambu's decoded JSON (takes ownership of ``data``; fields built on access).

        In :func:`~mambu_async.entities.serde.strict` mode every field is structured at once and unknown
        keys are refused.
        """
        if not isinstance(data, dict):
            raise Malformed("expected an object", data).at(path or cls.__name__)
        obj = cls._lazy(data, path or cls.__name__)
        if is_strict():
            obj.check_strict()
        return obj

    @classmethod
    def _lazy(cls, data: dict[str, Any], path: str) -> Self:
        obj = cls.__new__(cls)
        state = obj.__dict__
        state["_raw"] = data
        state["_path"] = path
        return obj

    def check_strict(self) -> None:
        """Structure every field now and refuse keys the model does not declare."""
        plan = _plan(type(self))
        for key in self._raw:
            if key not in plan.by_wire and not self._allows_extra_key(key):
                raise MambuFieldError(f"{self._path}.{key}", "key not in the model", self._raw[key])
        for name in plan.by_name:
            value = getattr(self, name)
            children = value if isinstance(value, list) else [value]
            for child in children:
                if isinstance(child, MambuModel):
                    child.check_strict()

    def _allows_extra_key(self, key: str) -> bool:
        """Keys kept outside the declared fields (entities accept custom field sets ``_Xxx``)."""
        return False

    def __getattr__(self, name: str) -> Any:
        spec = _plan(type(self)).by_name.get(name)
        state = self.__dict__
        if spec is None or "_raw" not in state:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        raw = state["_raw"].get(spec.wire)
        if raw is None:
            value = None
        else:
            path = f"{state['_path']}.{spec.wire}"
            try:
                value = spec.structure(raw, spec.type)
            except Malformed as exc:
                raise exc.at(path) from None
            except (TypeError, ValueError, ArithmeticError) as exc:
                raise MambuFieldError(path, str(exc), raw) from None
            if spec.is_model:
                _set_paths(value, path)
        state[name] = value
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        """Assign a field; money and rates (``Decimal`` fields) take ``Decimal``, ``int`` or a numeric
        ``str``, never a ``float`` nor a NaN/Infinity (``MambuValidationError``, before any request)."""
        if value is not None:
            spec = _plan(type(self)).by_name.get(name)
            if spec is not None and spec.is_money:
                path = f"{self.__dict__.get('_path', type(self).__name__)}.{spec.wire}"
                value = Decimal(check_amount(value, path))
        object.__setattr__(self, name, value)

    # --- back to the wire ------------------------------------------------------------------------

    def materialized(self) -> Iterator[FieldSpec]:
        """The fields read or assigned since load (the only ones that may differ from ``_raw``)."""
        state = self.__dict__
        for name, spec in _plan(type(self)).by_name.items():
            if name in state:
                yield spec

    def to_wire(self) -> dict[str, Any]:
        """The complete document: loaded keys verbatim, changed fields in Mambu's formats.

        A field that was only read keeps the text Mambu sent (``...Z`` stays ``...Z``, ``1.50`` stays
        ``1.50``), so a PUT of a loaded document never rewrites values nobody changed (read-only ones
        included, which Mambu refuses to see changed).
        """
        doc = dict(self._raw)
        for spec in self.materialized():
            value = self.__dict__[spec.name]
            before = doc.get(spec.wire)
            if value is None:
                if before is not None:
                    del doc[spec.wire]
                continue
            wire = unstructure(value)
            if before is None or _normalized(before, spec) != wire:
                doc[spec.wire] = wire
        return doc

    def diff(self, prefix: str = "") -> list[PatchOp]:
        """JSON-patch operations turning the loaded document into the current one."""
        ops: list[PatchOp] = []
        raw = self._raw
        for spec in self.materialized():
            current = self.__dict__[spec.name]
            before = raw.get(spec.wire, MISSING)
            path = f"{prefix}/{spec.wire}"
            if isinstance(current, MambuModel) and isinstance(before, dict) and current._raw is before:
                ops.extend(current.diff(path))
                continue
            ops.extend(value_ops(path, before, unstructure(current), spec))
        return ops

    def _reload(self, data: dict[str, Any]) -> None:
        """Replace the loaded document (after a read or a write that returned the entity)."""
        state = self.__dict__
        for spec in list(self.materialized()):
            del state[spec.name]
        state["_raw"] = data


def _set_paths(value: Any, path: str) -> None:
    if isinstance(value, MambuModel):
        value.__dict__["_path"] = path
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, MambuModel):
                item.__dict__["_path"] = f"{path}[{i}]"


def unstructure(value: Any) -> Any:
    """A typed value as wire JSON (models through their ``to_wire``)."""
    if isinstance(value, MambuModel):
        return value.to_wire()
    if isinstance(value, list):
        return [unstructure(v) for v in value]
    if isinstance(value, dict):
        return {k: unstructure(v) for k, v in value.items()}
    return converter.unstructure(value)


def _normalized(before: Any, spec: FieldSpec | None) -> Any:
    """The loaded value as the model would write it back (so unchanged reads never look changed)."""
    if spec is None:
        return before
    try:
        return unstructure(spec.structure(before, spec.type))
    except (Malformed, TypeError, ValueError, ArithmeticError):
        return before


def value_ops(path: str, before: Any, after: Any, spec: FieldSpec | None = None) -> list[PatchOp]:
    """ADD / REPLACE / REMOVE for one path, or nothing when the value did not change.

    ``before`` is the loaded wire value (``MISSING`` when the key was absent), ``after`` the new wire
    value (``None`` removes the field).
    """
    existed = before is not MISSING
    if after is None:
        return [{"op": "REMOVE", "path": path}] if existed and before is not None else []
    if existed and before is not None and _normalized(before, spec) == after:
        return []
    return [{"op": "REPLACE" if existed else "ADD", "path": path, "value": after}]


def apply_ops(doc: dict[str, Any], ops: list[PatchOp]) -> None:
    """Apply sent ADD/REPLACE/REMOVE operations to a loaded document in place (the new baseline)."""
    for op in ops:
        *parents, last = op["path"].lstrip("/").split("/")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target.setdefault(part, {})
        if op["op"] == "REMOVE":
            if isinstance(target, dict):
                target.pop(last, None)
        elif isinstance(target, list):
            target[int(last)] = copy_json(op["value"])
        else:
            target[last] = copy_json(op["value"])


def _structure_model(cls: type[MambuModel]) -> Callable[[Any, Any], MambuModel]:
    def structure(value: Any, _: Any) -> MambuModel:
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            raise Malformed("expected an object", value)
        return cls._lazy(value, cls.__name__)

    return structure


def _is_model_class(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, MambuModel)


converter.register_structure_hook_factory(_is_model_class, _structure_model)
converter.register_unstructure_hook_func(_is_model_class, lambda v: v.to_wire())
