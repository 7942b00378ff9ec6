"""A create never takes an encodedKey another record already has, whatever generator drew that key.

The cause of a DELETE that answered 404 in the pull-under-change test: the demo tenant drew its keys
from a second generator seeded like the fake's, so clients created later received the keys of existing
clients, replaced them in the store, and their ids were gone.
"""

from __future__ import annotations

import random

from mambu_async import _json
from mambu_async.testing import FakeMambu


def _client(key: str, ident: str) -> dict[str, object]:
    return {"encodedKey": key, "id": ident, "firstName": "Old", "lastName": "Client", "state": "ACTIVE"}


def test_creates_skip_keys_drawn_by_a_generator_seeded_like_the_fake() -> None:
    fake = FakeMambu(seed=3)
    twin = random.Random(3)  # draws exactly the keys the fake is about to draw
    stored = {f"{twin.getrandbits(128):032x}": f"OLD{i}" for i in range(40)}
    for key, ident in stored.items():
        fake.store["clients"].put(_client(key, ident))
    body = _json.dumps({"firstName": "New", "lastName": "Client"})
    created = []
    for _ in range(40):
        posted = fake.dispatch("POST", "/clients", headers=fake.auth_headers(), body=body)
        assert posted.status == 201
        created.append(_json.loads(posted.body)["encodedKey"])
    assert not set(created) & stored.keys()
    assert len(fake.store["clients"]) == 80
    for key, ident in stored.items():
        assert fake.store["clients"].get(ident)["encodedKey"] == key
        assert fake.dispatch("DELETE", f"/clients/{ident}", headers=fake.auth_headers()).status == 204
