"""A client's profile picture and signature through the entity, on both connectors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mambu_async import MambuClient, MambuNotFoundError
from mambu_async.testing import FakeMambu

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(32))
JPEG = b"\xff\xd8\xff" + bytes(range(32))


async def test_picture_and_signature_round_trip(
    mambu_connector: Any, mambu_fake: FakeMambu, tmp_path: Path
) -> None:
    mambu_fake.create("clients", {"id": "C1", "firstName": "Ana", "lastName": "Lopez"})
    client = await MambuClient.get("C1", connector=mambu_connector)
    assert client.profile_picture_key is None
    with pytest.raises(MambuNotFoundError):
        await client.get_profile_picture()

    await client.set_profile_picture(PNG, file_name="face.png")
    assert client.profile_picture_key is not None
    assert await client.get_profile_picture() == PNG

    path = tmp_path / "signature.jpg"
    path.write_bytes(JPEG)
    await client.set_signature(path, name="signed")
    assert client.profile_signature_key is not None
    assert await client.get_signature() == JPEG

    await client.delete_profile_picture()
    assert client.profile_picture_key is None
    assert client.profile_signature_key is not None
    with pytest.raises(MambuNotFoundError):
        await client.get_profile_picture()
    await client.delete_signature()
    assert client.profile_signature_key is None
