"""Testing support: FakeMambu (an in-memory tenant), FakeConnector and the emulator."""
