# Generated from Mambu's OpenAPI files by tools/generate_models.py: do not edit.
# Regenerate with `python tools/generate_models.py` (`--check`, run by the tests, fails when stale).
"""attrs models generated from Mambu's OpenAPI files: one module per file (``clients``,
``deposit_accounts``, ``deposit_transactions``, ``depositproducts``, ``loanproducts``, ``loans``), and
``shared`` for definitions several files share.
"""
