"""Commentable entities: ``comment(text)`` and ``get_comments()`` (``/comments``, api-semantics §9.2)."""

from __future__ import annotations

from mambu_async.entities.base import MambuEntity
from mambu_async.entities.comment import MambuComment
from mambu_async.errors import MambuResponseError, MambuValidationError

__all__ = ["CommentableMixin", "owner_type_of"]


def owner_type_of(entity: MambuEntity) -> str:
    """Mambu's owner type of ``entity`` for comments and documents (``CLIENT``, ``LOAN_ACCOUNT``...)."""
    owner_type = type(entity)._owner_type
    if owner_type is None:
        raise MambuValidationError(f"{type(entity).__name__} cannot own comments or documents")
    return owner_type


class CommentableMixin(MambuEntity):
    """Comments about this entity."""

    async def comment(self, text: str) -> MambuComment:
        """``POST /comments`` with ``{ownerKey, ownerType, text}``; the created comment."""
        connector = self._require_connector()
        data = await connector.mambu_comment(self._entity_id(), owner_type_of(self), text)
        if not isinstance(data, dict):
            raise MambuResponseError("expected the created comment", body=data)
        return MambuComment.from_wire(data)

    async def get_comments(
        self, *, offset: int | None = None, limit: int | None = None
    ) -> list[MambuComment]:
        """``GET /comments?ownerType=&ownerKey=``: this entity's comments (one page: ``offset``/``limit``)."""
        connector = self._require_connector()
        rows = await connector.mambu_get_comments(self._entity_id(), owner_type_of(self), offset, limit)
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise MambuResponseError("expected a list of comments", body=rows)
        return [MambuComment.from_wire(row) for row in rows]
