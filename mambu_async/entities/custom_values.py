"""Custom field values of an entity, kept by set and field id exactly as Mambu sends them.

Mambu v2 puts each custom field set in the entity under its set id, which starts with ``_``
(api-semantics §9.4): a STANDARD set is an object ``{"fieldId": value}``, a GROUPED set a list of rows
``[{"_index": "0", "fieldId": value}, ...]``. :class:`CustomFields` keeps that shape (no flattening, so two
sets may hold fields with the same id) and values as sent (CHECKBOX ``"TRUE"``/``"FALSE"``, DATE
``"YYYY-MM-DD"``); read them typed through a :class:`~mambu_async.entities.custom_fields.MambuCustomField`
definition (``definition.to_python(value)``) or :meth:`CustomFields.typed`.

Assigned Python values are written in Mambu's forms: ``bool`` → ``"TRUE"``/``"FALSE"``, ``date`` →
``"YYYY-MM-DD"``, aware ``datetime`` → ISO with offset, ``Decimal``/``int`` as numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mambu_async.connector.validation import render_value
from mambu_async.entities.model import MISSING, PatchOp, value_ops
from mambu_async.entities.serde import copy_json
from mambu_async.errors import MambuValidationError

if TYPE_CHECKING:
    from mambu_async.entities.custom_fields import MambuCustomField

__all__ = ["CustomFieldSet", "CustomFields", "render_custom_value"]

CustomFieldSet = dict[str, Any] | list[dict[str, Any]]
"""A STANDARD set (field id → value) or a GROUPED set (rows, each with its ``_index``)."""


def render_custom_value(value: Any, path: str = "custom field") -> Any:
    """A custom field value in Mambu's wire form (``True`` → ``"TRUE"``, ``date`` → ISO string)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dict):
        return {k: render_custom_value(v, f"{path}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [render_custom_value(v, f"{path}[{i}]") for i, v in enumerate(value)]
    return render_value(value, path)  # dates as ISO strings; refuses floats and naive datetimes


class CustomFields(dict[str, Any]):
    """``{"_Set": {"field": value}, "_Grouped": [{"_index": "0", "field": value}, ...]}``.

    ``entity.custom_fields["_Set"]["field"]`` reads and assigns; :meth:`value` and :meth:`set` do the
    same for either kind of set (``index`` picks a grouped row). Each set is a :data:`CustomFieldSet`;
    items are typed ``Any`` so that ``custom_fields["_Set"]["field"] = value`` and
    ``custom_fields["_Grouped"][0]["field"]`` both type-check without a cast.
    """

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> CustomFields:
        """The custom field sets of a loaded document (a deep copy, so edits are tracked)."""
        return cls({k: copy_json(v) for k, v in doc.items() if k.startswith("_")})

    def value(self, set_id: str, field_id: str, index: int | None = None, default: Any = None) -> Any:
        """The raw value of ``field_id`` in ``set_id`` (row ``index`` of a grouped set)."""
        found = self.get(set_id)
        if isinstance(found, list):
            if index is None:
                raise MambuValidationError(f"{set_id} is a grouped set: pass index=")
            if not 0 <= index < len(found):
                return default
            return found[index].get(field_id, default)
        if isinstance(found, dict):
            return found.get(field_id, default)
        return default

    def typed(
        self, set_id: str, field_id: str, definition: MambuCustomField, index: int | None = None
    ) -> Any:
        """The value read through its definition (CHECKBOX → ``bool``, NUMBER → ``Decimal``, ...)."""
        return definition.to_python(self.value(set_id, field_id, index))

    def set(self, set_id: str, field_id: str, value: Any, index: int | None = None) -> None:
        """Assign a value (creating a STANDARD set, or a grouped row ``index`` when one is given)."""
        if not set_id.startswith("_"):
            raise MambuValidationError(f"custom field set ids start with '_', got {set_id!r}")
        if index is None:
            found = self.setdefault(set_id, {})
            if isinstance(found, list):
                raise MambuValidationError(f"{set_id} is a grouped set: pass index=")
            found[field_id] = value
            return
        rows = self.setdefault(set_id, [])
        if not isinstance(rows, list):
            raise MambuValidationError(f"{set_id} is a standard set: index= does not apply")
        while len(rows) <= index:
            rows.append({"_index": str(len(rows))})
        rows[index][field_id] = value

    def to_wire(self) -> dict[str, Any]:
        """Every set in Mambu's wire form."""
        return {k: render_custom_value(v, k) for k, v in self.items()}

    def diff(self, before: Mapping[str, Any]) -> list[PatchOp]:
        """Patch operations from the loaded document's sets to these: ``/_Set/field``, ``/_Set/0/field``."""
        ops: list[PatchOp] = []
        current = self.to_wire()
        for set_id in [k for k in before if k.startswith("_")]:
            if set_id not in current:
                ops.extend(value_ops(f"/{set_id}", before[set_id], None))
        for set_id, now in current.items():
            old = before.get(set_id, MISSING)
            path = f"/{set_id}"
            if isinstance(now, dict) and isinstance(old, dict):
                ops.extend(_fields_diff(path, old, now))
            elif (
                isinstance(now, list)
                and isinstance(old, list)
                and len(now) == len(old)
                and all(isinstance(r, dict) for r in (*now, *old))
            ):
                for i, (row_old, row_now) in enumerate(zip(old, now, strict=True)):
                    ops.extend(_fields_diff(f"{path}/{i}", row_old, row_now))
            else:
                ops.extend(value_ops(path, old, now))
        return ops


def _fields_diff(path: str, old: Mapping[str, Any], now: Mapping[str, Any]) -> list[PatchOp]:
    ops: list[PatchOp] = []
    for key in old:
        if key not in now:
            ops.extend(value_ops(f"{path}/{key}", old[key], None))
    for key, value in now.items():
        ops.extend(value_ops(f"{path}/{key}", old.get(key, MISSING), value))
    return ops
