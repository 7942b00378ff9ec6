"""Mambu's banking rules for the fake tenant: state machines, money movements, schedules."""
